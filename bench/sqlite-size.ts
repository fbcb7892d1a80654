/**
 * How much SQLite storage each Order Durable Object holds, read from the
 * files `wrangler dev --persist-to` leaves (one SQLite database per object,
 * usually with its write-ahead log beside it): the database size in pages
 * after the last committed transaction, times the page size. That is the
 * figure Durable Objects storage is billed on (`ctx.storage.sql.databaseSize`
 * reports the same), and it is read without a SQLite library: the last valid
 * commit frame of the WAL carries the database size, and the main file's
 * header carries it when the WAL is empty. The file sizes themselves would
 * mislead: workerd keeps a 128 kB WAL beside a 4 kB main file.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const DB_HEADER_PAGE_SIZE_OFFSET = 16;
const DB_HEADER_PAGE_COUNT_OFFSET = 28;

/** Page size and page count in the main file's header (SQLite file format, section 1.3). */
function mainFileSize(path: string): number {
  const header = readFileSync(path).subarray(0, 100);
  if (header.byteLength < 100) return 0;
  const rawPageSize = header.readUInt16BE(DB_HEADER_PAGE_SIZE_OFFSET);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  return pageSize * header.readUInt32BE(DB_HEADER_PAGE_COUNT_OFFSET);
}

/** The database size after the last commit recorded in the WAL, or `null` if the WAL holds no valid commit. */
function walFileSize(path: string): number | null {
  const wal = readFileSync(path);
  if (wal.byteLength < WAL_HEADER_BYTES) return null;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  if (pageSize < 512) return null;
  let pages: number | null = null;
  for (let offset = WAL_HEADER_BYTES; offset + WAL_FRAME_HEADER_BYTES + pageSize <= wal.byteLength; offset += WAL_FRAME_HEADER_BYTES + pageSize) {
    // Frames left over from before the last WAL reset carry old salts: they end the log.
    if (wal.readUInt32BE(offset + 8) !== salt1 || wal.readUInt32BE(offset + 12) !== salt2) break;
    const commitSize = wal.readUInt32BE(offset + 4);
    if (commitSize > 0) pages = commitSize;
  }
  return pages === null ? null : pages * pageSize;
}

/** The logical size in bytes of one SQLite database (main file plus WAL). */
export function sqliteDatabaseBytes(mainPath: string): number {
  const walPath = `${mainPath}-wal`;
  const fromWal = existsSync(walPath) ? walFileSize(walPath) : null;
  return fromWal ?? mainFileSize(mainPath);
}

/** Sizes of every object of a Durable Object namespace folder (`<persist>/v3/do/<script>-<Class>/`), largest first. */
export function objectSizes(namespaceDir: string): number[] {
  if (!existsSync(namespaceDir)) return [];
  return readdirSync(namespaceDir)
    .filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')
    .map((name) => sqliteDatabaseBytes(join(namespaceDir, name)))
    .sort((a, b) => b - a);
}
