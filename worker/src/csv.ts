/**
 * CSV for spreadsheets, as the console's export writes it: UTF-8 with a byte
 * order mark (without it, Excel reads UTF-8 as Windows-1252 and "Casquette
 * brodée" comes out garbled), `;` between fields, CRLF line ends, and RFC
 * 4180 quoting. `;` because a French-locale spreadsheet uses `,` as its
 * decimal separator and expects `;` between fields: with `,` the whole line
 * lands in column A; LibreOffice and Google Sheets detect `;` either way.
 * A cell that a spreadsheet would run as a formula (one starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's CSV injection list)
 * gets a leading `'`, so a designation or custom field typed by a customer
 * can never become a formula on the merchant's machine.
 */

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-guarded, then quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The lines of a document; the first call's output starts with the BOM. */
export function csvLines(rows: readonly (readonly (string | number | null)[])[], first: boolean): string {
  const text = rows.map((row) => `${row.map(csvCell).join(CSV_SEPARATOR)}\r\n`).join('');
  return first ? `${BOM}${text}` : text;
}
