import type { AuditEvent, AuditPort } from '../port';
import type { Db } from './db';
import { jsonParam } from './sql';

/** The audit log as rows of `audit_events`: each event committed before `append` resolves. */
export class PostgresAudit implements AuditPort {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async append(event: AuditEvent): Promise<void> {
    await this.db.query(
      'audit',
      'insert into audit_events (at, region, action, actor, target, details) values ($1, $2, $3, $4, $5, $6::json)',
      [this.now(), event.region ?? null, event.action, event.actor, event.target ?? null, jsonParam(event.details)],
    );
  }
}
