/**
 * The `webhooks` table: every request `POST /__sandbox/webhook` received, raw
 * body and headers as they arrived, with the status it was answered. It lets a
 * test of the Worker's fulfilment read back exactly what was signed and sent.
 */

import type { WebhookDelivery } from './model';
import { iso, parseStringRecord } from './sql-values';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS webhooks (
     id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, headers TEXT NOT NULL, status INTEGER NOT NULL, at INTEGER NOT NULL)`,
];

type WebhookRow = { id: number; body: string; headers: string; status: number; at: number };

export class WebhookStore {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    for (const statement of SCHEMA) sql.exec(statement);
  }

  record(body: string, headers: Readonly<Record<string, string>>, status: number): WebhookDelivery {
    const at = Date.now();
    const row = this.sql
      .exec<{ id: number }>('INSERT INTO webhooks (body, headers, status, at) VALUES (?, ?, ?, ?) RETURNING id', body, JSON.stringify(headers), status, at)
      .one();
    return { id: row.id, body, headers, status, at: iso(at) };
  }

  /** Oldest first. */
  list(): WebhookDelivery[] {
    return this.sql
      .exec<WebhookRow>('SELECT * FROM webhooks ORDER BY id')
      .toArray()
      .map((row) => ({ id: row.id, body: row.body, headers: parseStringRecord(row.headers), status: row.status, at: iso(row.at) }));
  }

  clear(): void {
    this.sql.exec('DELETE FROM webhooks');
  }
}
