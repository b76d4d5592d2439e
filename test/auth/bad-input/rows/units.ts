import type { BadInputModule } from '../bad-input';

/** Units are read-only for now; POST /api/units adds a body target when it lands. */
export const unitsBadInput: BadInputModule = {
  name: 'units',
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
