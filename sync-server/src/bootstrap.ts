import { DEFAULT_TIME_ZONE, extractTemplate } from '@svod/shared';
import ExcelJS from 'exceljs';
import { generateToken, hashToken, newTokenRecord } from './auth/tokens';
import { kamchatkaTemplate } from './demo/kamchatka-template';
import type { Logger } from './http/log';
import type { Store } from './store/store';

export interface BootstrapOptions {
  regionName: string;
  /** SVOD_TIME_ZONE: the region's clock (IANA name); Moscow when absent. */
  timeZone?: string;
  /** SVOD_COORDINATOR_TOKEN: the coordinator's token on first start instead of a generated one; ignored afterwards. */
  coordinatorToken?: string;
  /** SVOD_DEMO=0 switches the demo municipalities and template off. */
  demo: boolean;
  now: Date;
}

export interface BootstrapResult {
  created: boolean;
  /**
   * Tokens to show once; empty when the region already existed. The coordinator's is left out when it came from the
   * environment; a municipality's comes with its id, which the API takes.
   */
  printed: Array<{ who: string; municipalityId?: string; token: string }>;
}

async function templateBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Svod';
  wb.created = new Date(Date.UTC(2020, 9, 22));
  wb.modified = wb.created;
  for (const grid of kamchatkaTemplate().sheets) {
    const ws = wb.addWorksheet(grid.name);
    for (const row of grid.rows) ws.addRow(row);
    for (const m of grid.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** First start on an empty data directory: the region, its coordinator, and (unless SVOD_DEMO=0) a demo to try. */
export async function bootstrap(store: Store, options: BootstrapOptions, log: Logger): Promise<BootstrapResult> {
  const data = store.db.data;
  const printed: BootstrapResult['printed'] = [];
  if (data.region) {
    // The environment seeds an empty store only: a token it once set may since have been rotated, and bringing it back
    // at every start would undo the rotation. Say so when it no longer works, or the operator is left guessing.
    if (options.coordinatorToken) {
      const hash = hashToken(options.coordinatorToken);
      const known = data.tokens.filter((t) => t.role === 'coordinator' && t.hash === hash);
      if (!known.some((t) => t.revokedAt === null)) {
        const revoked = known.length > 0;
        log.warn(
          revoked
            ? 'SVOD_COORDINATOR_TOKEN не действует: этот токен координатора отозван (его сменили через POST /api/v1/tokens/coordinator/rotate). ' +
                'Переменная задаёт токен только при первом запуске на пустом каталоге данных. Входите с новым токеном и уберите переменную или запишите в неё новый токен.'
            : 'SVOD_COORDINATOR_TOKEN не действует: такого токена координатора в каталоге данных нет. ' +
                'Переменная задаёт токен только при первом запуске на пустом каталоге данных; действует токен координатора, выданный раньше.',
        );
        await store.audit.append({ action: 'token-from-environment-ignored', actor: 'system', target: 'coordinator', details: { revoked } });
      }
    }
    return { created: false, printed };
  }
  data.region = { name: options.regionName, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, deadline: null, template: null, createdAt: options.now.toISOString() };
  const coordinator = options.coordinatorToken ?? generateToken();
  data.tokens.push(newTokenRecord(coordinator, 'coordinator', null, options.now));
  if (!options.coordinatorToken) printed.push({ who: 'Координатор', token: coordinator });

  if (options.demo) {
    const demo = [
      ['petropavlovsk', 'Петропавловск-Камчатский городской округ'],
      ['elizovsky', 'Елизовский муниципальный район'],
      ['ust-kamchatsky', 'Усть-Камчатский муниципальный район'],
    ] as const;
    for (const [id, name] of demo) {
      const token = generateToken();
      data.municipalities.push({ id, name, createdAt: options.now.toISOString() });
      data.tokens.push(newTokenRecord(token, 'municipality', id, options.now));
      printed.push({ who: name, municipalityId: id, token });
    }
    const bytes = await templateBytes();
    const fileHash = await store.blobs.put(bytes);
    data.region.template = { fileHash, fileName: 'Шаблон целевых показателей (Камчатский край).xlsx', uploadedAt: options.now.toISOString(), content: extractTemplate(kamchatkaTemplate()) };
    const deadline = new Date(options.now.getTime() + 21 * 86_400_000);
    data.region.deadline = deadline.toISOString().slice(0, 10);
  }
  await store.db.write();
  await store.audit.append({ action: 'region-created', actor: 'system', details: { demo: options.demo, coordinatorFromEnvironment: !!options.coordinatorToken } });
  log.info('region created', { region: options.regionName, demo: options.demo });
  return { created: true, printed };
}
