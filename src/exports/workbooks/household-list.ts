import { stream as xlsxStream } from 'exceljs';
import type { Row, Style, Worksheet } from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as yieldToLoop, setTimeout as delay } from 'node:timers/promises';
import type { ReportUnit } from '../report-inputs';
import { toCellText } from '../../common/excel/safe-cell';
import { BORDER_ALL, ColumnNode, FONT_NAME, LeafColumn, OfficialSheet, placeName } from './official-sheet';

/**
 * Tables 14/15: DANH SÁCH CHI TIẾT HỘ NGHÈO / HỘ CẬN NGHÈO (docs/LAW.md §3.7), written
 * row by row with exceljs's streaming WorkbookWriter straight into the output (the HTTP
 * response), so a province-sized list never sits in memory: a household row (STT chủ hộ), then
 * one row per member (STT thành viên), communes as bold section rows with their subtotal.
 */

export type ListClass = 'poor' | 'near_poor';
/** "Nghèo mới" / "Tái nghèo" / "Nghèo cũ" (near-poor: "Cận nghèo mới"…). */
export type ListEntry = 'new' | 'again' | 'old';

export interface ListMember {
  name: string;
  sex: 'male' | 'female';
  birthYear: number | null;
  ethnicity: string | null;
  /** Vietnamese: "Vợ/chồng", "Con"… */
  relation: string;
}

export interface ListHousehold {
  head: ListMember;
  village: string | null;
  entry: ListEntry | null;
  meritorious: boolean;
  ethnicMinority: boolean;
  noLabour: boolean;
  /** Support needs keys (see SUPPORT_COLUMNS). */
  supportNeeds: readonly string[];
  members: ListMember[];
}

export const RELATION_VI: Record<string, string> = {
  head: 'Chủ hộ',
  spouse: 'Vợ/chồng',
  child: 'Con',
  parent: 'Bố/mẹ',
  parent_in_law: 'Bố/mẹ vợ (chồng)',
  child_in_law: 'Con dâu/con rể',
  grandchild: 'Cháu',
  sibling: 'Anh/chị/em',
  other: 'Khác',
};

/** Support needs recorded with Phiếu B (docs/LAW.md §3.5); an unknown key counts as "Khác". */
export const SUPPORT_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['health', 'Y tế'],
  ['education', 'Giáo dục'],
  ['production', 'Sản xuất'],
  ['credit', 'Vay vốn tín dụng'],
  ['housing', 'Nhà ở'],
  ['other', 'Khác'],
];

/** How review_movement books a household → the list's split (docs/RULES.md §3). */
export function listEntry(cls: ListClass, move: string | null): ListEntry | null {
  switch (move) {
    case 'newlyPoor':
    case 'newlyNearPoor':
    case 'fromNearPoor': // near-poor last year, poor now: new on the poor list
    case 'fromPoor':
      return 'new';
    case 'fellBack':
      return 'again';
    case 'stay':
    case 'otherIn': // split off or moved in already in the class
      return 'old';
    default:
      return null; // a baseline round has no movement
  }
}

const c = (key: string, title: string, number: string, width: number, format: LeafColumn['format'] = 'text'): LeafColumn => ({ key, title, number, width, format });

export function listColumns(cls: ListClass): ColumnNode[] {
  const word = cls === 'poor' ? 'nghèo' : 'cận nghèo';
  return [
    c('hh', 'STT chủ hộ', '1', 6, 'count'),
    c('mem', 'STT thành viên', '2', 7, 'count'),
    c('name', 'Họ và tên chủ hộ và thành viên', '3', 26),
    c('village', 'Thôn/Tổ', '4', 14),
    { title: 'Năm sinh', children: [c('male', 'Nam', '5', 7, 'year'), c('female', 'Nữ', '6', 7, 'year')] },
    c('ethnicity', 'Dân tộc', '7', 9),
    c('relation', 'Quan hệ với chủ hộ', '8', 11),
    {
      title: `Chia hộ ${word} theo`,
      children: cls === 'poor'
        ? [c('new', 'Nghèo mới', '9', 7), c('again', 'Tái nghèo', '10', 7), c('old', 'Nghèo cũ', '11', 7)]
        : [c('new', 'Cận nghèo mới', '9', 8), c('again', 'Tái cận nghèo', '10', 8), c('old', 'Cận nghèo cũ', '11', 8)],
    },
    c('meritorious', 'Hộ chính sách có công', '12', 9),
    c('minority', 'Hộ DTTS', '13', 7),
    c('noLabour', 'Hộ không có khả năng lao động', '14', 10),
    {
      title: 'Chính sách hỗ trợ tiếp cận dịch vụ xã hội cơ bản (nhu cầu)',
      children: SUPPORT_COLUMNS.map(([key, title], i) => c(`s_${key}`, title, String(15 + i), 8)),
    },
  ];
}

// One style object per kind of cell, shared by every row: exceljs then finds the style id by
// object identity instead of serialising the style of each of millions of cells.
const font = { name: FONT_NAME, size: 11 };
const bold = { name: FONT_NAME, size: 11, bold: true };
export const LIST_STYLES = {
  number: { font, border: BORDER_ALL, alignment: { horizontal: 'center', vertical: 'middle' }, numFmt: '0' } as Partial<Style>,
  // user text (names, villages, ethnicity): the Text format, so an edited cell is never re-read as a formula (common/excel/safe-cell.ts)
  text: { font, border: BORDER_ALL, alignment: { vertical: 'middle', wrapText: true }, numFmt: '@' } as Partial<Style>,
  headName: { font: bold, border: BORDER_ALL, alignment: { vertical: 'middle', wrapText: true }, numFmt: '@' } as Partial<Style>,
  tick: { font, border: BORDER_ALL, alignment: { horizontal: 'center', vertical: 'middle' } } as Partial<Style>,
  section: { font: bold, border: BORDER_ALL, alignment: { vertical: 'middle' }, numFmt: '@' } as Partial<Style>,
  subtotal: { font: { name: FONT_NAME, size: 11, italic: true }, border: BORDER_ALL, alignment: { vertical: 'middle' }, numFmt: '@' } as Partial<Style>,
};

/** The style of each of the 20 columns, in order (what a household or member row uses). */
export const LIST_COLUMN_STYLES: Partial<Style>[] = [
  LIST_STYLES.number, LIST_STYLES.number, LIST_STYLES.text, LIST_STYLES.text, LIST_STYLES.number, LIST_STYLES.number,
  LIST_STYLES.text, LIST_STYLES.text, ...Array(12).fill(LIST_STYLES.tick),
];
export const LIST_COLUMN_COUNT = LIST_COLUMN_STYLES.length;

/** The cells of a household's head row and member rows, in column order (what both the service and the benchmark write). */
export function householdRows(h: ListHousehold, seq: number): (string | number | null)[][] {
  const x = (b: boolean) => (b ? 'x' : null);
  // user text as a plain string (never a formula object), in columns styled with the Text format
  const textValue = (v: string | null | undefined) => toCellText(v) || null;
  const needs = new Set(h.supportNeeds.map((k) => (SUPPORT_COLUMNS.some(([key]) => key === k) ? k : 'other')));
  const person = (m: ListMember): (string | number | null)[] => [
    textValue(m.name),
    null, // village: on the head's row only
    m.sex === 'male' ? m.birthYear : null,
    m.sex === 'female' ? m.birthYear : null,
    textValue(m.ethnicity),
    m.relation,
  ];
  const head = person(h.head);
  head[1] = textValue(h.village);
  const rows: (string | number | null)[][] = [[
    seq, null, ...head,
    x(h.entry === 'new'), x(h.entry === 'again'), x(h.entry === 'old'),
    x(h.meritorious), x(h.ethnicMinority), x(h.noLabour),
    ...SUPPORT_COLUMNS.map(([key]) => x(needs.has(key))),
  ]];
  h.members.forEach((m, i) => rows.push([null, i + 1, ...person(m), ...Array(12).fill(null)]));
  return rows;
}

/** Fills one row with cells in the list's styles and commits it (it leaves memory now). */
export function fillListRow(row: Row, values: (string | number | null)[], headRow: boolean): void {
  for (let i = 0; i < LIST_COLUMN_COUNT; i++) {
    const cell = row.getCell(i + 1);
    cell.value = values[i] ?? null;
    cell.style = i === 2 && headRow ? LIST_STYLES.headName : LIST_COLUMN_STYLES[i];
  }
  row.commit();
}

/**
 * Bytes of uncompressed sheet XML allowed to wait for the zip. Below it the writer keeps
 * producing while zlib compresses on the thread pool (the two overlap, which is what makes the
 * stream as fast as a loop that never waits); above it the writer waits. It bounds memory
 * whatever the number of rows.
 */
export const ZIP_BACKLOG_BYTES = 2 * 1024 * 1024;

/**
 * Back-pressure for exceljs's streaming writer. exceljs 4.4 writes to archiver without
 * honouring write()'s result (its StreamBuf ignores it), so a producer that never waits would
 * queue the whole uncompressed sheet in memory. The sheet's stream pipes into archiver's entry
 * PassThrough (readable-stream 2), whose `_writableState.length` is the backlog: wait while it
 * is above ZIP_BACKLOG_BYTES, until the zip (itself held back by a slow socket) has caught up,
 * or the client has gone (`closed`). Between pages it yields to the event loop either way.
 */
export async function zipBackpressure(ws: Worksheet, closed?: Promise<unknown>): Promise<void> {
  const pipes = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const sink = Array.isArray(pipes) ? (pipes[0] as NodeJS.EventEmitter & { _writableState?: { length: number } }) : undefined;
  const state = sink?._writableState;
  if (state && state.length > ZIP_BACKLOG_BYTES) {
    let gone = false;
    void closed?.then(() => (gone = true));
    const stop = new AbortController();
    const drained = once(sink!, 'drain', { signal: stop.signal }).catch(() => undefined);
    // 'drain' comes only when the buffer is empty: check every few ms to resume at half the limit
    while (!gone && state.length > ZIP_BACKLOG_BYTES / 2) {
      await Promise.race([drained, delay(5), ...(closed ? [closed] : [])]);
    }
    stop.abort();
  }
  await yieldToLoop();
}

export interface HouseholdListMeta {
  unit: ReportUnit;
  cls: ListClass;
  /** The review year and the list year it produces (docs/RULES.md §1). */
  year: number;
  listYear: number | null;
  standard: string | null;
  date?: Date;
}

/** The streaming writer of one detailed list. */
export class HouseholdListWriter {
  private readonly wb: xlsxStream.xlsx.WorkbookWriter;
  private readonly sheet: OfficialSheet;
  private seq = 0;
  private communeHouseholds = 0;
  private communePersons = 0;
  households = 0;
  persons = 0;

  constructor(output: Writable, private readonly meta: HouseholdListMeta) {
    this.wb = new xlsxStream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    this.wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
    const word = meta.cls === 'poor' ? 'HỘ NGHÈO' : 'HỘ CẬN NGHÈO';
    const parts = [`Kết quả rà soát năm ${meta.year}`];
    if (meta.listYear) parts.push(`danh sách năm ${meta.listYear}`);
    if (meta.standard) parts.push(`chuẩn nghèo ${meta.standard}`);
    this.sheet = new OfficialSheet(this.wb, meta.cls === 'poor' ? 'Danh sách hộ nghèo' : 'Danh sách hộ cận nghèo', {
      unitName: meta.unit.name,
      title: `DANH SÁCH CHI TIẾT ${word}`,
      subtitle: `${parts.join(', ')} - ${meta.unit.name}`,
      columns: listColumns(meta.cls),
      frozenColumns: 3,
    });
    // the heading rows are complete: write them out before the first household
    this.ws.getRow(this.sheet.numberingRow).commit();
  }

  get ws(): Worksheet {
    return this.sheet.ws;
  }

  /** A commune's section row (district and province lists); numbering restarts in each commune. */
  commune(name: string): void {
    this.closeSection();
    this.line(name, LIST_STYLES.section);
    this.seq = 0;
    this.section = { households: 0, persons: 0 };
  }

  household(h: ListHousehold): void {
    this.seq++;
    this.households++;
    this.persons += 1 + h.members.length;
    if (this.section) {
      this.section.households++;
      this.section.persons += 1 + h.members.length;
    }
    const rows = householdRows(h, this.seq);
    for (let i = 0; i < rows.length; i++) fillListRow(this.ws.getRow(this.sheet.reserveRow()), rows[i], i === 0);
  }

  /** Lets the zip and the socket catch up (call between batches). */
  drain(closed?: Promise<unknown>): Promise<void> {
    return zipBackpressure(this.ws, closed);
  }

  /** Totals, notes, the date line and signatures; then the file is completed. */
  async finish(notes: string[] = []): Promise<{ households: number; persons: number }> {
    this.closeSection();
    this.line(`Tổng cộng: ${this.households} hộ, ${this.persons} nhân khẩu`, LIST_STYLES.section);
    for (const n of notes) this.sheet.addNote(n);
    this.sheet.finish({ place: placeName(this.meta.unit.name), date: this.meta.date });
    this.ws.commit();
    await this.wb.commit();
    return { households: this.households, persons: this.persons };
  }

  private section: { households: number; persons: number } | null = null;

  private closeSection(): void {
    if (!this.section) return;
    this.line(`Cộng: ${this.section.households} hộ, ${this.section.persons} nhân khẩu`, LIST_STYLES.subtotal);
    this.section = null;
  }

  /** A line across the table (section name, subtotal, total). */
  private line(text: string, style: Partial<Style>): void {
    const n = this.sheet.reserveRow();
    this.ws.mergeCells(n, 1, n, LIST_COLUMN_COUNT);
    const row = this.ws.getRow(n);
    row.getCell(1).value = toCellText(text) || null; // the section and subtotal styles carry the Text format
    for (let i = 1; i <= LIST_COLUMN_COUNT; i++) row.getCell(i).style = style;
    row.commit();
  }
}
