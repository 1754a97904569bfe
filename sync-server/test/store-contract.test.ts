/**
 * The store interface's contract (issue #13, store/port.ts), run against both implementations: whatever the services
 * rely on holds for the embedded lowdb store and for PostgreSQL alike.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../src/store/blobs';
import { openLowdbStore } from '../src/store/lowdb';
import type { AuditEvent, RegionSeed, Store, VersionDraft, VersionState } from '../src/store/port';
import { openPostgresStore } from '../src/store/postgres';
import type { MunicipalityRecord, RegionRecord, SubmissionRecord, TokenRecord } from '../src/store/schema';
import { freshSchema, testDatabaseUrl, withAdmin } from './support/postgres';

const T0 = '2026-11-20T09:00:00.000Z';
const T1 = '2026-11-21T10:30:00.000Z';

type StoredAuditEvent = AuditEvent & { at: string };

/** A store under test, how to open it again on the same data, and what its audit log holds. */
interface Harness {
  store: Store;
  /** Closes the store and opens a new one on the same data (no cache of the first one survives). */
  reopen(): Promise<Store>;
  auditEvents(): Promise<StoredAuditEvent[]>;
  close(): Promise<void>;
}

async function lowdbHarness(now: () => Date): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'svod-contract-'));
  const h: Harness = {
    store: await openLowdbStore(dir, now),
    async reopen() {
      await h.store.close();
      return (h.store = await openLowdbStore(dir, now));
    },
    async auditEvents() {
      const text = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StoredAuditEvent);
    },
    async close() {
      await h.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

async function postgresHarness(now: () => Date): Promise<Harness> {
  const { schema, drop } = await freshSchema();
  const open = () => openPostgresStore({ connectionString: testDatabaseUrl(), schema, poolSize: 4, now });
  const h: Harness = {
    store: await open(),
    async reopen() {
      await h.store.close();
      return (h.store = await open());
    },
    auditEvents: () =>
      withAdmin(async (c) => {
        const rows = await c.query(`select at, region, action, actor, target, details from "${schema}".audit_events order by id`);
        return rows.rows.map((r) => ({
          at: (r.at as Date).toISOString(),
          action: r.action,
          actor: r.actor,
          ...(r.region !== null ? { region: r.region } : {}),
          ...(r.target !== null ? { target: r.target } : {}),
          ...(r.details !== null ? { details: r.details } : {}),
        }));
      }),
    async close() {
      await h.store.close();
      await drop();
    },
  };
  return h;
}

const IMPLEMENTATIONS: Array<[string, (now: () => Date) => Promise<Harness>]> = [
  ['lowdb', lowdbHarness],
  ['postgres', postgresHarness],
];

function regionRecord(id: string, extra: Partial<RegionRecord> = {}): RegionRecord {
  return { id, name: `Регион ${id}`, deadline: null, template: null, createdAt: T0, ...extra };
}

/** Every optional field of a region present. */
function fullRegion(id: string): RegionRecord {
  return regionRecord(id, {
    timeZone: 'Asia/Kamchatka',
    deadline: '2026-12-15',
    mappings: [
      { from: 'доля педагогов', name: 'Доля педагогов ', to: 'доля педагогических работников' },
      { from: 'прочее', name: 'Прочее', to: null },
    ],
    template: {
      fileHash: sha256('template'),
      fileName: 'Шаблон.xlsx',
      uploadedAt: T1,
      content: {
        indicators: [
          { key: 'доля педагогических работников', name: 'Доля педагогических работников', number: '1.1', unit: '%', section: 'Кадры', sheet: 'Показатели', cell: 'B4' },
          { key: 'число школ', name: 'Число школ', number: null, unit: 'ед.', section: null },
        ],
        years: [2025, 2026, 2027],
        sections: ['Кадры', 'Инфраструктура'],
      },
    },
    googleSheet: { spreadsheetId: 'sheet-regional', registeredAt: T1 },
  });
}

function municipalityRecord(regionId: string, id: string, extra: Partial<MunicipalityRecord> = {}): MunicipalityRecord {
  return { regionId, id, name: `Муниципалитет ${id}`, createdAt: T0, ...extra };
}

let tokenCount = 0;
function tokenRecord(role: TokenRecord['role'], regionId: string | null, municipalityId: string | null = null, extra: Partial<TokenRecord> = {}): TokenRecord {
  tokenCount++;
  return { id: `token-${tokenCount}`, hash: sha256(`token ${tokenCount} ${Math.random()}`), role, regionId, municipalityId, createdAt: T0, revokedAt: null, ...extra };
}

function draft(regionId: string, municipalityId: string, extra: Partial<VersionDraft> = {}): VersionDraft {
  return {
    id: `v-${randomBytes(6).toString('hex')}`,
    regionId,
    municipalityId,
    submittedAt: T0,
    kind: 'xlsx',
    fileName: 'Дорожная карта.xlsx',
    fileHash: sha256('file'),
    contentHash: sha256('content'),
    status: 'accepted',
    summary: { errors: 0, warnings: 1, infos: 2 },
    diagnosticsHash: sha256('[]'),
    idempotencyKey: null,
    ...extra,
  };
}

/** A version draft decide always stores. */
const always = (d: VersionDraft) => (): VersionDraft => d;

function seed(regionId: string, municipalityIds: string[] = [], extra: Partial<RegionRecord> = {}): RegionSeed {
  return {
    region: regionRecord(regionId, extra),
    municipalities: municipalityIds.map((id) => municipalityRecord(regionId, id)),
    tokens: [tokenRecord('coordinator', regionId), ...municipalityIds.map((id) => tokenRecord('municipality', regionId, id))],
  };
}

describe.each(IMPLEMENTATIONS)('the %s store', (_name, openHarness) => {
  let clock: Date;
  let h: Harness;
  let store: Store;
  beforeEach(async () => {
    clock = new Date('2026-11-20T09:00:00.000Z');
    h = await openHarness(() => clock);
    store = h.store;
  });
  afterEach(() => h.close());

  describe('regions', () => {
    it('creates a region with its municipalities and tokens, and refuses another with the same id, storing nothing of it', async () => {
      const first = seed('kamchatka', ['elizovsky']);
      expect(await store.createRegion(first)).toBe(true);
      const second = seed('kamchatka', ['other'], { name: 'Другой' });
      expect(await store.createRegion(second)).toBe(false);

      expect(await store.regions()).toStrictEqual([first.region]);
      expect(await store.region('kamchatka')).toStrictEqual(first.region);
      expect(await store.region('nowhere')).toBeNull();
      expect(await store.municipalities('kamchatka')).toStrictEqual(first.municipalities);
      expect(await store.liveTokens('kamchatka')).toStrictEqual(first.tokens);
      for (const t of second.tokens) expect(await store.tokenByHash(t.hash)).toBeNull();
    });

    it('updates a region through a change of a copy; a change that throws stores nothing and its own error reaches the caller', async () => {
      await store.createRegion(seed('kamchatka'));
      const updated = await store.updateRegion('kamchatka', (r) => {
        r.deadline = '2026-12-01';
        r.timeZone = 'Asia/Kamchatka';
      });
      expect(updated).toStrictEqual(regionRecord('kamchatka', { deadline: '2026-12-01', timeZone: 'Asia/Kamchatka' }));

      const refusal = new Error('refused by the caller');
      await expect(
        store.updateRegion('kamchatka', (r) => {
          r.name = 'half-done';
          throw refusal;
        }),
      ).rejects.toBe(refusal);
      expect(await store.region('kamchatka')).toStrictEqual(updated);
      expect(await store.updateRegion('nowhere', (r) => void (r.name = 'x'))).toBeNull();
      expect(await store.regions()).toHaveLength(1);
    });

    it('keeps a region where it is filed when a change alters its id', async () => {
      await store.createRegion(seed('kamchatka'));
      await store
        .updateRegion('kamchatka', (r) => {
          r.id = 'moved';
        })
        .catch(() => undefined); // refusing and ignoring are both allowed; moving is not
      expect(await store.region('moved')).toBeNull();
      expect((await store.region('kamchatka'))?.id).toBe('kamchatka');
    });
  });

  describe('tokens', () => {
    it('finds a token by its hash, live or revoked, and lists the live tokens of one region only', async () => {
      const a = seed('a', ['m1']);
      const b = seed('b', ['m1']);
      await store.createRegion(a);
      await store.createRegion(b);
      const federal = tokenRecord('federal', null);
      await store.replaceTokens({ role: 'federal' }, federal, T1);

      expect(await store.tokenByHash(a.tokens[1]!.hash)).toStrictEqual(a.tokens[1]);
      expect(await store.tokenByHash(federal.hash)).toStrictEqual(federal);
      expect(await store.tokenByHash(sha256('never issued'))).toBeNull();
      expect(await store.liveTokens('a')).toStrictEqual(a.tokens);
      expect(await store.liveTokens('b')).toStrictEqual(b.tokens);

      await store.replaceTokens({ role: 'municipality', regionId: 'a', municipalityId: 'm1' }, null, T1);
      expect(await store.tokenByHash(a.tokens[1]!.hash)).toStrictEqual({ ...a.tokens[1], revokedAt: T1 });
      expect(await store.liveTokens('a')).toStrictEqual([a.tokens[0]]);
      // The other region's municipality of the same id keeps its token.
      expect(await store.liveTokens('b')).toStrictEqual(b.tokens);
    });

    it('replaces the live tokens of a scope with a new one in one step, and says how many it revoked', async () => {
      const a = seed('a', ['m1', 'm2']);
      await store.createRegion(a);
      await store.createRegion(seed('b', ['m1']));
      const coordinator = tokenRecord('coordinator', 'a');
      expect(await store.replaceTokens({ role: 'coordinator', regionId: 'a' }, coordinator, T1)).toBe(1);
      expect((await store.liveTokens('a')).filter((t) => t.role === 'coordinator')).toStrictEqual([coordinator]);
      expect((await store.liveTokens('b')).filter((t) => t.role === 'coordinator')).toHaveLength(1);
      expect(await store.tokenByHash(a.tokens[0]!.hash)).toStrictEqual({ ...a.tokens[0], revokedAt: T1 });

      const m2 = tokenRecord('municipality', 'a', 'm2');
      expect(await store.replaceTokens({ role: 'municipality', regionId: 'a', municipalityId: 'm2' }, m2, T1)).toBe(1);
      expect(await store.liveTokens('a')).toStrictEqual([a.tokens[1], coordinator, m2]);
      expect(await store.replaceTokens({ role: 'federal' }, null, T1)).toBe(0);
    });

    it('leaves exactly one live coordinator token after replacements at the same moment', async () => {
      await store.createRegion(seed('a'));
      const replacements = Array.from({ length: 6 }, () => tokenRecord('coordinator', 'a'));
      const revoked = await Promise.all(replacements.map((t) => store.replaceTokens({ role: 'coordinator', regionId: 'a' }, t, T1)));
      const live = (await store.liveTokens('a')).filter((t) => t.role === 'coordinator');
      expect(live).toHaveLength(1);
      // The first one and every replacement but the survivor were each revoked once.
      expect(revoked.reduce((n, r) => n + r, 0)).toBe(replacements.length);
    });
  });

  describe('municipalities', () => {
    it('adds a municipality with its first token, refuses a taken id storing neither, and updates one', async () => {
      await store.createRegion(seed('a'));
      const m = municipalityRecord('a', 'elizovsky');
      const token = tokenRecord('municipality', 'a', 'elizovsky');
      expect(await store.addMunicipality(m, token)).toBe(true);
      const again = tokenRecord('municipality', 'a', 'elizovsky');
      expect(await store.addMunicipality(municipalityRecord('a', 'elizovsky', { name: 'Другое имя' }), again)).toBe(false);
      expect(await store.municipalities('a')).toStrictEqual([m]);
      expect(await store.tokenByHash(token.hash)).toStrictEqual(token);
      expect(await store.tokenByHash(again.hash)).toBeNull();

      const updated = await store.updateMunicipality('a', 'elizovsky', (x) => {
        x.deactivatedAt = T1;
        x.columns = { 'Мероприятие': 'activity' };
      });
      expect(updated).toStrictEqual({ ...m, deactivatedAt: T1, columns: { 'Мероприятие': 'activity' } });
      expect(await store.municipality('a', 'elizovsky')).toStrictEqual(updated);
      const refusal = new Error('no');
      await expect(
        store.updateMunicipality('a', 'elizovsky', (x) => {
          delete x.deactivatedAt;
          throw refusal;
        }),
      ).rejects.toBe(refusal);
      expect(await store.municipality('a', 'elizovsky')).toStrictEqual(updated);
      expect(await store.updateMunicipality('a', 'nowhere', () => undefined)).toBeNull();
      expect(await store.municipality('a', 'nowhere')).toBeNull();
    });

    it('keeps the same municipality id in two regions apart: records, changes, versions', async () => {
      await store.createRegion(seed('a', ['shared']));
      await store.createRegion(seed('b', ['shared']));
      await store.updateMunicipality('a', 'shared', (m) => void (m.name = 'А'));
      expect((await store.municipality('a', 'shared'))?.name).toBe('А');
      expect((await store.municipality('b', 'shared'))?.name).toBe('Муниципалитет shared');

      const va = await store.appendVersion('a', 'shared', null, always(draft('a', 'shared')));
      const vb1 = await store.appendVersion('b', 'shared', null, always(draft('b', 'shared', { status: 'rejected' })));
      const vb2 = await store.appendVersion('b', 'shared', null, always(draft('b', 'shared', { status: 'rejected' })));
      expect([va.record.version, vb1.record.version, vb2.record.version]).toEqual([1, 1, 2]);
      expect(await store.submissions('a')).toStrictEqual([va.record]);
      expect(await store.submissions('b', 'shared')).toStrictEqual([vb1.record, vb2.record]);
      expect((await store.latest('a')).get('shared')).toStrictEqual({ last: va.record, accepted: va.record });
      expect((await store.latest('b')).get('shared')).toStrictEqual({ last: vb2.record, accepted: null });
      expect(await store.submission('a', vb1.record.id)).toBeNull();
      expect(await store.updateSubmission('a', vb1.record.id, () => undefined)).toBeNull();
    });
  });

  describe('versions', () => {
    beforeEach(async () => {
      await store.createRegion(seed('a', ['m1', 'm2']));
    });

    it('numbers the versions of a municipality 1, 2, 3, each municipality on its own', async () => {
      const seen: VersionState[] = [];
      const versions: SubmissionRecord[] = [];
      for (let i = 0; i < 3; i++) {
        const d = draft('a', 'm1');
        const { record, created } = await store.appendVersion('a', 'm1', null, (state) => (seen.push(state), d));
        expect(created).toBe(true);
        expect(record).toStrictEqual({ ...d, version: i + 1 });
        versions.push(record);
      }
      expect(seen.map((s) => s.last?.version ?? null)).toEqual([null, 1, 2]);
      expect(seen[2]!.last).toStrictEqual(versions[1]);
      expect(seen.every((s) => s.byKey === null)).toBe(true);
      expect((await store.appendVersion('a', 'm2', null, always(draft('a', 'm2')))).record.version).toBe(1);
      expect(await store.submissions('a', 'm1')).toStrictEqual(versions);
      expect(await store.submission('a', versions[1]!.id)).toStrictEqual(versions[1]);
    });

    it('stores nothing when decide answers with a stored version, and says it was not created', async () => {
      const first = await store.appendVersion('a', 'm1', null, always(draft('a', 'm1')));
      const again = await store.appendVersion('a', 'm1', null, (state) => state.last!);
      expect(again).toStrictEqual({ record: first.record, created: false });
      expect(await store.submissions('a')).toStrictEqual([first.record]);
    });

    it('stores nothing when decide throws, and its own error reaches the caller', async () => {
      await store.appendVersion('a', 'm1', 'key-1', always(draft('a', 'm1', { idempotencyKey: 'key-1' })));
      const conflict = new Error('this key was used for another file');
      await expect(
        store.appendVersion('a', 'm1', 'key-1', () => {
          throw conflict;
        }),
      ).rejects.toBe(conflict);
      expect(await store.submissions('a')).toHaveLength(1);
      expect((await store.appendVersion('a', 'm1', null, always(draft('a', 'm1')))).record.version).toBe(2);
    });

    it('shows decide the version stored under the request\'s idempotency key: of this municipality only, null for a new key or none', async () => {
      const keyed = await store.appendVersion('a', 'm1', 'key-1', always(draft('a', 'm1', { idempotencyKey: 'key-1' })));
      await store.appendVersion('a', 'm1', null, always(draft('a', 'm1')));
      const states: VersionState[] = [];
      const look = (municipalityId: string, key: string | null) =>
        store.appendVersion('a', municipalityId, key, (state) => {
          states.push(state);
          return state.byKey ?? state.last ?? draft('a', municipalityId);
        });
      expect(await look('m1', 'key-1')).toStrictEqual({ record: keyed.record, created: false });
      await look('m1', 'key-2');
      await look('m1', null);
      const other = await look('m2', 'key-1');
      expect(states.map((s) => s.byKey?.id ?? null)).toEqual([keyed.record.id, null, null, null]);
      expect(states.map((s) => s.last?.version ?? null)).toEqual([2, 2, 2, null]);
      expect(other.created).toBe(true);
    });

    it('rejects a version of a municipality that does not exist, naming it, and stores nothing', async () => {
      await expect(store.appendVersion('a', 'ghost', null, always(draft('a', 'ghost')))).rejects.toThrow(/ghost/);
      await expect(store.appendVersion('nowhere', 'm1', null, always(draft('nowhere', 'm1')))).rejects.toThrow(/m1/);
      expect(await store.submissions('a')).toEqual([]);
    });

    it('gives every municipality its last and last accepted version, through mixes of accepted and rejected', async () => {
      await store.createRegion(seed('b', ['m1']));
      await store.addMunicipality(municipalityRecord('a', 'm3'), tokenRecord('municipality', 'a', 'm3'));
      await store.addMunicipality(municipalityRecord('a', 'm4'), tokenRecord('municipality', 'a', 'm4'));
      const append = async (m: string, status: SubmissionRecord['status'], region = 'a') =>
        (await store.appendVersion(region, m, null, always(draft(region, m, { status })))).record;
      // m1: accepted, rejected → last rejected, accepted 1. m2: rejected only. m3: rejected, accepted → both the same.
      const m1a = await append('m1', 'accepted');
      const m2r = await append('m2', 'rejected');
      const m1r = await append('m1', 'rejected');
      await append('m3', 'rejected');
      const m3a = await append('m3', 'accepted');
      await append('m1', 'accepted', 'b');

      const latest = await store.latest('a');
      expect([...latest.keys()].sort()).toEqual(['m1', 'm2', 'm3']); // m4 has no versions: absent
      expect(latest.get('m1')).toStrictEqual({ last: m1r, accepted: m1a });
      expect(latest.get('m2')).toStrictEqual({ last: m2r, accepted: null });
      expect(latest.get('m3')).toStrictEqual({ last: m3a, accepted: m3a });
      expect((await store.latest('nowhere')).size).toBe(0);
    });

    it('updates a version through a change of a copy; a change that throws stores nothing; keys stay', async () => {
      const { record } = await store.appendVersion('a', 'm1', null, always(draft('a', 'm1')));
      const returned = await store.updateSubmission('a', record.id, (s) => {
        s.returns = [...(s.returns ?? []), { id: 'r1', comment: 'Исправьте раздел 2', at: T1 }];
        s.version = 99;
        s.municipalityId = 'm2';
      });
      expect(returned).toStrictEqual({ ...record, returns: [{ id: 'r1', comment: 'Исправьте раздел 2', at: T1 }] });
      const refusal = new Error('already returned');
      await expect(
        store.updateSubmission('a', record.id, (s) => {
          delete s.returns;
          throw refusal;
        }),
      ).rejects.toBe(refusal);
      expect(await store.submission('a', record.id)).toStrictEqual(returned);
      expect(await store.submissions('a', 'm2')).toEqual([]);
      expect(await store.updateSubmission('a', 'no-such-version', () => undefined)).toBeNull();
    });
  });

  it('lists regions, municipalities, tokens and versions in the order they were stored', async () => {
    const ids = ['zeta', 'alpha', 'mu', 'beta'];
    for (const id of ids) await store.createRegion(seed(id));
    expect((await store.regions()).map((r) => r.id)).toEqual(ids);
    const tokens = [];
    for (const id of ids) {
      const token = tokenRecord('municipality', 'mu', id);
      tokens.push(token);
      await store.addMunicipality(municipalityRecord('mu', id), token);
    }
    expect((await store.municipalities('mu')).map((m) => m.id)).toEqual(ids);
    expect((await store.liveTokens('mu')).slice(1)).toStrictEqual(tokens);
    const order: string[] = [];
    for (const id of [...ids, ...ids.slice().reverse()]) {
      order.push((await store.appendVersion('mu', id, null, always(draft('mu', id, { id: `v-${id}-${order.length}` })))).record.id);
    }
    expect((await store.submissions('mu')).map((s) => s.id)).toEqual(order);
    expect((await store.submissions('mu', 'alpha')).map((s) => s.id)).toEqual(order.filter((id) => id.startsWith('v-alpha-')));
  });

  it('reads back every record exactly as it was stored, with every optional field present and with none', async () => {
    const bare = seed('bare', ['plain']);
    const full: RegionSeed = {
      region: fullRegion('full'),
      municipalities: [
        municipalityRecord('full', 'rich', {
          deactivatedAt: T1,
          googleSheet: { spreadsheetId: 'sheet-1', sheets: ['Показатели', 'Дорожная карта'], registeredAt: T1 },
          columns: { 'Что делаем': 'activity', 'Срок': 'deadline' },
        }),
        municipalityRecord('full', 'all-sheets', { googleSheet: { spreadsheetId: 'sheet-2', sheets: null, registeredAt: T1 } }),
      ],
      tokens: [tokenRecord('coordinator', 'full'), tokenRecord('municipality', 'full', 'rich', { revokedAt: T1 })],
    };
    await store.createRegion(bare);
    await store.createRegion(full);
    const plainVersion = draft('bare', 'plain', { fileName: null, kind: 'csv', status: 'rejected', summary: { errors: 3, warnings: 0, infos: 0 } });
    const richVersion = draft('full', 'rich', {
      kind: 'json',
      idempotencyKey: 'c2b1a4e0-key',
      summary: { errors: 0, warnings: 2000, infos: 5, truncated: true },
      templateFree: true,
      source: { kind: 'google-sheets', spreadsheetId: 'sheet-1', title: 'Дорожная карта «Елизово»' },
      columns: { 'Что делаем': 'activity' },
      returns: [{ id: 'r1', comment: 'Проверьте «Срок»\nи единицы', at: T1 }],
    });
    const plain = (await store.appendVersion('bare', 'plain', null, always(plainVersion))).record;
    const rich = (await store.appendVersion('full', 'rich', 'c2b1a4e0-key', always(richVersion))).record;
    expect(plain).toStrictEqual({ ...plainVersion, version: 1 });
    expect(rich).toStrictEqual({ ...richVersion, version: 1 });

    const reopened = await h.reopen();
    expect(await reopened.regions()).toStrictEqual([bare.region, full.region]);
    expect(await reopened.municipalities('bare')).toStrictEqual(bare.municipalities);
    expect(await reopened.municipalities('full')).toStrictEqual(full.municipalities);
    expect(await reopened.tokenByHash(full.tokens[1]!.hash)).toStrictEqual(full.tokens[1]);
    expect(await reopened.liveTokens('full')).toStrictEqual([full.tokens[0]]);
    expect(await reopened.submission('bare', plain.id)).toStrictEqual(plain);
    expect(await reopened.submission('full', rich.id)).toStrictEqual(rich);
    expect(await reopened.latest('full')).toStrictEqual(new Map([['rich', { last: rich, accepted: rich }]]));
  });

  it('stores blobs once by their hash and reads them back byte for byte, after a reopen too', async () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const large = new Uint8Array(randomBytes(3 * 1024 * 1024)); // beyond what is kept in memory
    const json = JSON.stringify({ diagnostics: [{ rule: 'х', message: 'Нет «года»' }] });
    const [h1, h2, h3] = await Promise.all([store.blobs.put(every), store.blobs.put(large), store.blobs.put(json)]);
    expect([h1, h2, h3]).toEqual([sha256(every), sha256(large), sha256(json)]);
    expect(await Promise.all(Array.from({ length: 5 }, () => store.blobs.put(every)))).toEqual(Array(5).fill(h1));
    expect(await store.blobs.put(json, sha256(json))).toBe(h3);

    const reopened = await h.reopen();
    expect(Buffer.from(await reopened.blobs.get(h1)).equals(Buffer.from(every))).toBe(true);
    expect(Buffer.from(await reopened.blobs.get(h2)).equals(Buffer.from(large))).toBe(true);
    expect(await reopened.blobs.getJson(h3)).toEqual(JSON.parse(json));
    await expect(reopened.blobs.get(sha256('never stored'))).rejects.toThrow();
  });

  it('appends audit events in order, each at the store clock\'s time', async () => {
    await store.audit.append({ action: 'region-created', actor: 'system', region: 'a', details: { demo: false } });
    clock = new Date('2026-11-20T09:00:05.123Z');
    await store.audit.append({ action: 'submission', actor: 'municipality:m1', region: 'a', target: 'v-1', details: { version: 1, status: 'accepted' } });
    await store.audit.append({ action: 'server-started', actor: 'system' });
    expect(await h.auditEvents()).toEqual([
      { at: '2026-11-20T09:00:00.000Z', action: 'region-created', actor: 'system', region: 'a', details: { demo: false } },
      { at: '2026-11-20T09:00:05.123Z', action: 'submission', actor: 'municipality:m1', region: 'a', target: 'v-1', details: { version: 1, status: 'accepted' } },
      { at: '2026-11-20T09:00:05.123Z', action: 'server-started', actor: 'system' },
    ]);
  });
});
