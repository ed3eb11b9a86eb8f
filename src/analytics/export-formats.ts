/**
 * The two formats of an export. CSV: UTF-8 with a byte-order mark (Excel otherwise reads the
 * Chinese as the local code page), a header row, RFC 4180 quoting, CRLF row ends and no cell a
 * spreadsheet would run as a formula (csvText). NDJSON:
 * one JSON object per line, keys in column order, no byte-order mark.
 */
/** One column: its name (the header), its value in NDJSON, and in a CSV cell when that differs. */
export interface Column<R> {
  name: string;
  json: (row: R) => unknown;
  /** For lists and objects; otherwise the cell is the value as text (null: empty). */
  csv?: (row: R) => string;
}

export type ExportFormat = 'csv' | 'ndjson';

export interface Encoder<R> {
  contentType: string;
  /** What the body starts with. */
  head: string;
  /** Rows as text, each ended. */
  rows(rows: readonly R[]): string;
}

const BOM = '\uFEFF';

/** A field as RFC 4180 writes it: quoted when it holds a quote, comma or line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or CR before one) is written
 * with a leading apostrophe, as OWASP advises against CSV injection: Excel then shows the text.
 * A policy's title or heading comes from a data file, which anyone may have written.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A number is a number to a spreadsheet (-5 is no formula); only text is neutralised.
  return typeof value === 'string' ? csvText(value) : String(value);
}

export function csvEncoder<R>(columns: readonly Column<R>[]): Encoder<R> {
  const line = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`;
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    head: BOM + line(columns.map((c) => c.name)),
    rows: (rows) =>
      rows.map((r) => line(columns.map((c) => (c.csv ? csvText(c.csv(r)) : cellText(c.json(r)))))).join(''),
  };
}

/**
 * U+2028 and U+2029 are valid inside JSON strings, but some line readers (Python's
 * str.splitlines, for one) end a line there: escaped, every row stays on its one line.
 */
const jsonLine = (value: unknown) =>
  `${JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;

export function ndjsonEncoder<R>(columns: readonly Column<R>[]): Encoder<R> {
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    head: '',
    rows: (rows) => rows.map((r) => jsonLine(Object.fromEntries(columns.map((c) => [c.name, c.json(r)])))).join(''),
  };
}

export function encoder<R>(format: ExportFormat, columns: readonly Column<R>[]): Encoder<R> {
  return format === 'csv' ? csvEncoder(columns) : ndjsonEncoder(columns);
}
