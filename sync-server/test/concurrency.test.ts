/**
 * Evidence «Concurrency» of issue #8: 50 clients submit at once to the real server (`startServer`, HTTP on 127.0.0.1,
 * a fresh data directory), two clients per municipality, with racing resubmissions of one content, retries and
 * conflicts under one Idempotency-Key, and keys shared by both clients of a municipality. Afterwards the data
 * directory is read as the server left it: no acknowledged version lost, none stored that was not acknowledged, none
 * duplicated, versions 1..N in commit order per municipality, every key stored once, no 5xx.
 *
 * `npm test`: 50 clients × 4 rounds; `SVOD_SOAK=1`: 50 × 20. With `SVOD_SOAK_REPORT` naming a file, one JSON line of
 * figures is appended to it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server';
import { COORDINATOR, roadmapJson } from './helpers';
import { reportFigures, SOAK } from './soak-report';

const CLIENTS = 50;
const CLIENTS_PER_MUNICIPALITY = 2;
const ROUNDS = SOAK ? 20 : 4;
const BOUND_MS = SOAK ? 540_000 : 150_000;

interface Answer {
  municipality: string;
  client: number;
  round: number;
  kind: RoundKind;
  key: string | null;
  hash: string;
  status: number;
  id: string | null;
  version: number | null;
  code: string | null;
}

/**
 * What a client does in a round, in turn:
 * - `race`: the same new content twice at once, no key (a double click);
 * - `retry`: the same new content twice at once under one key (a retried request);
 * - `conflict`: two different contents at once under one key, then the winner's content again under it;
 * - `shared`: the municipality's content of the round twice at once under a key its other client uses too.
 */
type RoundKind = 'race' | 'retry' | 'conflict' | 'shared';
const KINDS: RoundKind[] = ['race', 'retry', 'conflict', 'shared'];

interface Stored {
  id: string;
  municipalityId: string;
  version: number;
  fileHash: string;
  idempotencyKey: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A small roadmap; every fifth one with an impossible date, so rejected versions race too. */
function content(tag: string, n: number): string {
  const deadline = n % 5 === 4 ? '31.09.2025' : 'март 2025 г.';
  return roadmapJson([
    ['1.', `Совещание ${tag}`, deadline, 'Управление образования', 'Проведено'],
    ['2.', `Семинар ${tag}`, 'апрель 2025 г.', 'Управление образования', 'Проведено'],
  ]);
}

describe(`${CLIENTS} clients × ${ROUNDS} submissions against the real server`, () => {
  let dir: string;
  let origin: string;
  let stop: (() => Promise<void>) | null = null;
  const answers: Answer[] = [];
  const statuses = new Map<number, number>();
  let failures: string[] = [];
  let elapsedMs = 0;
  let stored: Stored[] = [];

  const municipalities = Array.from({ length: CLIENTS / CLIENTS_PER_MUNICIPALITY }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
  const tokens = new Map<string, string>();

  async function call(method: string, path: string, token: string, body?: string, key?: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (key) headers['Idempotency-Key'] = key;
    const res = await fetch(`${origin}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  async function submit(municipality: string, client: number, round: number, kind: RoundKind, body: string, key: string | null): Promise<Answer> {
    const { status, json } = await call('POST', '/submissions', tokens.get(municipality)!, body, key ?? undefined);
    const error = json.error as { code?: string } | undefined;
    const answer: Answer = {
      municipality,
      client,
      round,
      kind,
      key,
      hash: sha256(body),
      status,
      id: typeof json.id === 'string' ? json.id : null,
      version: typeof json.version === 'number' ? json.version : null,
      code: error?.code ?? null,
    };
    answers.push(answer);
    return answer;
  }

  async function runClient(municipality: string, client: number): Promise<void> {
    for (let round = 0; round < ROUNDS; round++) {
      const kind = KINDS[round % KINDS.length]!;
      const tag = `${municipality}-${client}-${round}`;
      const twice = (body: string, key: string | null) => Promise.all([0, 1].map(() => submit(municipality, client, round, kind, body, key)));
      if (kind === 'race') await twice(content(tag, round), null);
      else if (kind === 'retry') await twice(content(tag, round), `retry-${tag}`);
      else if (kind === 'conflict') {
        const key = `conflict-${tag}`;
        const pair = await Promise.all([submit(municipality, client, round, kind, content(`${tag}-a`, round), key), submit(municipality, client, round, kind, content(`${tag}-b`, round), key)]);
        const winner = pair.find((a) => a.status === 201);
        if (winner) await submit(municipality, client, round, kind, pair[0] === winner ? content(`${tag}-a`, round) : content(`${tag}-b`, round), key);
      } else await twice(content(`${municipality}-shared-${round}`, round), `shared-${municipality}-${round}`);
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'svod-concurrency-'));
    const started = await startServer({ PORT: '0', HOST: '127.0.0.1', SVOD_DATA_DIR: dir, SVOD_LOG_LEVEL: 'silent', SVOD_DEMO: '0', SVOD_COORDINATOR_TOKEN: COORDINATOR });
    stop = started.stop;
    const address = started.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    origin = `http://127.0.0.1:${address.port}`;
    for (const id of municipalities) {
      const res = await call('POST', '/municipalities', COORDINATOR, JSON.stringify({ id, name: `Район ${id}` }));
      if (res.status !== 201) throw new Error(`registering ${id}: ${res.status}`);
      tokens.set(id, res.json.token as string);
    }

    const t0 = Date.now();
    const clients = Array.from({ length: CLIENTS }, (_, c) => runClient(municipalities[Math.floor(c / CLIENTS_PER_MUNICIPALITY)]!, c % CLIENTS_PER_MUNICIPALITY));
    const settled = await Promise.allSettled(clients);
    elapsedMs = Date.now() - t0;
    failures = settled.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));

    await stop();
    stop = null;
    // What the server left on disk, not what it holds in memory.
    stored = (JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8')) as { submissions: Stored[] }).submissions;
  }, BOUND_MS);

  afterAll(async () => {
    if (stop) await stop();
    const created = answers.filter((a) => a.status === 201).length;
    const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0);
    reportFigures({
      suite: 'concurrency',
      clients: CLIENTS,
      municipalities: municipalities.length,
      submissions: CLIENTS * ROUNDS,
      requests: answers.length,
      versions: stored.length,
      created,
      lost: answers.filter((a) => a.status === 201 && !stored.some((s) => s.id === a.id)).length,
      duplicates: duplicateCount(stored),
      conflicts: answers.filter((a) => a.code === 'idempotency-conflict').length,
      '5xx': fiveXX,
      ms: elapsedMs,
    });
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  it('every client finished, and every answer is a 200, a 201 or an idempotency conflict (no 5xx, nothing else)', () => {
    expect(failures).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(CLIENTS * ROUNDS * 2);
    const odd = answers.filter((a) => !(a.status === 200 || a.status === 201 || (a.status === 422 && a.code === 'idempotency-conflict')));
    expect(odd).toEqual([]);
  });

  it('loses no acknowledged version and stores none that was not acknowledged', () => {
    const acknowledged = answers.filter((a) => a.status === 201);
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const a of acknowledged) {
      const s = byId.get(a.id!);
      expect({ id: a.id, stored: s ? { municipality: s.municipalityId, version: s.version, hash: s.fileHash } : null }).toEqual({
        id: a.id,
        stored: { municipality: a.municipality, version: a.version, hash: a.hash },
      });
    }
    expect(new Set(acknowledged.map((a) => a.id)).size).toBe(acknowledged.length);
    expect(stored.map((s) => s.id).sort()).toEqual(acknowledged.map((a) => a.id!).sort());
    // Every stored file is on disk.
    for (const s of stored) expect(existsSync(join(dir, 'blobs', s.fileHash.slice(0, 2), s.fileHash))).toBe(true);
  });

  it('numbers each municipality’s versions 1..N in the order they were committed, none twice', () => {
    for (const m of municipalities) {
      const versions = stored.filter((s) => s.municipalityId === m).map((s) => s.version);
      expect({ m, versions }).toEqual({ m, versions: Array.from({ length: versions.length }, (_, i) => i + 1) });
    }
    expect(duplicateCount(stored)).toBe(0);
  });

  it('stores every Idempotency-Key once, and every answer under a key names that one version', () => {
    const keyed = new Map<string, Stored[]>();
    for (const s of stored) if (s.idempotencyKey) keyed.set(`${s.municipalityId}/${s.idempotencyKey}`, [...(keyed.get(`${s.municipalityId}/${s.idempotencyKey}`) ?? []), s]);
    for (const [key, list] of keyed) expect({ key, count: list.length }).toEqual({ key, count: 1 });
    const usedKeys = new Set(answers.filter((a) => a.key).map((a) => `${a.municipality}/${a.key}`));
    for (const key of usedKeys) {
      const under = answers.filter((a) => `${a.municipality}/${a.key}` === key);
      const version = keyed.get(key)?.[0];
      expect({ key, stored: !!version }).toEqual({ key, stored: true });
      expect({ key, created: under.filter((a) => a.status === 201).length }).toEqual({ key, created: 1 });
      for (const a of under.filter((x) => x.status !== 422)) expect({ key, id: a.id }).toEqual({ key, id: version!.id });
      for (const a of under.filter((x) => x.status === 422)) expect({ key, hash: a.hash === version!.fileHash }).toEqual({ key, hash: false });
    }
  });

  it('settles each race as the rules say', () => {
    const rounds = new Map<string, Answer[]>();
    for (const a of answers) rounds.set(`${a.municipality}/${a.client}/${a.round}`, [...(rounds.get(`${a.municipality}/${a.client}/${a.round}`) ?? []), a]);
    for (const [round, list] of rounds) {
      const counts = (s: number) => list.filter((a) => a.status === s).length;
      const kind = list[0]!.kind;
      // `race`: one content twice; a second version only when the other client committed in between.
      if (kind === 'race') expect({ round, ok: counts(201) >= 1 && counts(201) + counts(200) === 2 }).toEqual({ round, ok: true });
      if (kind === 'retry') expect({ round, created: counts(201), same: counts(200) }).toEqual({ round, created: 1, same: 1 });
      if (kind === 'conflict') expect({ round, created: counts(201), refused: counts(422), retried: counts(200) }).toEqual({ round, created: 1, refused: 1, retried: 1 });
    }
    // Identical content is never stored as two versions in a row.
    for (const m of municipalities) {
      const hashes = stored.filter((s) => s.municipalityId === m).map((s) => s.fileHash);
      for (let i = 1; i < hashes.length; i++) expect({ m, version: i + 1, repeats: hashes[i] === hashes[i - 1] }).toEqual({ m, version: i + 1, repeats: false });
    }
  });

  it(`finished within ${BOUND_MS / 1000} s`, () => {
    // Generous: the bound is that it finishes, not how fast (speed belongs in bench/).
    expect(elapsedMs).toBeLessThan(BOUND_MS);
  });
});

/** Versions that occur more than once for one municipality. */
function duplicateCount(stored: Stored[]): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const s of stored) {
    const key = `${s.municipalityId}/${s.version}`;
    if (seen.has(key)) duplicates++;
    seen.add(key);
  }
  return duplicates;
}
