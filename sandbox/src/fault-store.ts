/**
 * The `faults` table: faults armed through the control API, each hitting the
 * next `remaining` calls of its target. Taking a hit is one synchronous read
 * and write, so concurrent calls each take exactly one and a fault armed for
 * K calls hits exactly K.
 */

import { FAULT_KINDS, FAULT_TARGETS, type FaultSpec, type FaultTarget } from './faults';
import type { ArmedFault } from './model';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS faults (
     id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, fault TEXT NOT NULL, remaining INTEGER NOT NULL, delay_ms INTEGER NOT NULL)`,
];

type FaultRow = { id: number; target: string; fault: string; remaining: number; delay_ms: number };

/** A row written by an older sandbox may name a target or fault this one no longer knows: it is skipped, not trusted. */
function faultOf(row: FaultRow): ArmedFault | undefined {
  const target = FAULT_TARGETS.find((name) => name === row.target);
  const fault = FAULT_KINDS.find((name) => name === row.fault);
  return target && fault ? { id: row.id, target, fault, remaining: row.remaining, delayMs: row.delay_ms } : undefined;
}

export class FaultStore {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    for (const statement of SCHEMA) sql.exec(statement);
  }

  arm(spec: FaultSpec): ArmedFault {
    const row = this.sql
      .exec<{ id: number }>(
        'INSERT INTO faults (target, fault, remaining, delay_ms) VALUES (?, ?, ?, ?) RETURNING id',
        spec.target,
        spec.fault,
        spec.count,
        spec.delayMs,
      )
      .one();
    return { id: row.id, target: spec.target, fault: spec.fault, remaining: spec.count, delayMs: spec.delayMs };
  }

  /** Takes one hit of the oldest fault armed for `target`, if any. */
  take(target: FaultTarget): ArmedFault | null {
    const row = this.sql.exec<FaultRow>('SELECT * FROM faults WHERE target = ? AND remaining > 0 ORDER BY id LIMIT 1', target).toArray()[0];
    if (!row) return null;
    if (row.remaining <= 1) this.sql.exec('DELETE FROM faults WHERE id = ?', row.id);
    else this.sql.exec('UPDATE faults SET remaining = remaining - 1 WHERE id = ?', row.id);
    return faultOf({ ...row, remaining: row.remaining - 1 }) ?? null;
  }

  list(): ArmedFault[] {
    return this.sql
      .exec<FaultRow>('SELECT * FROM faults WHERE remaining > 0 ORDER BY id')
      .toArray()
      .flatMap((row) => faultOf(row) ?? []);
  }

  /** Disarms every fault; answers how many there were. */
  clear(): number {
    const count = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM faults').one().n;
    this.sql.exec('DELETE FROM faults');
    return count;
  }
}
