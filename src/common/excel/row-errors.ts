import { DomainError, FieldProblem } from '../errors/domain-error';

/** Problems collected since the last drain, to pass from a parser (a worker thread) to the importer. */
export interface RowErrorsChunk {
  details: FieldProblem[];
  /** Problems beyond the listing cap: counted, and their rows. */
  unlisted: number;
  unlistedRows: number[];
}

/**
 * Collects every problem of an import (all-or-nothing: nothing is written when there is one) and
 * turns them into one IMPORT_INVALID error whose details carry `row`, `column` (the letter),
 * `heading` (the column's heading), `field` (the API name of the value) and the reason, sorted
 * by row. The list is capped (`limit`) so that a file of 100,000 wrong rows does not produce a
 * 20 MB answer; the message gives the full count.
 */
export class RowErrors {
  private readonly details: FieldProblem[] = [];
  private readonly rows = new Set<number>();
  private total = 0;
  private drained = 0;
  private unlistedSinceDrain = 0;
  private unlistedRowsSinceDrain: number[] = [];

  constructor(private readonly limit = 2000) {}

  add(e: { row?: number; column?: string; heading?: string; field?: string; message: string; value?: unknown }): void {
    this.total++;
    if (e.row !== undefined) this.rows.add(e.row);
    if (this.details.length < this.limit) {
      // a problem of the whole row has no field: the detail then names the row (and column) only
      const d = { message: e.message } as FieldProblem;
      if (e.row !== undefined) d.row = e.row;
      if (e.column) d.column = e.column;
      if (e.heading) d.heading = e.heading;
      if (e.field) d.field = e.field;
      if (e.value !== undefined && e.value !== null && e.value !== '') d.value = e.value;
      this.details.push(d);
    } else {
      this.unlistedSinceDrain++;
      if (e.row !== undefined) this.unlistedRowsSinceDrain.push(e.row);
    }
  }

  /** What was added since the last drain (for a parser running in a worker). */
  drain(): RowErrorsChunk {
    const chunk = { details: this.details.slice(this.drained), unlisted: this.unlistedSinceDrain, unlistedRows: this.unlistedRowsSinceDrain };
    this.drained = this.details.length;
    this.unlistedSinceDrain = 0;
    this.unlistedRowsSinceDrain = [];
    return chunk;
  }

  /** Takes in what another collector drained. */
  absorb(chunk: RowErrorsChunk): void {
    for (const d of chunk.details) this.add(d as Parameters<RowErrors['add']>[0]);
    this.total += chunk.unlisted;
    for (const r of chunk.unlistedRows) this.rows.add(r);
  }

  get count(): number {
    return this.total;
  }

  get rowCount(): number {
    return this.rows.size;
  }

  /** Throws IMPORT_INVALID when anything was collected. */
  throwIfAny(what = 'dòng'): void {
    if (!this.total) return;
    const listed = [...this.details].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const shown = listed.length < this.total ? ` (liệt kê ${listed.length} lỗi đầu tiên)` : '';
    throw new DomainError('IMPORT_INVALID', `Chưa nhập dữ liệu nào: ${this.total} lỗi ở ${this.rows.size} ${what}${shown}`, listed);
  }
}
