/**
 * The open console sessions, in D1 (`admin_sessions`): the cookie's
 * signature proves the Worker issued it, this table says it has not been
 * ended. Signing out deletes the row, so a copy of the cookie stops working
 * at once rather than at its expiry. Only the random id and the expiry are
 * stored: no token, no address, nothing about the browser.
 */

/** Records a new session and forgets the expired ones. */
export async function openSession(db: D1Database, id: string, expiresAtS: number, nowMs = Date.now()): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?').bind(Math.floor(nowMs / 1000)),
    db.prepare('INSERT INTO admin_sessions (id, expires_at) VALUES (?, ?)').bind(id, expiresAtS),
  ]);
}

/** True while the session is open and unexpired. */
export async function sessionOpen(db: D1Database, id: string, nowMs = Date.now()): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS open FROM admin_sessions WHERE id = ? AND expires_at > ?')
    .bind(id, Math.floor(nowMs / 1000))
    .first();
  return row !== null;
}

export async function closeSession(db: D1Database, id: string): Promise<void> {
  await db.prepare('DELETE FROM admin_sessions WHERE id = ?').bind(id).run();
}
