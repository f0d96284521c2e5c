/**
 * CSV for spreadsheet users (Excel on Windows in particular): UTF-8 with a byte-order mark so Chinese text opens
 * correctly, CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * (= + - @ at the start) prefixed with an apostrophe.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
