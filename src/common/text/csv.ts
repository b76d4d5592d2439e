/**
 * CSV as ODK Central and KoboToolbox export it (RFC 4180): fields in double quotes when they hold
 * the separator, a quote or a line break, a doubled quote inside; CRLF or LF line ends; a UTF-8
 * byte-order mark; the separator `,` (Central, Kobo's default "," or ";" option) or `;` / tab,
 * found from the heading line. Pure: no framework imports.
 */

export interface CsvTable {
  separator: string;
  /** Every record, the heading line first; `line` is the 1-based line where the record starts. */
  records: { line: number; values: string[] }[];
}

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** The separator that splits the heading line into the most fields (outside quotes). */
export function detectSeparator(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ',';
}

/** Parses CSV text; blank lines are dropped. Throws CsvError for an unclosed quote. */
export function parseCsv(input: string, separator?: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = separator ?? detectSeparator(text);
  const records: CsvTable['records'] = [];
  let values: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quotedFrom = 0;
  const endRecord = () => {
    values.push(field);
    if (values.length > 1 || values[0] !== '') records.push({ line: start, values });
    values = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      // a quoted field: up to the closing quote, "" is a quote
      quotedFrom = line;
      i++;
      let closed = false;
      let from = i;
      while (i < text.length) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        if (text[q + 1] === '"') { field += text.slice(from, q + 1); i = q + 2; from = i; continue; }
        field += text.slice(from, q);
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) throw new CsvError(quotedFrom, `dấu ngoặc kép mở ở dòng ${quotedFrom} không được đóng`);
      for (let k = field.indexOf('\n'); k >= 0; k = field.indexOf('\n', k + 1)) line++;
      continue;
    }
    if (c === sep) { values.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
      continue;
    }
    // an unquoted run up to the next special character
    let j = i;
    while (j < text.length && text[j] !== sep && text[j] !== '\r' && text[j] !== '\n') j++;
    field += text.slice(i, j);
    i = j;
  }
  if (field !== '' || values.length) endRecord();
  return { separator: sep, records };
}
