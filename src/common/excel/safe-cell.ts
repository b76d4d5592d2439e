import type { Cell, Row } from 'exceljs';

/**
 * Writing user text (names, addresses, notes, ID numbers) into exported workbooks without formula
 * injection: a household head called `=HYPERLINK("http://…","Bấm vào đây")` must be exported as
 * that text, never as a formula.
 *
 * What protects what:
 * - exceljs writes a JS string as a string cell (shared or inline string, `t="s"`), never as `<f>`:
 *   Excel and LibreOffice do not evaluate it on open. Only `{ formula }` values become formulas, so
 *   never pass user data through `{ formula }`, `{ sharedFormula }`, `{ hyperlink }` or rich-text
 *   objects: this helper turns everything into a plain string.
 * - The cell also gets the Text number format (`@`): if an officer later edits the cell (F2,
 *   Enter) or pastes it, Excel keeps it as text instead of re-reading `=…` as a formula, and ID
 *   numbers keep their leading zeros. (exceljs cannot write the `quotePrefix` style attribute;
 *   the Text format gives the same protection.) With the streaming writer, keep `useStyles: true`
 *   for the format to be written.
 * - Characters XML 1.0 forbids (control characters, lone surrogates) would make the file
 *   unreadable ("Excel found a problem with content"): they are removed; text longer than a cell
 *   holds (32,767 characters) is cut.
 * - CSV has no cell types: use csvSafe() for any CSV of user text.
 */

export const EXCEL_MAX_CELL_TEXT = 32_767;
/** What spreadsheets read as the start of a formula or a DDE payload (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether a spreadsheet would read this text as a formula if typed in (the case this file defends). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as it goes into a cell: NFC, no XML-invalid characters, at most 32,767 characters. */
export function toCellText(value: unknown): string {
  if (value == null) return '';
  const text = (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : JSON.stringify(value))
    .normalize('NFC')
    .replace(XML_INVALID, '');
  return text.length > EXCEL_MAX_CELL_TEXT ? text.slice(0, EXCEL_MAX_CELL_TEXT) : text;
}

/** Writes user text into a cell as text (see the file comment). Empty text leaves the cell empty. */
export function setTextCell(cell: Cell, value: unknown): void {
  const text = toCellText(value);
  cell.value = text === '' ? null : text;
  cell.numFmt = '@';
}

/** Writes several user-text cells of a row at once: `setTextCells(row, { 2: name, 3: address })`. */
export function setTextCells(row: Row, values: Record<number | string, unknown>): void {
  for (const [col, value] of Object.entries(values)) {
    setTextCell(row.getCell(/^\d+$/.test(col) ? Number(col) : col), value);
  }
}

/** A worksheet name Excel accepts: no : \ / ? * [ ], not empty, at most 31 characters, no leading/trailing apostrophe. */
export function safeSheetName(name: string, fallback = 'Sheet'): string {
  const cleaned = toCellText(name).replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim();
  return (cleaned || fallback).slice(0, 31).trim();
}

/**
 * A CSV field for user text: quoted, quotes doubled, and a leading formula character neutralised
 * with an apostrophe (the OWASP recommendation), since CSV cells have no "text" type.
 */
export function csvSafe(value: unknown): string {
  let text = toCellText(value);
  if (looksLikeFormula(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
