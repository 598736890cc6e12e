import { html, type SafeHtml } from '@mwana/core';

/** A report as the console shows it and exports it: the same columns and rows in both. */
export interface Table {
  /** The export's file name, without `.csv`. */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

/**
 * A cell as a spreadsheet must not run it: text that starts like a formula gets a leading `'`
 * (OWASP's CSV injection); a plain number such as a phone (`+260977000001`) is left as it is.
 */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV, CRLF line ends, a header row first. */
export function toCsv(table: Table): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The table as the console's log-style table; a muted line when it has no row. */
export function tableHtml(table: Table, empty: string): SafeHtml {
  if (table.rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="scroll"><table class="log"><thead><tr>${table.columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>
${table.rows.map(
  (row) =>
    html`<tr>${row.map((cell, i) => html`<td data-label="${table.columns[i].toLowerCase()}">${cell}</td>`)}</tr>
`,
)}</tbody></table></div>`;
}
