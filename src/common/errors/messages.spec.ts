import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every message a user reads is Vietnamese (DEVELOPING.md "Errors"). This scans the source for
 * DomainError messages and invalid() texts written without a single Vietnamese letter. The files
 * below still have some (left to the branches that rewrite them); the count may only go down.
 */
const LEFT: Record<string, number> = {
  'src/exports/exports.service.ts': 3,
  'src/exports/workbooks/breakdown-tables.ts': 5,
  'src/exports/workbooks/program-progress.ts': 2,
  'src/exports/workbooks/summary-tables.ts': 1,
  'src/exports/workbooks/tree-table.ts': 2,
  'src/households/households.service.ts': 1,
  'src/reports/reports.service.ts': 4,
};

const VIETNAMESE = /[À-ỹ]/;
const ROOT = join(__dirname, '../../..');
/** Messages built from other texts only (`${field}: ${message}`) carry no letters of their own. */
const OWN_TEXT = /[A-Za-z]{3,}/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []);
}

function englishMessages(source: string): string[] {
  const out: string[] = [];
  const patterns = [/new DomainError\(\s*'[A-Z_]+',\s*('(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)/g, /\binvalid\(\s*'[A-Za-z.]+',\s*('(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)/g];
  for (const re of patterns) {
    for (const m of source.matchAll(re)) {
      const text = m[1].replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '').replace(/\$\{.*$/s, ''); // (a nested template literal ends the match early)
      if (OWN_TEXT.test(text) && !VIETNAMESE.test(text)) out.push(m[1]);
    }
  }
  return out;
}

describe('user-facing messages are Vietnamese', () => {
  const found = Object.fromEntries(
    files(join(ROOT, 'src')).map((f) => [relative(ROOT, f), englishMessages(readFileSync(f, 'utf8'))] as const).filter(([, m]) => m.length),
  );

  it('no new English message anywhere', () => {
    const over = Object.entries(found).filter(([f, m]) => m.length > (LEFT[f] ?? 0)).map(([f, m]) => `${f}: ${m.join(' | ')}`);
    expect(over).toEqual([]);
  });

  it('the list of files still to translate only shrinks', () => {
    const stale = Object.entries(LEFT).filter(([f, n]) => (found[f]?.length ?? 0) < n).map(([f, n]) => `${f}: ${found[f]?.length ?? 0} < ${n}: lower LEFT`);
    expect(stale).toEqual([]);
  });

  it.each([
    ["new DomainError('NOT_FOUND', `Unit ${code} not found`)", 1],
    ["new DomainError('NOT_FOUND', `Không tìm thấy đơn vị ${code}`)", 0],
    ["new DomainError('BUSINESS_RULE', `${field}: ${message}`)", 0],
    ["invalid('yearTo', 'must not be before yearFrom')", 1],
  ])('finds English in %s', (source, n) => expect(englishMessages(source)).toHaveLength(n));
});
