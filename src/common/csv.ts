import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';

/** A CSV download: its file name and its text. */
export interface CsvFile {
  filename: string;
  body: string;
}

/** Formula-looking text (=, +, -, @) would run in a spreadsheet: prefix it with a quote. */
export const safeCell = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** For spreadsheet programs: `;` separated, CRLF, UTF-8 with a BOM (so they read it as UTF-8). */
export function csvFile(filename: string, rows: unknown[][]): CsvFile {
  return {
    filename,
    body: '\uFEFF' + stringify(rows, { delimiter: ';', record_delimiter: '\r\n' }),
  };
}

/** Sets the download headers and returns the body, for a controller with `passthrough: true`. */
export function sendCsv(res: Response, file: CsvFile): string {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
  return file.body;
}
