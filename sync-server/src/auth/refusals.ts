import type { Logger } from '../http/log';
import type { AuditEvent } from '../store/audit';

/** Why a request was refused; kept on the request until it closes, then audited. */
export type RefusalReason =
  | 'missing-token'
  | 'malformed-token'
  | 'unknown-token'
  | 'revoked-token'
  | 'coordinator-only'
  | 'municipality-only'
  | 'federal-only'
  | 'region-only'
  | 'other-municipality'
  | 'rate-limit-token'
  | 'rate-limit-address';

export interface Refusal {
  status: number;
  reason: RefusalReason;
  /** `address:<client address>` before authentication; `coordinator:<token id>`, `federal:<token id>` or `municipality:<id>` after. */
  actor: string;
  /** The token's id when one was recognised (live or revoked); never the token. */
  tokenId?: string;
  method: string;
  path: string;
}

export interface RefusalAuditOptions {
  windowMs: number;
  /** Distinct (actor, token, status, reason) keys a window keeps apart; the rest fold into one line. */
  maxKeys: number;
}

export const DEFAULT_REFUSAL_AUDIT: RefusalAuditOptions = { windowMs: 60_000, maxKeys: 50 };

/** Paths a repeated line names, and how long each may be: the client chooses the path. */
const MAX_PATHS = 5;
const MAX_PATH_LENGTH = 120;
/** Distinct actors the folded line counts exactly; beyond that it says "at least". */
const MAX_FOLDED_ACTORS = 1000;

interface Entry {
  refusal: Refusal;
  /** Refusals after the first one of the window, not yet written. */
  repeated: number;
  from: string;
  to: string;
  paths: Map<string, number>;
  otherPaths: number;
}

/** One byte a character in the JSON line (no escapes, no multi-byte characters), at most MAX_PATH_LENGTH of them. */
const clip = (path: string) => {
  const plain = path.slice(0, MAX_PATH_LENGTH).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return path.length > MAX_PATH_LENGTH ? `${plain}...` : plain;
};

/**
 * Refusals (401, 403, 404 for another municipality's data, 429) in the audit log, bounded so that being refused
 * cannot fill the disk: in each window (a minute) the first refusal of a key is written at once, the later ones are
 * counted and written as one line when the window ends, and beyond `maxKeys` keys a window folds everything into a
 * single line. A window thus writes at most 2 × maxKeys + 1 lines of bounded length (under 1 KB), whatever the
 * traffic, and memory holds at most maxKeys entries. Writes never delay or fail the refused request.
 */
export class RefusalAudit {
  private entries = new Map<string, Entry>();
  private folded: { count: number; actors: Set<string>; from: string; to: string } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Promise<void>>();
  private readonly options: RefusalAuditOptions;

  constructor(
    private readonly audit: { append(event: AuditEvent): Promise<void> },
    private readonly log: Logger,
    options: Partial<RefusalAuditOptions> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.options = { ...DEFAULT_REFUSAL_AUDIT, ...options };
  }

  record(refusal: Refusal): void {
    const at = this.now().toISOString();
    const path = clip(`${refusal.method} ${refusal.path}`);
    // The window starts with its first refusal; a quiet server keeps no timer.
    this.timer ??= setTimeout(() => this.endWindow(), this.options.windowMs).unref();
    const key = [refusal.actor, refusal.tokenId ?? '', refusal.status, refusal.reason].join('|');
    const entry = this.entries.get(key);
    if (entry) {
      entry.repeated++;
      entry.to = at;
      if (entry.paths.has(path) || entry.paths.size < MAX_PATHS) entry.paths.set(path, (entry.paths.get(path) ?? 0) + 1);
      else entry.otherPaths++;
      return;
    }
    if (this.entries.size >= this.options.maxKeys) {
      this.folded ??= { count: 0, actors: new Set(), from: at, to: at };
      this.folded.count++;
      this.folded.to = at;
      if (this.folded.actors.size < MAX_FOLDED_ACTORS) this.folded.actors.add(refusal.actor);
      return;
    }
    this.entries.set(key, { refusal, repeated: 0, from: at, to: at, paths: new Map(), otherPaths: 0 });
    this.write({
      action: 'access-refused',
      actor: refusal.actor,
      target: path,
      details: { status: refusal.status, reason: refusal.reason, ...(refusal.tokenId ? { tokenId: refusal.tokenId } : {}), count: 1 },
    });
  }

  /** Writes what the current window has counted and waits for every write; the next refusal starts a new window. */
  async flush(): Promise<void> {
    this.endWindow();
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private endWindow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const e of this.entries.values()) {
      if (!e.repeated) continue;
      const r = e.refusal;
      this.write({
        action: 'access-refused',
        actor: r.actor,
        details: {
          status: r.status,
          reason: r.reason,
          ...(r.tokenId ? { tokenId: r.tokenId } : {}),
          count: e.repeated,
          from: e.from,
          to: e.to,
          paths: Object.fromEntries(e.paths),
          ...(e.otherPaths ? { otherPaths: e.otherPaths } : {}),
        },
      });
    }
    if (this.folded) {
      const f = this.folded;
      const actors = f.actors.size < MAX_FOLDED_ACTORS ? f.actors.size : `${MAX_FOLDED_ACTORS}+`;
      this.write({ action: 'access-refused', actor: 'many', details: { count: f.count, actors, from: f.from, to: f.to } });
    }
    this.entries = new Map();
    this.folded = null;
  }

  private write(event: AuditEvent): void {
    const done = this.audit.append(event).catch((e: unknown) => {
      this.log.error('audit of a refusal failed', { error: e instanceof Error ? e.message : String(e) });
    });
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }
}
