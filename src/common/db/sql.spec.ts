import { run, Sql, sql } from './sql';

describe('sql builder', () => {
  const status = 'active';
  const inner = sql`h.village_code = ${'0228701'} AND h.size > ${2}`;
  it.each<[string, Sql, string, unknown[]]>([
    ['no values', sql`SELECT 1`, 'SELECT 1', []],
    ['one value', sql`SELECT * FROM t WHERE a = ${1}`, 'SELECT * FROM t WHERE a = $1', [1]],
    ['values in order', sql`a = ${'x'} AND b = ${null} OR c = ${[1, 2]}`, 'a = $1 AND b = $2 OR c = $3', ['x', null, [1, 2]]],
    ['a value at the very start and end', sql`${1}${2}`, '$1$2', [1, 2]],
    ['a nested fragment is renumbered', sql`WHERE s = ${status} AND ${inner} LIMIT ${10}`,
      'WHERE s = $1 AND h.village_code = $2 AND h.size > $3 LIMIT $4', ['active', '0228701', 2, 10]],
    ['a fragment without values', sql`SELECT ${sql`count(*)`} FROM t WHERE a = ${5}`, 'SELECT count(*) FROM t WHERE a = $1', [5]],
    ['fragments nested twice', sql`${sql`(${sql`a = ${1}`} OR b = ${2})`} AND c = ${3}`, '(a = $1 OR b = $2) AND c = $3', [1, 2, 3]],
    ['the same fragment twice', sql`${inner} OR ${inner}`,
      'h.village_code = $1 AND h.size > $2 OR h.village_code = $3 AND h.size > $4', ['0228701', 2, '0228701', 2]],
    ['join with AND', sql`WHERE ${sql.join([sql`a = ${1}`, sql`b = ${2}`, sql`c IS NULL`], ' AND ')}`, 'WHERE a = $1 AND b = $2 AND c IS NULL', [1, 2]],
    ['join with the default comma', sql`SET ${sql.join([sql`a = ${1}`, sql`b = ${2}`])}`, 'SET a = $1, b = $2', [1, 2]],
    ['join skips empty fragments', sql.join([sql.empty, sql`a = ${1}`, sql.empty], ' AND '), 'a = $1', [1]],
    ['join of nothing is empty', sql`x${sql.join([], ' AND ')}y`, 'xy', []],
    ['empty inside', sql`SELECT 1 ${sql.empty}FROM t`, 'SELECT 1 FROM t', []],
    ['an allowed identifier', sql`ORDER BY ${sql.ident('h.code', ['h.code', 'h.head_name'])} LIMIT ${3}`, 'ORDER BY h.code LIMIT $1', [3]],
    ['a string that looks like SQL is a value', sql`a = ${"'; DROP TABLE t; --"}`, 'a = $1', ["'; DROP TABLE t; --"]],
    ['a "$1" in a value is not a placeholder', sql`a = ${'$1'} AND b = ${'x'}`, 'a = $1 AND b = $2', ['$1', 'x']],
  ])('%s', (_name, q, text, values) => {
    expect(q.text).toBe(text);
    expect(q.values).toEqual(values);
  });

  it.each([
    ['not in the whitelist', 'h.secret', ['h.code']],
    ['SQL in a whitelisted name', 'code; DROP TABLE t', ['code; DROP TABLE t']],
    ['an empty name', '', ['']],
  ])('ident refuses %s', (_name, name, allowed) => {
    expect(() => sql.ident(name, allowed)).toThrow(/not an allowed identifier/);
  });

  it('values are a copy: changing them does not change the statement', () => {
    const q = sql`a = ${1}`;
    q.values.push(2);
    expect(q.values).toEqual([1]);
  });

  it('appendTo numbers after the parameters already held and appends its values', () => {
    const params: unknown[] = ['a', 'b'];
    expect(sql`x = ${1} AND y = ${2}`.appendTo(params)).toBe('x = $3 AND y = $4');
    expect(params).toEqual(['a', 'b', 1, 2]);
    expect(sql`TRUE`.appendTo(params)).toBe('TRUE');
    expect(params).toHaveLength(4);
  });

  it('refuses to be pasted into a plain string (its values would be lost)', () => {
    const f = sql`a = ${1}`;
    expect(() => `WHERE ${f}`).toThrow(/compose it with sql/);
  });

  it('run passes the text and the values', async () => {
    const calls: unknown[][] = [];
    await run({ query: async (text, params) => calls.push([text, params]) }, sql`SELECT ${1}::int`);
    expect(calls).toEqual([['SELECT $1::int', [1]]]);
  });
});
