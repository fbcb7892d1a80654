/**
 * How values cross the sandbox's SQLite boundary, the same way in every
 * table: instants are stored as epoch milliseconds and shown as ISO 8601;
 * flat string records (notification fields, webhook headers) are stored as
 * JSON that only the sandbox writes, so reading them back needs no check.
 */

/** `2026-11-29T10:00:00.000Z` for a stored instant. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A string record the sandbox stored with `JSON.stringify`. */
export function parseStringRecord(json: string): Record<string, string> {
  return JSON.parse(json) as Record<string, string>;
}
