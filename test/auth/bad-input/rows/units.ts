import type { BadInputContext, BadInputModule, FieldSpec } from '../bad-input';

/** The units API (issue 2): admin writes and the list. */

async function province(ctx: BadInputContext, validTo: string | null = null, validFrom = '2020-01-01'): Promise<string> {
  const code = `BP${ctx.seq()}`;
  const res = await ctx.t.http().post('/api/units').set('Authorization', `Bearer ${ctx.token('admin')}`)
    .send({ code, level: 'province', name: `Tỉnh ${code}`, kind: 'tinh', validFrom, validTo });
  if (res.status !== 201) throw new Error(`units fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return code;
}
const stored = async (ctx: BadInputContext, _res: unknown, field: string) => {
  // read back the latest version of the last unit written
  const [row] = await ctx.t.ds.query(`SELECT name FROM admin_unit_version ORDER BY id DESC LIMIT 1`);
  return field === 'name' ? row.name : undefined;
};
const date: FieldSpec = { kind: 'date' };
const levels = ['province', 'district', 'commune', 'village'];
const kinds = ['tinh', 'huyen', 'xa', 'thon'];

export const unitsBadInput: BadInputModule = {
  name: 'units',
  bodies: [
    {
      route: 'POST /api/units', caller: 'admin', accepts: 201, stored,
      request: (ctx) => {
        const code = `BN${ctx.seq()}`;
        return { path: '/api/units', body: { code, level: 'province', name: `Tỉnh ${code}`, kind: 'tinh', validFrom: '2020-01-01' } };
      },
      fields: {
        code: { kind: 'identifier', required: true }, level: { kind: 'enum', required: true, values: levels },
        name: { kind: 'text', required: true }, kind: { kind: 'enum', required: true, values: kinds },
        parentCode: { kind: 'identifier' }, validFrom: { ...date, required: true }, validTo: date,
      },
    },
    {
      route: 'POST /api/units/:code/versions', caller: 'admin', accepts: 201, stored,
      request: async (ctx) => ({ path: `/api/units/${await province(ctx)}/versions`, body: { validFrom: '2024-01-01', name: 'Tỉnh Đổi Tên' } }),
      fields: { validFrom: { ...date, required: true }, validTo: date, name: { kind: 'text' }, kind: { kind: 'enum', values: kinds } },
    },
    {
      route: 'PATCH /api/units/:code/versions/:validFrom', caller: 'admin', accepts: 200, stored,
      request: async (ctx) => {
        const code = await province(ctx);
        const unit = await ctx.t.http().get(`/api/units/${code}`).set('Authorization', `Bearer ${ctx.token('admin')}`);
        return { path: `/api/units/${code}/versions/2020-01-01`, body: { version: unit.body.versions[0].version, name: 'Tỉnh Sửa Tên' } };
      },
      fields: { version: { kind: 'int', required: true, min: 1 }, name: { kind: 'text' }, validTo: date, kind: { kind: 'enum', values: kinds } },
    },
    {
      route: 'POST /api/units/successions', caller: 'admin', accepts: 201,
      request: async (ctx) => {
        const before = await province(ctx, '2023-12-31');
        const after = await province(ctx, null, '2024-01-01');
        return { path: '/api/units/successions', body: { kind: 'rename', effectiveDate: '2024-01-01', predecessors: [before], successors: [after] } };
      },
      fields: { kind: { kind: 'enum', required: true, values: ['merge', 'split', 'rename'] }, effectiveDate: { ...date, required: true }, note: { kind: 'text' } },
    },
  ],
  queries: [
    {
      route: 'GET /api/units',
      caller: 'commune',
      path: '/api/units',
      params: {
        page: { kind: 'int' }, pageSize: { kind: 'int' }, parent: { kind: 'identifier' },
        level: { kind: 'enum', values: ['commune'] }, date: { kind: 'date', values: ['2022-12-31'] },
      },
    },
  ],
};
