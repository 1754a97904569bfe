/**
 * Where the main thread's time goes during a load: a V8 CPU profile (node:inspector) split into a few named parts by
 * the outermost matching frame of each sample's stack. The core's check() is one of them, so the benchmark can say how
 * much of a submission's time the core takes without touching the core.
 */
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';

interface Part {
  name: string;
  matches(functionName: string, url: string): boolean;
}

/** In stack order from the root: the first part a frame matches claims the sample. */
const PARTS: Part[] = [
  { name: 'core check() (shared/)', matches: (f, u) => (f === 'check' && u.endsWith('/shared/src/index.ts')) || (f === 'checkWorkbook' && u.endsWith('/shared/src/engine/run.ts')) },
  { name: 'core extractSubmission() (shared/)', matches: (f, u) => f === 'extractSubmission' && u.includes('/shared/src/merge/') },
  { name: 'store: db.json rewrite, blobs, audit log', matches: (_f, u) => u.includes('/sync-server/src/store/') || u.includes('/node_modules/lowdb/') },
  { name: 'upload: xlsx zip inspection and repack', matches: (_f, u) => /\/uploads\/(inspect-xlsx|repack)\.ts$/.test(u) || u.includes('/node_modules/yauzl/') },
  { name: 'upload: JSON form validation', matches: (_f, u) => u.endsWith('/uploads/json.ts') },
  { name: 'upload: xlsx parse pool (hand-off, answer)', matches: (_f, u) => u.endsWith('/uploads/parse-xlsx.ts') },
  { name: 'HTTP bodies (JSON parse, multipart)', matches: (_f, u) => /\/node_modules\/(body-parser|raw-body|multer|busboy|iconv-lite)\//.test(u) },
];
const GC = 'garbage collection';
const OTHER = 'other (express, HTTP, hashing, logging, JSON responses)';

export async function startProfile(): Promise<() => Promise<Profiler.Profile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await session.post('Profiler.disable');
    session.disconnect();
    return profile;
  };
}

/** Busy milliseconds per part (idle time left out), largest first. */
export function splitProfile(profile: Profiler.Profile): { busyMs: number; parts: Array<{ name: string; ms: number }> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map<number, string | null>();
  const classify = (id: number): string | null => {
    const known = partOf.get(id);
    if (known !== undefined) return known;
    const node = nodes.get(id)!;
    const up = parent.get(id);
    // The outermost match wins: ask the parent first.
    let part = up === undefined ? null : classify(up);
    if (part === null) {
      const { functionName, url } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') part = null;
      else if (functionName === '(garbage collector)') part = GC;
      else part = PARTS.find((p) => p.matches(functionName, url))?.name ?? null;
    }
    partOf.set(id, part);
    return part;
  };
  const ms = new Map<string, number>();
  let busy = 0;
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = nodes.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    const t = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    busy += t;
    const part = classify(id) ?? OTHER;
    ms.set(part, (ms.get(part) ?? 0) + t);
  });
  const parts = [...PARTS.map((p) => p.name), GC, OTHER].map((name) => ({ name, ms: ms.get(name) ?? 0 })).sort((a, b) => b.ms - a.ms);
  return { busyMs: busy, parts };
}
