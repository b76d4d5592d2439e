import ExcelJS from 'exceljs';

/**
 * Builders for the field-collection tests: the XLSForm workbook read back into rows, the checks an
 * XLSForm converter (pyxform, behind ODK Central and KoboToolbox) enforces, and a submissions
 * export of that form as ODK Central or KoboToolbox writes it (CSV or XLSX, select_multiple as one
 * column of space-separated names and/or one column per choice).
 */
export type Row = Record<string, string>;
export interface ReadForm {
  sheets: string[];
  columns: Record<string, string[]>;
  survey: Row[];
  choices: Row[];
  settings: Row[];
}

export async function readXlsForm(buf: Buffer): Promise<ReadForm> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: ReadForm = { sheets: wb.worksheets.map((w) => w.name), columns: {}, survey: [], choices: [], settings: [] };
  for (const name of ['survey', 'choices', 'settings'] as const) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    const head = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    out.columns[name] = head;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const r: Row = {};
      head.forEach((h, i) => {
        const v = row.getCell(i + 1).value;
        if (v !== null && v !== undefined && v !== '') r[h] = String(v);
      });
      if (Object.keys(r).length) out[name].push(r);
    });
  }
  return out;
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const METADATA = new Set(['start', 'end', 'today', 'deviceid', 'username', 'phonenumber', 'audit', 'calculate', 'end_group', 'end_repeat']);

/** What pyxform checks in an expression: balanced brackets and quotes, references to existing questions. */
function expressionProblems(expr: string, names: Set<string>): string[] {
  const out: string[] = [];
  const unquoted = expr.replace(/'[^']*'|"[^"]*"/g, "''");
  if ((expr.match(/'/g) ?? []).length % 2) out.push(`unbalanced quote in ${expr}`);
  let depth = 0;
  for (const c of unquoted) {
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) break;
  }
  if (depth !== 0) out.push(`unbalanced parentheses in ${expr}`);
  for (const m of expr.matchAll(/\$\{([^}]*)\}/g)) if (!names.has(m[1])) out.push(`\${${m[1]}} is not a question of the form`);
  if (/\$\{[^}]*$/.test(expr)) out.push(`unclosed \${ in ${expr}`);
  return out;
}

/** The XLSForm rules a converter enforces; [] when the form would convert. */
export function xlsFormProblems(f: ReadForm): string[] {
  const p: string[] = [];
  for (const s of ['survey', 'choices', 'settings']) if (!f.sheets.includes(s)) p.push(`no sheet ${s}`);
  for (const c of ['type', 'name', 'label']) if (!f.columns.survey?.includes(c)) p.push(`survey has no column ${c}`);
  for (const c of ['list_name', 'name', 'label']) if (!f.columns.choices?.includes(c)) p.push(`choices has no column ${c}`);
  const lists = new Map<string, Set<string>>();
  for (const c of f.choices) {
    if (!c.list_name || !c.name || !c.label) { p.push(`choice without list_name, name or label: ${JSON.stringify(c)}`); continue; }
    const names = lists.get(c.list_name) ?? new Set<string>();
    if (names.has(c.name)) p.push(`choice ${c.name} twice in list ${c.list_name}`);
    names.add(c.name);
    lists.set(c.list_name, names);
  }
  const names = new Set<string>();
  const stack: string[] = [];
  for (const q of f.survey) {
    const [type, list] = (q.type ?? '').split(/\s+/);
    if (!type) { p.push(`a row without type: ${JSON.stringify(q)}`); continue; }
    if (type === 'end_group') {
      if (!stack.length) p.push('end_group without begin_group');
      stack.pop();
      continue;
    }
    if (!q.name || !XML_NAME.test(q.name)) p.push(`invalid name ${q.name}`);
    else if (names.has(q.name)) p.push(`name ${q.name} used twice`);
    names.add(q.name);
    if (type === 'begin_group') stack.push(q.name);
    if (!METADATA.has(type) && !q.label) p.push(`${q.name} has no label`);
    if (type === 'calculate' && !q.calculation) p.push(`${q.name}: calculate without calculation`);
    if (type === 'select_one' || type === 'select_multiple') {
      if (!list) p.push(`${q.name}: ${type} without a list`);
      else if (!lists.has(list)) p.push(`${q.name}: choice list ${list} does not exist`);
      else if (type === 'select_multiple') for (const n of lists.get(list)!) if (/\s/.test(n)) p.push(`${list}: select_multiple choice "${n}" has a space`);
    }
    if (q.constraint && !/(^|[^.])\.($|[^.])/.test(q.constraint.replace(/'[^']*'/g, ''))) p.push(`${q.name}: constraint does not use "."`);
    if (q.constraint_message && !q.constraint) p.push(`${q.name}: constraint_message without constraint`);
  }
  if (stack.length) p.push(`begin_group without end_group: ${stack.join(', ')}`);
  for (const q of f.survey) {
    for (const col of ['constraint', 'relevant', 'required', 'calculation']) {
      if (q[col] && !['yes', 'no', 'true', 'false'].includes(q[col])) p.push(...expressionProblems(q[col], names).map((e) => `${q.name}.${col}: ${e}`));
    }
  }
  if (f.settings.length !== 1) p.push('settings must have one row');
  for (const c of ['form_id', 'version']) if (!f.settings[0]?.[c]) p.push(`settings has no ${c}`);
  if (f.settings[0]?.form_id && !XML_NAME.test(f.settings[0].form_id)) p.push(`invalid form_id ${f.settings[0].form_id}`);
  if (f.settings[0]?.instance_name) p.push(...expressionProblems(f.settings[0].instance_name, names).map((e) => `instance_name: ${e}`));
  return p;
}

/** One household's answers, as an enumerator entered them. */
export interface Answers {
  household: string;
  quickScreen?: 'passed' | 'screened_out';
  b1Score?: number;
  income?: number;
  /** the indicators ticked "yes" (the others answered "no") */
  deprived?: string[];
  causes?: number[];
  needs?: string[];
  instanceId?: string;
  enumerator?: string;
  date?: string;
  /** raw cells to set or override, by column name as exported (e.g. `b2/wasteTreatment`) */
  extra?: Record<string, string>;
}

export interface ExportStyle {
  /** `kobo`: groups joined with "/", Kobo's own columns; `central`: with "-", Central's columns */
  tool: 'kobo' | 'central';
  /** select_multiple: `joined` (space-separated), `split` (one column per choice), `both` */
  multiple: 'joined' | 'split' | 'both';
  format: 'csv' | 'xlsx';
}

let serial = 0;
/** A fresh instanceID as ODK writes it. */
export const newInstanceId = () => `uuid:${(++serial).toString(16).padStart(8, '0')}-1111-4222-8333-${Date.now().toString(16).padStart(12, '0')}`;

/** The submissions export of the form for these answers: headings + rows, then CSV text or a workbook. */
export async function submissionExport(form: ReadForm, answers: Answers[], style: ExportStyle): Promise<{ buffer: Buffer; filename: string; instanceIds: string[] }> {
  const sep = style.tool === 'kobo' ? '/' : '-';
  const lists = new Map<string, string[]>();
  for (const c of form.choices) lists.set(c.list_name, [...(lists.get(c.list_name) ?? []), c.name]);
  const headings: string[] = style.tool === 'central' ? ['SubmissionDate'] : [];
  const cells: ((a: Answers, id: string) => string)[] = style.tool === 'central' ? [() => '2026-09-20T08:00:00.000Z'] : [];
  const group: string[] = [];
  const calc = new Map(form.survey.filter((q) => q.type === 'calculate').map((q) => [q.name, q.calculation.replace(/^'|'$/g, '')]));
  const value = (name: string, a: Answers): string => {
    const passed = (a.quickScreen ?? 'passed') === 'passed';
    switch (name) {
      case 'enumerator': return a.enumerator ?? 'Lò Thị Mai';
      case 'surveyDate': return a.date ?? '2026-09-15';
      case 'household': return a.household;
      case 'quickScreen': return a.quickScreen ?? 'passed';
      case 'b1Score': return passed && a.b1Score !== undefined ? String(a.b1Score) : '';
      case 'incomePerCapita': return passed && a.income !== undefined ? String(a.income) : '';
      case 'start': case 'end': return '2026-09-15T08:00:00.000+07:00';
      case 'today': return '2026-09-15';
      default: return calc.get(name) ?? '';
    }
  };
  for (const q of form.survey) {
    const [type, list] = q.type.split(/\s+/);
    if (type === 'begin_group') { group.push(q.name); continue; }
    if (type === 'end_group') { group.pop(); continue; }
    const path = [...group, q.name].join(sep);
    if (group[0] === 'b2' && type === 'select_one') {
      headings.push(path);
      cells.push((a) => ((a.quickScreen ?? 'passed') === 'passed' ? ((a.deprived ?? []).includes(q.name) ? 'yes' : 'no') : ''));
      continue;
    }
    if (type === 'select_multiple') {
      const chosen = (a: Answers): string[] => ((a.quickScreen ?? 'passed') !== 'passed' ? [] : (q.name === 'causes' ? (a.causes ?? []).map(String) : a.needs ?? []));
      if (style.multiple !== 'split') { headings.push(path); cells.push((a) => chosen(a).join(' ')); }
      if (style.multiple !== 'joined') {
        for (const c of lists.get(list) ?? []) {
          headings.push(`${path}/${c}`);
          cells.push((a) => ((a.quickScreen ?? 'passed') !== 'passed' ? '' : chosen(a).includes(c) ? (style.tool === 'kobo' ? '1' : 'true') : (style.tool === 'kobo' ? '0' : 'false')));
        }
      }
      continue;
    }
    headings.push(path);
    cells.push((a) => value(q.name, a));
  }
  headings.push(['meta', 'instanceID'].join(sep));
  cells.push((_a, id) => id);
  if (style.tool === 'central') {
    headings.push('KEY', 'SubmitterName', 'Status', 'FormVersion');
    cells.push((_a, id) => id, () => 'collect', () => '', () => form.settings[0].version);
  } else {
    headings.push('_id', '_uuid', '_submission_time', '__version__', '_index');
    cells.push(() => String(++serial), (_a, id) => id.replace('uuid:', ''), () => '2026-09-20T08:00:00', () => 'vQx8p2xWj', () => String(serial));
  }
  const ids = answers.map((a) => a.instanceId ?? newInstanceId());
  const extraCols = [...new Set(answers.flatMap((a) => Object.keys(a.extra ?? {})))].filter((c) => !headings.includes(c));
  headings.push(...extraCols);
  const rows = answers.map((a, i) => headings.map((h, k) => (a.extra && h in a.extra ? a.extra[h] : k < cells.length ? cells[k](a, ids[i]) : '')));
  if (style.format === 'csv') {
    const q = (s: string) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const text = [headings, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
    return { buffer: Buffer.from(text, 'utf8'), filename: 'submissions.csv', instanceIds: ids };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(style.tool === 'kobo' ? 'Rà soát' : 'data');
  ws.addRow(headings);
  // Kobo writes numbers as numbers in its XLSX export
  for (const r of rows) ws.addRow(r.map((v) => (/^\d+$/.test(v) && v.length < 12 ? Number(v) : v || null)));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: 'submissions.xlsx', instanceIds: ids };
}
