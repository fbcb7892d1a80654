/**
 * The `chat_messages` table: every call the local chat receivers got (the
 * stand-ins for Telegram's Bot API and Slack's and Discord's incoming
 * webhooks), raw body as it arrived, with the path it was posted to and the
 * status it was answered. A test of the Worker's paid-order notices reads
 * back exactly what was sent, and how often.
 */

import type { ChatChannel, ChatMessage } from './model';
import { iso } from './sql-values';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS chat_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, path TEXT NOT NULL, body TEXT NOT NULL, status INTEGER NOT NULL, at INTEGER NOT NULL)`,
];

type ChatRow = { id: number; channel: ChatChannel; path: string; body: string; status: number; at: number };

export class ChatStore {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    for (const statement of SCHEMA) sql.exec(statement);
  }

  record(channel: ChatChannel, path: string, body: string, status: number): ChatMessage {
    const at = Date.now();
    const row = this.sql
      .exec<{ id: number }>('INSERT INTO chat_messages (channel, path, body, status, at) VALUES (?, ?, ?, ?, ?) RETURNING id', channel, path, body, status, at)
      .one();
    return { id: row.id, channel, path, body, status, at: iso(at) };
  }

  /** Oldest first. */
  list(): ChatMessage[] {
    return this.sql
      .exec<ChatRow>('SELECT * FROM chat_messages ORDER BY id')
      .toArray()
      .map((row) => ({ id: row.id, channel: row.channel, path: row.path, body: row.body, status: row.status, at: iso(row.at) }));
  }

  clear(): void {
    this.sql.exec('DELETE FROM chat_messages');
  }
}
