/**
 * One problem with one input field: what a pure check returns (domain/*.ts, no framework) and
 * what the API puts in `details[]` of its one error shape. `field` is the path of the field
 * (`members.2.fullName`, `version`); import rows add `row` and `column`.
 */
export interface FieldProblem {
  field: string;
  message: string;
  value?: unknown;
  row?: number;
  column?: string;
  [extra: string]: unknown;
}

/** Prefixes the field of each problem (`members.2.` + `fullName`). */
export const prefixed = <P extends FieldProblem>(problems: P[], prefix: string): P[] =>
  prefix ? problems.map((p) => ({ ...p, field: prefix + p.field })) : problems;
