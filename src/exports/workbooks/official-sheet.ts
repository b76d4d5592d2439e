import { round } from '../../reports/domain/rates';
import type { Alignment, Borders, Cell, Font, Workbook, Worksheet } from 'exceljs';
import { setTextCell } from '../../common/excel/safe-cell';

/**
 * The frame every official report sheet shares (report-layouts/*.png): the national motto header
 * block ("ỦY BAN NHÂN DÂN …" on the left, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do -
 * Hạnh phúc" on the right), the title, merged multi-level column headings built from a column
 * tree, the column numbering row (A, B, 1, 2, 4=3/1*100…), frozen panes below it, A4 landscape
 * fitted to the page width with the headings repeated on every page, and the place-and-date line
 * with the signature block at the end.
 */

export const FONT_NAME = 'Times New Roman';
export const FMT_COUNT = '#,##0';
/** Rates and shares: percentages shown with 2 decimals (docs/RULES.md §4, §7). */
export const FMT_RATE = '0.00';
export const FMT_MONEY = '#,##0';

export type ColumnFormat = 'text' | 'count' | 'rate' | 'money' | 'year';

export interface LeafColumn {
  key: string;
  title: string;
  /** The column numbering row: "A", "1", "4=3/1*100". */
  number: string;
  width?: number;
  format: ColumnFormat;
}

export interface GroupColumn {
  title: string;
  children: ColumnNode[];
}

export type ColumnNode = LeafColumn | GroupColumn;

export const isLeaf = (c: ColumnNode): c is LeafColumn => (c as LeafColumn).key !== undefined;

/** A formula with the value it evaluates to (stored, so readers that do not calculate see it too). */
export interface FormulaValue {
  formula: string;
  result: number;
}

export type SheetValue = string | number | FormulaValue | null | undefined;

export interface SheetFrame {
  /** The reporting People's Committee: "Huyện Chiêm Hóa" → "ỦY BAN NHÂN DÂN / HUYỆN CHIÊM HÓA". */
  unitName: string;
  title: string;
  /** Under the title: year, standard… */
  subtitle?: string;
  columns: ColumnNode[];
  /** Leading columns kept visible when scrolling right (TT and the unit name). */
  frozenColumns?: number;
}

export interface RowStyle {
  bold?: boolean;
  italic?: boolean;
}

const thin = { style: 'thin' as const };
export const BORDER_ALL: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (extra: Partial<Font> = {}): Partial<Font> => ({ name: FONT_NAME, size: 11, ...extra });
const center: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

const FORMAT_CODE: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  count: FMT_COUNT,
  rate: FMT_RATE,
  money: FMT_MONEY,
  year: '0',
};

const DEFAULT_WIDTH: Record<ColumnFormat, number> = { text: 14, count: 10, rate: 9, money: 14, year: 8 };

/** "Huyện Chiêm Hóa" → "Chiêm Hóa": the place name of the date line. */
export function placeName(unitName: string): string {
  return unitName
    .replace(/^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu)\s+/i, '')
    .trim();
}

/** Rounds a percentage for display the way reports do (docs/RULES.md §4): from the exact ratio, 2 decimals. */
export function round2(value: number): number {
  return round(value, 2)!;
}

export class OfficialSheet {
  readonly ws: Worksheet;
  readonly leaves: LeafColumn[];
  private readonly index = new Map<string, number>();
  /** First row of the column headings and the numbering row under them. */
  readonly headingTop: number;
  readonly numberingRow: number;
  private next: number;

  /**
   * `wb` may be an in-memory Workbook or a streaming WorkbookWriter: views and page setup are
   * given when the sheet is added, as the streaming writer writes them first.
   */
  constructor(wb: Pick<Workbook, 'addWorksheet'>, sheetName: string, private readonly frame: SheetFrame) {
    this.leaves = [];
    collectLeaves(frame.columns, this.leaves);
    this.headingTop = 6;
    this.numberingRow = this.headingTop + treeDepth(frame.columns);
    const frozen = frame.frozenColumns ?? 0;
    this.ws = wb.addWorksheet(sheetName, {
      views: [{
        state: 'frozen',
        xSplit: frozen,
        ySplit: this.numberingRow,
        topLeftCell: `${columnLetter(frozen + 1)}${this.numberingRow + 1}`,
        activeCell: `A${this.numberingRow + 1}`,
      }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
        printTitlesRow: `${this.headingTop}:${this.numberingRow}`,
      },
      headerFooter: { oddFooter: '&C&"Times New Roman"&9Trang &P/&N' },
    });
    this.leaves.forEach((c, i) => {
      if (this.index.has(c.key)) throw new Error(`duplicate column key ${c.key}`);
      this.index.set(c.key, i + 1);
      this.ws.getColumn(i + 1).width = c.width ?? DEFAULT_WIDTH[c.format];
    });
    this.writeMottoBlock();
    this.writeHeadings(this.headingTop);
    this.next = this.numberingRow + 1;
  }

  get columnCount(): number {
    return this.leaves.length;
  }

  get nextRow(): number {
    return this.next;
  }

  col(key: string): number {
    const i = this.index.get(key);
    if (!i) throw new Error(`unknown column ${key}`);
    return i;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  letter(key: string): string {
    return columnLetter(this.col(key));
  }

  ref(key: string, row: number): string {
    return `${this.letter(key)}${row}`;
  }

  leaf(key: string): LeafColumn {
    return this.leaves[this.col(key) - 1];
  }

  /** Reserves the next row (rows may be filled in any order: parents after their children). */
  reserveRow(): number {
    return this.next++;
  }

  /** Writes one table row: every column gets a border; text as text, figures as numbers or formulas. */
  writeRow(row: number, values: Record<string, SheetValue>, style: RowStyle = {}): void {
    const r = this.ws.getRow(row);
    const f = font({ bold: style.bold, italic: style.italic });
    for (const [i, c] of this.leaves.entries()) {
      const cell = r.getCell(i + 1);
      setCell(cell, c.format, values[c.key]);
      cell.font = f;
      cell.border = BORDER_ALL;
      const numFmt = FORMAT_CODE[c.format];
      if (numFmt) cell.numFmt = numFmt;
      cell.alignment = c.format === 'text'
        ? { vertical: 'middle', wrapText: true, horizontal: c.key === 'tt' || c.key === 'part' ? 'center' : 'left' }
        : { vertical: 'middle', horizontal: 'right' };
    }
  }

  /** Merges one column over consecutive rows (TT and the name over the "Hộ" / "Nhân khẩu" rows). */
  mergeDown(key: string, fromRow: number, toRow: number): void {
    if (toRow > fromRow) this.ws.mergeCells(fromRow, this.col(key), toRow, this.col(key));
  }

  /** A free line under the table (a note), merged across the table's width. */
  addNote(text: string, style: RowStyle = { italic: true }): number {
    const row = this.next++;
    this.ws.mergeCells(row, 1, row, this.columnCount);
    const cell = this.ws.getCell(row, 1);
    setTextCell(cell, text);
    cell.font = font({ italic: style.italic, bold: style.bold, size: 10 });
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    return row;
  }

  /** The place-and-date line and the signature block (NGƯỜI LẬP BIỂU / TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH). */
  finish(opts: { place: string; date?: Date; signer?: string } ): void {
    const n = this.columnCount;
    const [leftFrom, leftTo] = [1, Math.max(1, Math.min(3, Math.floor(n / 2) - 1))];
    const rightFrom = Math.max(leftTo + 1, n - Math.max(4, Math.floor(n / 3)) + 1);
    const year = (opts.date ?? new Date()).getFullYear();
    let row = this.next + 1;
    this.block(row, rightFrom, n, `${opts.place}, ngày …… tháng …… năm ${year}`, { italic: true });
    row++;
    this.block(row, leftFrom, leftTo, 'NGƯỜI LẬP BIỂU', { bold: true });
    this.block(row, rightFrom, n, opts.signer ?? 'TM. ỦY BAN NHÂN DÂN', { bold: true });
    row++;
    this.block(row, rightFrom, n, 'CHỦ TỊCH', { bold: true });
    row++;
    this.block(row, leftFrom, leftTo, '(Ký, ghi rõ họ tên)', { italic: true });
    this.block(row, rightFrom, n, '(Ký tên, đóng dấu)', { italic: true });
    this.next = row + 1;
  }

  private block(row: number, from: number, to: number, text: string, style: RowStyle & { size?: number; underline?: boolean }): void {
    if (to > from) this.ws.mergeCells(row, from, row, to);
    const cell = this.ws.getCell(row, from);
    setTextCell(cell, text);
    cell.font = font({ bold: style.bold, italic: style.italic, size: style.size ?? 12, underline: style.underline });
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: false };
  }

  private writeMottoBlock(): void {
    const n = this.columnCount;
    const leftTo = Math.max(2, Math.min(4, Math.floor(n / 2)));
    const rightFrom = Math.min(n, Math.max(leftTo + 1, n - Math.max(5, Math.floor(n / 2)) + 1));
    this.block(1, 1, leftTo, 'ỦY BAN NHÂN DÂN', { bold: true });
    this.block(2, 1, leftTo, this.frame.unitName.toLocaleUpperCase('vi'), { bold: true });
    this.block(1, rightFrom, n, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
    this.block(2, rightFrom, n, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true });
    this.block(4, 1, n, this.frame.title, { bold: true, size: 14 });
    this.ws.getRow(4).height = 22;
    if (this.frame.subtitle) this.block(5, 1, n, this.frame.subtitle, { italic: true });
  }

  /** Column headings from the tree: a group spans its leaves; a shallow leaf spans down to the numbering row. */
  private writeHeadings(top: number): void {
    const numberingRow = this.numberingRow;
    const headingFont = font({ bold: true });
    let col = 1;
    // lines each heading needs in its merged width, to size the heading rows
    const lines = new Map<number, number>();
    const place = (nodes: ColumnNode[], row: number) => {
      for (const node of nodes) {
        const width = leafCount(node);
        const bottom = isLeaf(node) ? numberingRow - 1 : row;
        let chars = 0;
        for (let k = 0; k < width; k++) chars += (this.leaves[col - 1 + k].width ?? DEFAULT_WIDTH[this.leaves[col - 1 + k].format]) * 1.05;
        const need = Math.ceil(node.title.length / Math.max(1, chars - 1)) / (bottom - row + 1);
        lines.set(row, Math.max(lines.get(row) ?? 1, Math.ceil(need)));
        if (width > 1 || bottom > row) this.ws.mergeCells(row, col, bottom, col + width - 1);
        const cell = this.ws.getCell(row, col);
        setTextCell(cell, node.title);
        if (isLeaf(node)) {
          const num = this.ws.getCell(numberingRow, col);
          setTextCell(num, node.number);
          col += 1;
        } else {
          place(node.children, row + 1);
        }
      }
    };
    place(this.frame.columns, top);
    for (let r = top; r <= numberingRow; r++) {
      const row = this.ws.getRow(r);
      const numberChars = Math.max(...this.leaves.map((c) => c.number.length / (c.width ?? DEFAULT_WIDTH[c.format])));
      row.height = r === numberingRow ? (numberChars > 1 ? 28 : 16) : Math.max(20, 15 * (lines.get(r) ?? 1) + 4);
      for (let c = 1; c <= this.columnCount; c++) {
        const cell = row.getCell(c);
        cell.font = r === numberingRow ? font({ italic: true, size: 10 }) : headingFont;
        cell.alignment = center;
        cell.border = BORDER_ALL;
      }
    }
  }
}

function setCell(cell: Cell, format: ColumnFormat, value: SheetValue): void {
  if (value === null || value === undefined) {
    cell.value = null;
  } else if (format === 'text') {
    // user text: always a string with the Text format, never a formula (common/excel/safe-cell.ts)
    setTextCell(cell, typeof value === 'object' ? String(value.result) : String(value));
  } else if (typeof value === 'object') {
    cell.value = Number.isFinite(value.result) ? { formula: value.formula, result: value.result } : null;
  } else {
    // a finite number, or an empty cell (never the text "NaN")
    cell.value = typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
}

function collectLeaves(nodes: ColumnNode[], out: LeafColumn[]): void {
  for (const n of nodes) {
    if (isLeaf(n)) out.push(n);
    else collectLeaves(n.children, out);
  }
}

function leafCount(node: ColumnNode): number {
  return isLeaf(node) ? 1 : node.children.reduce((s, c) => s + leafCount(c), 0);
}

function treeDepth(nodes: ColumnNode[]): number {
  return Math.max(...nodes.map((n) => (isLeaf(n) ? 1 : 1 + treeDepth(n.children))));
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
