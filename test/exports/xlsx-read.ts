import { Workbook, Worksheet } from 'exceljs';

/** Reads a workbook back the way a user's Excel would see it. */
export async function readXlsx(buffer: Buffer | ArrayBuffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb;
}

/**
 * The number a cell shows: a plain number, or a formula's stored result. exceljs's reader drops a
 * stored result of 0 (the file holds `<f>…</f><v>0</v>`, it reads back `{ formula }` alone); the
 * builders always store a result, so a formula without one reads as 0.
 */
export function num(ws: Worksheet, ref: string): number | null {
  const v = ws.getCell(ref).value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v && 'result' in v) return (v as { result: number }).result;
  if (typeof v === 'object' && v && 'formula' in v) return 0;
  throw new Error(`${ws.name}!${ref} holds ${JSON.stringify(v)}, not a number`);
}

export function formula(ws: Worksheet, ref: string): string | null {
  const v = ws.getCell(ref).value as unknown;
  return v && typeof v === 'object' && 'formula' in v ? (v as { formula: string }).formula : null;
}

/** Finds the row whose column B (the unit name) is `name`. */
export function rowOf(ws: Worksheet, name: string, col = 2): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === name) return r;
  throw new Error(`${name} not found in ${ws.name}`);
}

/** The merged ranges of a sheet, as "A1:B2" strings. */
export function merges(ws: Worksheet): string[] {
  return ((ws.model as unknown as { merges: string[] }).merges ?? []).slice().sort();
}
