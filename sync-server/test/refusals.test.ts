import { createLogger } from '../src/http/log';
import { RefusalAudit, type Refusal } from '../src/auth/refusals';
import type { AuditEvent } from '../src/store/audit';

/** An audit log in memory; `lines` are what the file would hold. */
function sink() {
  const events: AuditEvent[] = [];
  return {
    events,
    lines: () => events.map((e) => JSON.stringify({ at: '2026-11-20T09:00:00.000Z', ...e })),
    append: async (e: AuditEvent) => {
      events.push(e);
    },
  };
}

const refusal = (over: Partial<Refusal> = {}): Refusal => ({ status: 401, reason: 'unknown-token', actor: 'address:198.51.100.7', method: 'GET', path: '/api/v1/submissions', ...over });
const counted = (events: readonly AuditEvent[]) => events.reduce((n, e) => n + Number(e.details?.count), 0);

describe('the audit of refusals', () => {
  const log = createLogger('silent');

  it('writes the first refusal of a caller at once and the rest of the minute as one line with their count', async () => {
    const audit = sink();
    const refusals = new RefusalAudit(audit, log);
    for (let k = 0; k < 10_000; k++) refusals.record(refusal({ path: `/api/v1/submissions/${k % 3}` }));
    await new Promise((ok) => setImmediate(ok));
    expect(audit.events).toEqual([
      { action: 'access-refused', actor: 'address:198.51.100.7', target: 'GET /api/v1/submissions/0', details: { status: 401, reason: 'unknown-token', count: 1 } },
    ]);
    await refusals.flush();
    expect(audit.events).toHaveLength(2);
    expect(audit.events[1]).toMatchObject({
      actor: 'address:198.51.100.7',
      details: { status: 401, reason: 'unknown-token', count: 9_999, paths: { 'GET /api/v1/submissions/0': 3_333, 'GET /api/v1/submissions/1': 3_333, 'GET /api/v1/submissions/2': 3_333 } },
    });
  });

  it('keeps callers, statuses and reasons apart', async () => {
    const audit = sink();
    const refusals = new RefusalAudit(audit, log);
    refusals.record(refusal());
    refusals.record(refusal({ reason: 'revoked-token', tokenId: 'b1c0' }));
    refusals.record(refusal({ actor: 'municipality:alpha', tokenId: 'a1', status: 403, reason: 'coordinator-only' }));
    refusals.record(refusal({ actor: 'municipality:alpha', tokenId: 'a1', status: 404, reason: 'other-municipality' }));
    refusals.record(refusal({ actor: 'address:198.51.100.8' }));
    await refusals.flush();
    expect(audit.events.map((e) => [e.actor, e.details?.status, e.details?.reason, e.details?.tokenId, e.details?.count])).toEqual([
      ['address:198.51.100.7', 401, 'unknown-token', undefined, 1],
      ['address:198.51.100.7', 401, 'revoked-token', 'b1c0', 1],
      ['municipality:alpha', 403, 'coordinator-only', 'a1', 1],
      ['municipality:alpha', 404, 'other-municipality', 'a1', 1],
      ['address:198.51.100.8', 401, 'unknown-token', undefined, 1],
    ]);
  });

  it('stays within 2 × 50 + 1 lines of under 1 KB a minute against 100,000 refusals from 100,000 addresses with long paths', async () => {
    const audit = sink();
    const refusals = new RefusalAudit(audit, log);
    for (let k = 0; k < 100_000; k++) {
      refusals.record(refusal({ actor: `address:10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`, path: `/api/v1/${'x'.repeat(5000)}${k}` }));
      // Quotes, backslashes and non-ASCII would take 2 to 6 bytes each in the JSON line.
      if (k % 7 === 0) refusals.record(refusal({ actor: 'address:10.0.0.0', path: `/api/v1/${k}${'"\\ж\u0001'.repeat(2000)}` }));
    }
    await refusals.flush();
    expect(audit.events.length).toBeLessThanOrEqual(101);
    for (const line of audit.lines()) expect(Buffer.byteLength(line)).toBeLessThan(1024);
    // Nothing is lost in the folding: the counts add up to every refusal.
    expect(counted(audit.events)).toBe(100_000 + Math.ceil(100_000 / 7));
    expect(audit.events.at(-1)).toMatchObject({ actor: 'many', details: { count: 100_000 - 50, actors: '1000+' } });
  });

  it('starts again after each window, so a caller refused again later is written at once again', async () => {
    const audit = sink();
    const refusals = new RefusalAudit(audit, log, { windowMs: 20 });
    refusals.record(refusal());
    refusals.record(refusal());
    // The window ends by itself: its repeated line appears without a flush (a generous wait, never a speed claim).
    for (let waited = 0; audit.events.length < 2 && waited < 10_000; waited += 10) await new Promise((ok) => setTimeout(ok, 10));
    expect(audit.events.map((e) => e.details?.count)).toEqual([1, 1]);
    refusals.record(refusal());
    await new Promise((ok) => setImmediate(ok));
    expect(audit.events.map((e) => e.details?.count)).toEqual([1, 1, 1]);
    await refusals.flush();
    expect(audit.events).toHaveLength(3);
  });

  it('never fails the request when the audit log cannot be written, and says so in the log', async () => {
    const errors: string[] = [];
    const refusals = new RefusalAudit({ append: () => Promise.reject(new Error('disk full')) }, createLogger('error', (l) => errors.push(l)));
    expect(() => refusals.record(refusal())).not.toThrow();
    await expect(refusals.flush()).resolves.toBeUndefined();
    expect(errors.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'error', msg: 'audit of a refusal failed', error: 'disk full' })]);
  });
});
