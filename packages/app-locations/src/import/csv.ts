/** One record of a CSV file, with the line it starts on (for error reports). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/**
 * RFC 4180 CSV as spreadsheets save it: comma separated; a field in double quotes may hold
 * commas, line breaks and `""` for a quote; CRLF, LF or CR line ends; a UTF-8 byte order
 * mark is ignored. Blank lines are skipped (they keep their line numbers). A quote inside an
 * unquoted field is kept as text, as Excel does; text after a closing quote is an error,
 * because it means the quoting went wrong and the columns cannot be trusted.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  let afterQuote = false;

  const endRecord = (): void => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    afterQuote = false;
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      if (ch !== ' ' && ch !== '\t')
        throw new CsvError(line, `text after a closing quote: ${JSON.stringify(source.slice(i, i + 10))}`);
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new CsvError(quoteLine, 'a quoted field is not closed');
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
