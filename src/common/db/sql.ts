/**
 * A small tagged-template SQL builder: every interpolated value becomes a bound parameter and the
 * placeholders `$1, $2…` are numbered when the statement is rendered, so no code counts them.
 *
 *   const where = [sql`h.status = ${status}`];
 *   if (q.village) where.push(sql`h.village_code = ${q.village}`);
 *   const q = sql`SELECT id FROM household h WHERE ${sql.join(where, ' AND ')} LIMIT ${limit}`;
 *   await m.query(q.text, q.values);          // or run(m, q)
 *
 * - A `Sql` interpolated into another is inlined with its own values (fragments compose).
 * - `sql.join(parts, sep)` joins fragments (`sep` is constant SQL text).
 * - `sql.ident(name, allowed)`: an identifier (a sort column…) only if it is in the whitelist.
 * - `sql.empty`: nothing (an optional clause).
 * Nothing else enters the SQL text: a value is always a parameter.
 */
export class Sql {
  /** n + 1 constant text pieces around n values. */
  private constructor(
    private readonly pieces: readonly string[],
    private readonly args: readonly unknown[],
  ) {}

  /** From a template: flattens nested fragments. */
  static from(strings: readonly string[], values: readonly unknown[]): Sql {
    const pieces: string[] = [strings[0]];
    const args: unknown[] = [];
    values.forEach((v, i) => {
      if (v instanceof Sql) {
        pieces[pieces.length - 1] += v.pieces[0];
        for (let j = 0; j < v.args.length; j++) {
          args.push(v.args[j]);
          pieces.push(v.pieces[j + 1]);
        }
        pieces[pieces.length - 1] += strings[i + 1];
      } else {
        args.push(v);
        pieces.push(strings[i + 1]);
      }
    });
    return new Sql(pieces, args);
  }

  /** The statement with `$1…$n`, in the order of `values`. */
  get text(): string {
    return this.render(0);
  }

  /**
   * For code still holding a `params` array: the text numbered after the values already in it,
   * whose values it appends (`where.push(f.appendTo(params))`).
   */
  appendTo(params: unknown[]): string {
    const text = this.render(params.length);
    params.push(...this.args);
    return text;
  }

  private render(offset: number): string {
    let out = this.pieces[0];
    for (let i = 1; i < this.pieces.length; i++) out += `$${offset + i}${this.pieces[i]}`;
    return out;
  }

  get values(): unknown[] {
    return [...this.args];
  }

  /** A fragment pasted into a plain string would lose its values: compose with sql`…` or use `.text` of a constant fragment. */
  toString(): string {
    throw new Error('Sql fragment used as a string: compose it with sql`…` (or use .text of a fragment without values)');
  }

  get isEmpty(): boolean {
    return this.args.length === 0 && this.pieces[0].trim() === '';
  }
}

const IDENT = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

function join(parts: readonly Sql[], separator = ', '): Sql {
  const kept = parts.filter((p) => !p.isEmpty);
  if (!kept.length) return EMPTY;
  const strings = ['', ...kept.slice(1).map(() => separator), ''];
  return Sql.from(strings, kept);
}

/** An identifier (`column` or `alias.column`) taken from a whitelist, never from input as such. */
function ident(name: string, allowed: readonly string[]): Sql {
  if (!allowed.includes(name) || !IDENT.test(name)) throw new Error(`sql.ident: ${JSON.stringify(name)} is not an allowed identifier`);
  return Sql.from([name], []);
}

const EMPTY = Sql.from([''], []);

type SqlTag = ((strings: TemplateStringsArray, ...values: unknown[]) => Sql) & {
  join: typeof join;
  ident: typeof ident;
  empty: Sql;
};

export const sql: SqlTag = Object.assign((strings: TemplateStringsArray, ...values: unknown[]) => Sql.from(strings, values), {
  join,
  ident,
  empty: EMPTY,
});

/** Anything with TypeORM's `query(text, params)`: a DataSource, an EntityManager. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<any>;
}

/** Runs a built statement. */
export function run<T = any>(db: Queryable, q: Sql): Promise<T> {
  return db.query(q.text, q.values);
}
