import type { Role } from '../../../src/auth/auth-user';
import type { TestApp } from '../../utils/test-app';
import { BAD_FILES, xlsxWithRows } from '../../utils/xlsx-fixtures';

/**
 * The bad-input suite: what real users and attackers send to every write endpoint (and to the
 * query parameters of the lists), generated from a description of each endpoint's fields. Every
 * refusal must be a clear 4xx in the one error shape naming the field, with no stack trace, and
 * must leave the database as it was. Targets live in ./rows/<module>.ts, listed in ./index.ts;
 * ../bad-input.spec.ts runs them. See docs/DEVELOPING.md "Bad-input suite".
 */

export type Caller = Role | 'anonymous';

/** What a field holds; decides which bad values are thrown at it. */
export type FieldKind =
  /** A constrained identifier (username, unit code): ASCII pattern, SQL and formula strings refused. */
  | 'identifier'
  /** Free text a person types (names, addresses, notes): stored NFC; SQL and formula strings stored verbatim. */
  | 'text'
  /**
   * A code that refers to an existing record (a project code, a unit code without a pattern):
   * odd values are an unknown reference (400 or 404 naming the field), never a 5xx.
   */
  | 'reference'
  /** A new password: type and length refused; any text accepted otherwise (the policy is tested apart). */
  | 'password'
  /** A username or password being checked (login): odd values are wrong credentials (`wrongStatus`), never a 5xx. */
  | 'credential'
  /** A whole number (counts, years, versions). */
  | 'int'
  /** Whole VND, ≥ 0 (incomes, funds): negative, NaN, fractions, huge values refused. */
  | 'money'
  /** YYYY-MM-DD */
  | 'date'
  | 'enum'
  | 'bool';

export interface FieldSpec {
  kind: FieldKind;
  /** Missing is refused (400 naming the field). */
  required?: boolean;
  /** null is accepted (e.g. "clear this value"). */
  nullable?: boolean;
  /** For int/money: the smallest accepted value (default 0 for money). */
  min?: number;
  /** For enum: the accepted values. */
  values?: string[];
  /** For text/identifier/password: the longest accepted string. */
  maxLength?: number;
  /** For dates: the accepted range (inclusive); values just outside it are refused. */
  range?: [string, string];
  /** For credentials: the status of a syntactically valid but wrong value (default 401). */
  wrongStatus?: number;
}

export interface BadInputContext {
  t: TestApp;
  token(caller: Caller): string | undefined;
  seq(): number;
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface BodyRequest {
  path: string;
  body: Record<string, unknown>;
  /** A session of its own for this request (the route changes the caller's account). */
  token?: string;
}

/** A JSON write endpoint. */
export interface BodyTarget {
  route: string; // 'POST /api/users'
  caller: Caller;
  /** A valid request (fresh for every case: unique names, current version). The suite checks it is accepted. */
  request(ctx: BadInputContext): Promise<BodyRequest> | BodyRequest;
  /** The status of the valid request (201, 200). */
  accepts: number;
  fields: Record<string, FieldSpec>;
  /**
   * Reads back what an accepted request stored for a text field, to check NFC and verbatim
   * storage (SQL and formula strings are data, not code). Without it those checks only look at the status.
   */
  stored?(ctx: BadInputContext, res: { body: any }, field: string): Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** More state that must not change on a refusal (the audit trail is always compared). */
  fingerprint?(ctx: BadInputContext): Promise<unknown>;
  /**
   * Cases this endpoint is known to get wrong, by case name, with why: they run as `it.failing`,
   * so the suite stays green and turns red the day the gap is fixed (then delete the entry).
   */
  knownGaps?: Record<string, string>;
}

/**
 * The query parameters of a list (GET) or of a DELETE (`?version=`). For a DELETE, `path(ctx)`
 * creates a fresh record for every case, and a refusal must write nothing (`fingerprint`).
 */
export interface QueryTarget {
  route: string; // 'GET /api/users', 'DELETE /api/program-activities/:id'
  caller: Caller;
  path: string | ((ctx: BadInputContext) => string | Promise<string>);
  params: Record<string, FieldSpec>;
  /** The status without parameters (default 200; a DELETE: 204). */
  accepts?: number;
  /** Parameters every request carries (e.g. the required `unit` and `year` of a report). */
  base?: Record<string, string | number>;
  fingerprint?(ctx: BadInputContext): Promise<unknown>;
  /** The route has no query DTO: unknown parameters are ignored, not refused. */
  noQueryDto?: boolean;
  knownGaps?: Record<string, string>;
}

/** An .xlsx import endpoint (built with @XlsxUpload). */
export interface UploadTarget {
  route: string;
  caller: Caller;
  path(ctx: BadInputContext): string | Promise<string>;
  field?: string;
  /** Status of a valid small workbook. */
  accepts: number;
  /** A valid workbook for this endpoint (default: 5 generic rows). */
  validFile?(): Buffer;
  /** Extra multipart fields the endpoint needs (e.g. a round id). */
  fields?(ctx: BadInputContext): Record<string, string> | Promise<Record<string, string>>;
  /** The endpoint's row limit (XlsxUpload maxRows, else IMPORT_MAX_ROWS of the suite's app). */
  maxRows: number;
  fingerprint?(ctx: BadInputContext): Promise<unknown>;
}

export interface BadInputModule {
  name: string;
  setup?(ctx: BadInputContext): Promise<void>;
  bodies?: BodyTarget[];
  queries?: QueryTarget[];
  uploads?: UploadTarget[];
}

// ---- the values ----------------------------------------------------------------------------

export const SQL_INJECTIONS = [
  "'; DROP TABLE app_user; --",
  "' OR '1'='1",
  "Robert'); DELETE FROM audit_log; --",
  '1; SELECT pg_sleep(0)',
  "$$; DROP TABLE household; $$",
];
export const FORMULA_INJECTIONS = ['=HYPERLINK("http://evil.example","Bấm vào đây")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A9)'];
export const VIETNAMESE = 'Nguyễn Thị Hường Đặng';

/**
 * A case: the statuses allowed, and the field a 400 must name in `details` (403 from the area
 * check and 404 / 409 / 422 from business rules are not checked for it).
 */
export interface Case {
  name: string;
  /** A new body from a valid one (or a raw string sent as the JSON text). */
  mutate(valid: Record<string, unknown>): Record<string, unknown> | string;
  status: number[];
  /** The field the details must name. */
  names?: string;
  /** Accepted cases: what the stored value must be (checked with `stored`). */
  stores?: { field: string; value: unknown };
  /** Accepted or refused, never a 5xx, and the database is intact (SQL strings in pattern fields). */
  acceptOrRefuse?: boolean;
}

/** The days just outside a range: the day before the start and the day after the end. */
function outside([from, to]: [string, string]): string[] {
  const day = (s: string, d: number) => new Date(Date.parse(`${s}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
  return [day(from, -1), day(to, 1)];
}

const without = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
const set = (k: string, v: unknown) => (o: Record<string, unknown>) => ({ ...o, [k]: v });

/** The cases for one body target, from its field specs. */
export function bodyCases(target: BodyTarget): Case[] {
  const cases: Case[] = [];
  const bad = (name: string, field: string, v: unknown, status = [400]) => cases.push({ name: `${field}: ${name}`, mutate: set(field, v), status, names: field });
  for (const [field, spec] of Object.entries(target.fields)) {
    if (spec.required) cases.push({ name: `${field}: missing`, mutate: (o) => without(o, field), status: [400], names: field });
    // null on an optional field may mean "not given" (class-validator's IsOptional): only required fields must refuse it
    if (spec.required && !spec.nullable) bad('null', field, null);
    const stringy = ['identifier', 'reference', 'text', 'password', 'credential', 'date', 'enum'].includes(spec.kind);
    if (stringy) {
      bad('a number', field, 12345);
      bad('a boolean', field, true);
      bad('an array', field, ['a']);
      bad('an object', field, { $ne: '' });
      if (spec.kind !== 'enum' && spec.kind !== 'date') bad('100,000 characters', field, 'x'.repeat(100_000));
    }
    if (spec.kind === 'reference') {
      for (const v of [...SQL_INJECTIONS.filter((x) => x.length <= 16), '=1+1', VIETNAMESE.slice(0, 12)]) {
        cases.push({ name: `${field}: ${JSON.stringify(v)} is unknown`, mutate: set(field, v), status: [400, 403, 404], names: field });
      }
    }
    if (spec.kind === 'identifier' || spec.kind === 'text' || spec.kind === 'reference') {
      bad('a NUL byte', field, 'ab\u0000cd');
      bad('an escape character', field, 'ab\u001b[31mcd');
    }
    if (spec.kind === 'credential') {
      const wrong = [spec.wrongStatus ?? 401];
      bad('a NUL byte', field, 'ab\u0000cd');
      for (const v of [...SQL_INJECTIONS, ...FORMULA_INJECTIONS, VIETNAMESE.normalize('NFD')]) {
        cases.push({ name: `${field}: ${JSON.stringify(v)} is just wrong`, mutate: set(field, v), status: wrong });
      }
    }
    if (spec.kind === 'identifier') {
      for (const s of SQL_INJECTIONS) cases.push({ name: `${field}: SQL ${JSON.stringify(s)}`, mutate: set(field, s), status: [400], names: field });
      for (const s of FORMULA_INJECTIONS) cases.push({ name: `${field}: formula ${JSON.stringify(s)}`, mutate: set(field, s), status: [400], names: field });
      bad('Vietnamese letters', field, VIETNAMESE);
    }
    if (spec.kind === 'text') {
      const ok = target.accepts;
      cases.push({ name: `${field}: Vietnamese NFD is stored NFC`, mutate: set(field, VIETNAMESE.normalize('NFD')), status: [ok], stores: { field, value: VIETNAMESE } });
      cases.push({ name: `${field}: Vietnamese NFC`, mutate: set(field, VIETNAMESE), status: [ok], stores: { field, value: VIETNAMESE } });
      for (const s of SQL_INJECTIONS) cases.push({ name: `${field}: SQL ${JSON.stringify(s)} is stored verbatim`, mutate: set(field, s), status: [ok], stores: { field, value: s } });
      for (const s of FORMULA_INJECTIONS) cases.push({ name: `${field}: formula ${JSON.stringify(s)} is stored verbatim`, mutate: set(field, s), status: [ok], stores: { field, value: s } });
    }
    if (spec.kind === 'int' || spec.kind === 'money') {
      bad('a numeric string', field, '12');
      bad('"NaN"', field, 'NaN');
      bad('a boolean', field, true);
      bad('an array', field, [1]);
      bad('a fraction', field, 1.5);
      bad('1e308', field, 1e308);
      bad('beyond 2^53', field, 2 ** 53 + 2);
      const min = spec.min ?? (spec.kind === 'money' ? 0 : undefined);
      if (min !== undefined) bad(`below ${min}`, field, min - 1);
      if (spec.kind === 'money') bad('negative', field, -1_500_000);
      // JSON cannot carry NaN or Infinity: send the text a client would produce
      cases.push({ name: `${field}: 1e999 (Infinity once parsed)`, mutate: (o) => JSON.stringify({ ...o, [field]: 0 }).replace(`"${field}":0`, `"${field}":1e999`), status: [400], names: field });
    }
    if (spec.kind === 'date') {
      for (const d of ['2023-02-30', '2023-13-01', '0000-01-01', '99999-01-01', '2023-1-1', '2023-01-01T25:00:00Z', '31/12/2023', '']) bad(JSON.stringify(d), field, d);
      // out of range: refused by validation (400) or by a business rule (no unit, no program that year: 404 / 422)
      if (spec.range) for (const d of outside(spec.range)) cases.push({ name: `${field}: ${d} (out of range)`, mutate: set(field, d), status: [400, 404, 422], names: field });
    }
    if (spec.kind === 'enum') {
      bad('an unknown value', field, 'superuser');
      bad('the wrong case', field, spec.values?.[0]?.toUpperCase() ?? 'X');
      bad('empty', field, '');
    }
    if (spec.kind === 'bool') {
      bad('the string "true"', field, 'true');
      bad('1', field, 1);
    }
  }
  cases.push({ name: 'an extra field', mutate: (o) => ({ ...o, isAdmin: true }), status: [400], names: 'isAdmin' });
  cases.push({ name: 'a nested extra field', mutate: (o) => ({ ...o, role2: { $gt: '' } }), status: [400], names: 'role2' });
  for (const raw of ['[]', '"text"', 'null', '123', '{"a":']) cases.push({ name: `a body of ${raw}`, mutate: () => raw, status: [400] });
  cases.push({ name: 'a body over 1 MB', mutate: (o) => ({ ...o, padding: 'x'.repeat(1_200_000) }), status: [413] });
  return cases;
}

/** Bad values for one query parameter. */
export function queryCases(params: Record<string, FieldSpec>, opts: { noQueryDto?: boolean } = {}): { name: string; query: string; status: number[]; names?: string; acceptOrRefuse?: boolean }[] {
  const out: { name: string; query: string; status: number[]; names?: string; acceptOrRefuse?: boolean }[] = [];
  const enc = encodeURIComponent;
  for (const [p, spec] of Object.entries(params)) {
    const bad = (name: string, v: string) => out.push({ name: `${p}: ${name}`, query: `${p}=${enc(v)}`, status: [400], names: p });
    if (spec.kind === 'int') for (const v of ['abc', '-1', '1.5', 'NaN', 'Infinity', '99999999999', '']) bad(JSON.stringify(v), v);
    if (spec.kind === 'date') {
      for (const v of ['2023-02-30', '2023-13-01', '99999-01-01', 'yesterday', '2023-01-01T25:00:00Z']) bad(JSON.stringify(v), v);
      if (spec.range) for (const v of outside(spec.range)) bad(`${v} (out of range)`, v);
    }
    if (spec.kind === 'enum') for (const v of ['superuser', '']) bad(JSON.stringify(v), v);
    if (spec.kind === 'bool') for (const v of ['yes', '2']) bad(JSON.stringify(v), v);
    if (spec.kind === 'identifier' || spec.kind === 'text' || spec.kind === 'reference') {
      for (const s of SQL_INJECTIONS) out.push({ name: `${p}: SQL ${JSON.stringify(s)}`, query: `${p}=${enc(s)}`, status: [200, 400, 403, 404], acceptOrRefuse: true });
      out.push({ name: `${p}: 10,000 characters`, query: `${p}=${'x'.repeat(10_000)}`, status: [400, 403] });
      out.push({ name: `${p}: NFD Vietnamese`, query: `${p}=${enc(VIETNAMESE.normalize('NFD'))}`, status: [200, 400, 403, 404], acceptOrRefuse: true });
    }
    out.push({ name: `${p}: repeated`, query: `${p}=${enc(spec.values?.[0] ?? '1')}&${p}=${enc(spec.values?.[0] ?? '1')}`, status: [400], names: p });
  }
  if (!opts.noQueryDto) out.push({ name: 'an unknown parameter', query: 'isAdmin=true', status: [400], names: 'isAdmin' });
  return out;
}

export interface UploadCase {
  name: string;
  file?: { data: Buffer; filename: string; contentType?: string };
  fieldName?: string;
  twoFiles?: boolean;
  json?: boolean;
  status: number;
  code: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What officers and attackers upload instead of a workbook. */
export function uploadCases(target: UploadTarget, limitMb: number): UploadCase[] {
  const f = (data: Buffer, filename = 'danh-sach.xlsx', contentType = XLSX_TYPE) => ({ data, filename, contentType });
  return [
    { name: 'no file', status: 400, code: 'VALIDATION_FAILED' },
    { name: 'the file in another field', file: f(xlsxWithRows(3)), fieldName: 'upload', status: 400, code: 'VALIDATION_FAILED' },
    { name: 'two files', file: f(xlsxWithRows(3)), twoFiles: true, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'JSON instead of multipart', json: true, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'a CSV renamed to .xlsx', file: f(BAD_FILES.renamedCsv()), status: 400, code: 'BAD_FILE' },
    { name: 'an Excel 97–2003 .xls renamed to .xlsx', file: f(BAD_FILES.oleXls()), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'a Word document renamed to .xlsx', file: f(BAD_FILES.docxZip()), status: 400, code: 'BAD_FILE' },
    { name: 'a truncated workbook', file: f(BAD_FILES.truncated()), status: 400, code: 'BAD_FILE' },
    { name: 'a corrupt workbook', file: f(BAD_FILES.corruptDeflate()), status: 400, code: 'BAD_FILE' },
    { name: 'an empty file', file: f(BAD_FILES.empty()), status: 400, code: 'BAD_FILE' },
    { name: 'a workbook named .csv', file: f(xlsxWithRows(3), 'danh-sach.csv', 'text/csv'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'a workbook sent as text/html', file: f(xlsxWithRows(3), 'danh-sach.xlsx', 'text/html'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: `a file over ${limitMb} MB`, file: f(Buffer.alloc((limitMb + 1) * 1024 * 1024, 7)), status: 413, code: 'PAYLOAD_TOO_LARGE' },
    { name: `one row over the limit (${target.maxRows + 1})`, file: f(xlsxWithRows(target.maxRows + 1, { lean: true })), status: 413, code: 'IMPORT_TOO_LARGE' },
    { name: 'a workbook of 1,000,000 rows', file: f(xlsxWithRows(1_000_000, { lean: true })), status: 413, code: 'IMPORT_TOO_LARGE' },
  ];
}
