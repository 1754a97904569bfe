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
  /** SVOD_COORDINATOR_TOKEN: used instead of a generated token (deployments, scripts). */
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
    // A token set in the environment must keep working after restarts and rotations alike.
    if (options.coordinatorToken && !data.tokens.some((t) => t.hash === hashToken(options.coordinatorToken!) && t.revokedAt === null)) {
      data.tokens.push(newTokenRecord(options.coordinatorToken, 'coordinator', null, options.now));
      await store.db.write();
      await store.audit.append({ action: 'token-from-environment', actor: 'system', target: 'coordinator' });
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
