/**
 * The check log of one `Order` object: every answer the payment service gave
 * to a verification (`checkPayStatus` for v1), or why none came, with what
 * asked for it. It is evidence for the console's timeline and never read by
 * any decision. Bounded like the notification log: the first entries and the
 * latest are kept, so a long life of re-checks cannot push out the first.
 */

import type { CheckEntry, CheckSource } from './order-record';

const KEPT_FIRST_CHECKS = 20;
const KEPT_LATEST_CHECKS = 80;

export const CHECKS_SCHEMA = `CREATE TABLE IF NOT EXISTS checks (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL, outcome TEXT NOT NULL
)`;

/** Appends a check's outcome; the log is trimmed only once it is longer than it keeps. */
export function recordCheck(sql: SqlStorage, source: CheckSource, outcome: string): void {
  const [row] = sql
    .exec<{ id: number }>('INSERT INTO checks (at, source, outcome) VALUES (?, ?, ?) RETURNING id', new Date().toISOString(), source, outcome)
    .toArray();
  if ((row?.id ?? 0) <= KEPT_FIRST_CHECKS + KEPT_LATEST_CHECKS) return;
  sql.exec(
    `DELETE FROM checks WHERE id NOT IN (SELECT id FROM checks ORDER BY id LIMIT ?)
       AND id NOT IN (SELECT id FROM checks ORDER BY id DESC LIMIT ?)`,
    KEPT_FIRST_CHECKS,
    KEPT_LATEST_CHECKS,
  );
}

/** The log, oldest first. */
export function listChecks(sql: SqlStorage): CheckEntry[] {
  return sql
    .exec<{ at: string; source: string; outcome: string }>('SELECT at, source, outcome FROM checks ORDER BY id')
    .toArray()
    .map((row) => ({ at: row.at, source: row.source as CheckSource, outcome: row.outcome }));
}
