import { DEFAULT_TIME_ZONE, extractTemplate } from '@svod/shared';
import ExcelJS from 'exceljs';
import { generateToken, hashToken, newTokenRecord } from './auth/tokens';
import { kamchatkaTemplate } from './demo/kamchatka-template';
import type { Logger } from './http/log';
import type { Store } from './store/store';
import { DEFAULT_REGION_ID, type MunicipalityRecord, type RegionRecord } from './store/schema';

export interface BootstrapOptions {
  /** SVOD_REGION_ID: the first region's id (the tenant key); `region` when absent. */
  regionId?: string;
  regionName: string;
  /** SVOD_TIME_ZONE: the region's clock (IANA name); Moscow when absent. */
  timeZone?: string;
  /** SVOD_COORDINATOR_TOKEN: the coordinator's token on first start instead of a generated one; ignored afterwards. */
  coordinatorToken?: string;
  /**
   * SVOD_FEDERAL_TOKEN: the federal coordinator's token. A value the store has not seen becomes the live federal token
   * (any older one is revoked); a revoked one is not brought back.
   */
  federalToken?: string;
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

/**
 * First start on an empty store: the region, its coordinator, and (unless SVOD_DEMO=0) a demo to try. A store that
 * holds any region is left as it is (a deployment of many regions creates them through the federal role). Two
 * processes starting together on one empty database create the region once: the other finds it made.
 */
export async function bootstrap(store: Store, options: BootstrapOptions, log: Logger): Promise<BootstrapResult> {
  if (options.federalToken) await federalFromEnvironment(store, options.federalToken, options.now, log);
  return bootstrapRegion(store, options, log);
}

async function federalFromEnvironment(store: Store, token: string, now: Date, log: Logger): Promise<void> {
  const known = await store.tokenByHash(hashToken(token));
  if (known && known.role === 'federal' && known.revokedAt === null) return;
  if (known) {
    log.warn(
      known.role === 'federal'
        ? 'SVOD_FEDERAL_TOKEN не действует: этот федеральный токен отозван. Задайте в переменной новый токен.'
        : 'SVOD_FEDERAL_TOKEN не действует: это токен другой роли. Задайте в переменной отдельный длинный случайный токен.',
    );
    await store.audit.append({ action: 'token-from-environment-ignored', actor: 'system', target: 'federal', details: { revoked: known.revokedAt !== null } });
    return;
  }
  const revoked = await store.replaceTokens({ role: 'federal' }, newTokenRecord(token, 'federal', null, null, now), now.toISOString());
  await store.audit.append({ action: 'federal-token-from-environment', actor: 'system', target: 'federal', details: { revoked } });
  log.info('federal token set from the environment', { revoked });
}

async function bootstrapRegion(store: Store, options: BootstrapOptions, log: Logger): Promise<BootstrapResult> {
  const printed: BootstrapResult['printed'] = [];
  const regionId = options.regionId ?? DEFAULT_REGION_ID;
  const regions = await store.regions();
  if (regions.length > 0) {
    // The environment seeds an empty store only: a token it once set may since have been rotated, and bringing it back
    // at every start would undo the rotation. Say so when it no longer works, or the operator is left guessing.
    if (options.coordinatorToken) {
      const known = await store.tokenByHash(hashToken(options.coordinatorToken));
      if (!(known && known.role === 'coordinator' && known.revokedAt === null)) {
        const revoked = known !== null && known.role === 'coordinator';
        log.warn(
          revoked
            ? 'SVOD_COORDINATOR_TOKEN не действует: этот токен координатора отозван (его сменили через POST /api/v1/tokens/coordinator/rotate). ' +
                'Переменная задаёт токен только при первом запуске на пустом каталоге данных. Входите с новым токеном и уберите переменную или запишите в неё новый токен.'
            : 'SVOD_COORDINATOR_TOKEN не действует: такого токена координатора в каталоге данных нет. ' +
                'Переменная задаёт токен только при первом запуске на пустом каталоге данных; действует токен координатора, выданный раньше.',
        );
        await store.audit.append({ action: 'token-from-environment-ignored', actor: 'system', ...(known?.regionId ? { region: known.regionId } : {}), target: 'coordinator', details: { revoked } });
      }
    }
    return { created: false, printed };
  }
  const region: RegionRecord = { id: regionId, name: options.regionName, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, deadline: null, template: null, createdAt: options.now.toISOString() };
  const coordinator = options.coordinatorToken ?? generateToken();
  const tokens = [newTokenRecord(coordinator, 'coordinator', regionId, null, options.now)];
  const municipalities: MunicipalityRecord[] = [];
  if (!options.coordinatorToken) printed.push({ who: 'Координатор', token: coordinator });

  if (options.demo) {
    const demo = [
      ['petropavlovsk', 'Петропавловск-Камчатский городской округ'],
      ['elizovsky', 'Елизовский муниципальный район'],
      ['ust-kamchatsky', 'Усть-Камчатский муниципальный район'],
    ] as const;
    for (const [id, name] of demo) {
      const token = generateToken();
      municipalities.push({ regionId, id, name, createdAt: options.now.toISOString() });
      tokens.push(newTokenRecord(token, 'municipality', regionId, id, options.now));
      printed.push({ who: name, municipalityId: id, token });
    }
    const bytes = await templateBytes();
    const fileHash = await store.blobs.put(bytes);
    region.template = { fileHash, fileName: 'Шаблон целевых показателей (Камчатский край).xlsx', uploadedAt: options.now.toISOString(), content: extractTemplate(kamchatkaTemplate()) };
    const deadline = new Date(options.now.getTime() + 21 * 86_400_000);
    region.deadline = deadline.toISOString().slice(0, 10);
  }
  // Another process made it first (both started on an empty database): its tokens are the ones that work.
  if (!(await store.createRegion({ region, municipalities, tokens }))) return { created: false, printed: [] };
  await store.audit.append({ action: 'region-created', actor: 'system', region: regionId, details: { demo: options.demo, coordinatorFromEnvironment: !!options.coordinatorToken } });
  log.info('region created', { region: options.regionName, demo: options.demo });
  return { created: true, printed };
}
