import { DomainError, ErrorDetail } from '../errors/domain-error';

/**
 * Collects every problem of an import (all-or-nothing: nothing is written when there is one) and
 * turns them into one IMPORT_INVALID error whose details carry `row`, `column` (the letter),
 * `heading` (the column's heading), `field` (the API name of the value) and the reason.
 * The list is capped (`limit`) so that a file of 100,000 wrong rows does not produce a 20 MB
 * answer; the message gives the full count.
 */
export class RowErrors {
  private readonly details: ErrorDetail[] = [];
  private readonly rows = new Set<number>();
  private total = 0;

  constructor(private readonly limit = 2000) {}

  add(e: { row?: number; column?: string; heading?: string; field?: string; message: string; value?: unknown }): void {
    this.total++;
    if (e.row !== undefined) this.rows.add(e.row);
    if (this.details.length < this.limit) {
      const d: ErrorDetail = { message: e.message };
      if (e.row !== undefined) d.row = e.row;
      if (e.column) d.column = e.column;
      if (e.heading) d.heading = e.heading;
      if (e.field) d.field = e.field;
      if (e.value !== undefined && e.value !== null && e.value !== '') d.value = e.value;
      this.details.push(d);
    }
  }

  get count(): number {
    return this.total;
  }

  get rowCount(): number {
    return this.rows.size;
  }

  /** Throws IMPORT_INVALID when anything was collected. */
  throwIfAny(what = 'rows'): void {
    if (!this.total) return;
    this.details.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const shown = this.details.length < this.total ? ` (the first ${this.details.length} are listed)` : '';
    throw new DomainError(
      'IMPORT_INVALID',
      `Nothing was imported: ${this.total} problem(s) in ${this.rows.size} ${what}${shown}`,
      this.details,
    );
  }
}
