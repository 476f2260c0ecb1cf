/**
 * CSV for exports (docs/judging.md, "Exports"): RFC 4180 (CRLF records, fields quoted when they
 * hold a comma, a quote or a line break, quotes doubled), UTF-8, a header row, and safe to open
 * in a spreadsheet: csv-stringify's `escape_formulas` prefixes `'` to any text cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (and their full-width forms), so a proposal
 * titled `=HYPERLINK(…)` is shown, never evaluated. Numbers stay numbers (a negative offset is
 * not text). Rows arrive from an async iterable, page by page, and leave as a stream with
 * backpressure: an export of any size holds one page in memory.
 */
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export interface CsvColumn {
  key: string;
  header: string;
}

export interface CsvOptions {
  /** A UTF-8 byte order mark first, for spreadsheet programs that need it to read UTF-8. */
  bom?: boolean;
  /** Called once if reading the rows fails mid-stream (the response is then cut short). */
  onError: (error: Error) => void;
}

export function csvStream(columns: CsvColumn[], rows: AsyncIterable<Record<string, unknown>>, options: CsvOptions): Readable {
  const stringifier = stringify({
    header: true,
    columns,
    bom: options.bom ?? false,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false'), date: (value) => value.toISOString() },
  });
  return pipeline(Readable.from(rows), stringifier, (error) => {
    if (error) options.onError(error);
  });
}
