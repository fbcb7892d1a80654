/**
 * The evidence log of one `Order` object, in one table: its transitions,
 * the notifications it received, every answer of the payment service to a
 * check, and every delivery attempt and resend request. Nothing here decides
 * anything; the console's timeline reads it. One table rather than one per
 * kind because storage is billed by SQLite pages and each table costs a
 * page of its own however few rows it holds (docs/cost.md). Each kind is
 * bounded as before: the first entries and the latest are kept, so a flood
 * of notifications or a long life of re-checks cannot push out the first.
 */

export const ORDER_LOG_SCHEMA = `CREATE TABLE IF NOT EXISTS order_log (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, entry TEXT NOT NULL
)`;

export type LogKind = 'transition' | 'notification' | 'check' | 'delivery';

/** How many entries of a kind are kept: the first `first` and the latest `latest`. */
const KEPT: Readonly<Record<LogKind, { readonly first: number; readonly latest: number }>> = {
  // An order changes status a handful of times; never trimmed in practice.
  transition: { first: 100, latest: 100 },
  notification: { first: 20, latest: 80 },
  check: { first: 20, latest: 80 },
  // Three days of hourly retries is about 80 attempts per delivery; the latest are what the console needs.
  delivery: { first: 0, latest: 200 },
};

/**
 * The tables of older versions, one per kind, and how each row becomes an
 * entry; `migrateLegacyLogs` moves them into `order_log` when such an
 * object wakes.
 */
const LEGACY: readonly (readonly [table: string, kind: LogKind, at: string, entry: string])[] = [
  ['transitions', 'transition', 'at', "json_object('from', from_status, 'to', to_status, 'code', code, 'source', source)"],
  ['notifications', 'notification', 'received_at', "json_object('fields', json(fields), 'outcome', outcome)"],
  ['checks', 'check', 'at', "json_object('source', source, 'outcome', outcome)"],
  ['delivery_log', 'delivery', 'at', "json_object('webhookId', webhook_id, 'event', event, 'attempt', attempt, 'status', status, 'error', error)"],
];

/** Appends an entry of `kind`; that kind's oldest entries past what it keeps are dropped. */
export function appendLog(sql: SqlStorage, kind: LogKind, entry: object, at = new Date().toISOString()): void {
  const [row] = sql.exec<{ id: number }>('INSERT INTO order_log (kind, at, entry) VALUES (?, ?, ?) RETURNING id', kind, at, JSON.stringify(entry)).toArray();
  const { first, latest } = KEPT[kind];
  // The id counts every entry ever appended, of every kind: below the bound, no kind can be over it.
  if ((row?.id ?? 0) <= first + latest) return;
  sql.exec(
    `DELETE FROM order_log WHERE kind = ?1
       AND id NOT IN (SELECT id FROM order_log WHERE kind = ?1 ORDER BY id LIMIT ?2)
       AND id NOT IN (SELECT id FROM order_log WHERE kind = ?1 ORDER BY id DESC LIMIT ?3)`,
    kind,
    first,
    latest,
  );
}

/** The entries of `kind`, oldest first, each with its time; `T` is the shape its writer gave it. */
export function readLog<T>(sql: SqlStorage, kind: LogKind): (T & { readonly at: string })[] {
  return sql
    .exec<{ at: string; entry: string }>('SELECT at, entry FROM order_log WHERE kind = ? ORDER BY id', kind)
    .toArray()
    .map((row) => ({ ...(JSON.parse(row.entry) as T), at: row.at }));
}

/**
 * Moves the per-kind tables of an older version into `order_log`, in their
 * recorded order, and drops them; call inside a transaction. Returns whether
 * there was anything to move.
 */
export function migrateLegacyLogs(sql: SqlStorage, tables: ReadonlySet<string>): boolean {
  const present = LEGACY.filter(([table]) => tables.has(table));
  if (present.length === 0) return false;
  sql.exec(ORDER_LOG_SCHEMA);
  for (const [table, kind, at, entry] of present) {
    sql.exec(`INSERT INTO order_log (kind, at, entry) SELECT ?, ${at}, ${entry} FROM ${table} ORDER BY id`, kind);
    sql.exec(`DROP TABLE ${table}`);
  }
  return true;
}
