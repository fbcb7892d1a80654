/**
 * The one table `npm run bench` prints: every figure of the run in rows of
 * "ours | baseline | ratio | note", grouped by section, with the ratio as
 * the headline and the absolute numbers beside it for reference. Plain text
 * with aligned columns, readable in a terminal and in a CI log.
 */

export interface Row {
  readonly section: string;
  readonly figure: string;
  readonly ours: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly note: string;
}

const HEADER: Row = { section: 'section', figure: 'figure', ours: 'ours', baseline: 'baseline', ratio: 'ratio', note: 'note' };

/** Milliseconds with one decimal. */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a';
}

/** A ratio as `2.31x`. */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

/** Bytes as kB of 1,024 bytes (as the build script prints them), two decimals. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} kB`;
}

/** A count with thousands separators; below 100, up to two decimals (0.3 GB must not read 0). */
export function count(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return Math.abs(value) < 100 ? String(Math.round(value * 100) / 100) : Math.round(value).toLocaleString('en-US');
}

/** US dollars with two decimals. */
export function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

/** Renders the rows with aligned columns; the section name is shown on the first row of each section only. */
export function renderTable(rows: readonly Row[]): string {
  const columns: readonly (keyof Row)[] = ['section', 'figure', 'ours', 'baseline', 'ratio', 'note'];
  const shown = rows.map((row, index) => ({ ...row, section: index > 0 && rows[index - 1]?.section === row.section ? '' : row.section }));
  const widths = columns.map((column) => Math.max(HEADER[column].length, ...shown.map((row) => row[column].length)));
  const rightAligned = new Set<keyof Row>(['ours', 'baseline', 'ratio']);
  const format = (row: Row): string =>
    columns
      .map((column, index) => {
        const width = widths[index] ?? 0;
        return rightAligned.has(column) ? row[column].padStart(width) : row[column].padEnd(width);
      })
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const lines: string[] = [format(HEADER), rule];
  shown.forEach((row, index) => {
    if (index > 0 && row.section !== '') lines.push(rule);
    lines.push(format(row));
  });
  return lines.join('\n');
}
