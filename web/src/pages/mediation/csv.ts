/**
 * A CSV built in the browser from the data a page shows, as Dutch spreadsheet programs read it:
 * `;` between fields, CRLF between lines, UTF-8 with a byte order mark (so Excel shows ë and ü).
 */
type Cell = string | number | null | undefined;

function cell(v: Cell): string {
  let s = v === null || v === undefined ? '' : String(v);
  // A text starting with = + - @ is a formula to a spreadsheet: keep it text.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Blocks of rows (each with its own header row), separated by an empty line. */
export function toCsv(blocks: Cell[][][]): string {
  return blocks.map((rows) => rows.map((r) => r.map(cell).join(';')).join('\r\n')).join('\r\n\r\n');
}

export function downloadCsv(filename: string, text: string): void {
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
