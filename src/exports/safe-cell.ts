import type { Cell } from 'exceljs';

/**
 * Writing user-supplied text into a workbook (src/common/excel/safe-cell.ts may replace this at
 * merge: the auth work writes a shared one). Names, addresses and village names come from
 * officers and imports, so they are written as typed text and never as something Excel could
 * evaluate: a head named "=HYPERLINK(…)" stays that string. exceljs stores a JS string as a
 * string cell (never a formula); this helper makes that the only path and also strips the
 * characters XML 1.0 cannot carry (a stray \u0000 from an import would corrupt the file).
 */

// XML 1.0 allows \t \n \r and everything from \u0020 up, except the non-characters below.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32_767;

/** The text as it will be stored: NFC, without characters XML cannot hold, within Excel's limit. */
export function cleanCellText(value: string): string {
  const clean = value.normalize('NFC').replace(INVALID_XML_CHARS, '');
  return clean.length > MAX_CELL_CHARS ? clean.slice(0, MAX_CELL_CHARS) : clean;
}

/** A cell value for user text: a string (never a formula object), or null for nothing. */
export function textValue(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = cleanCellText(String(value));
  return text === '' ? null : text;
}

/** Writes user text into a cell as text. */
export function setText(cell: Cell, value: string | null | undefined): void {
  cell.value = textValue(value);
}

/** A cell value for a figure: a finite number, or null (an empty cell, never the text "NaN"). */
export function numberValue(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
