import type { BadInputModule, FieldSpec } from '../bad-input';

/** The Excel exports' parameters (issue 7). */
const unitYear = { unit: { kind: 'reference' }, year: { kind: 'int' } } satisfies Record<string, FieldSpec>;

export const exportsBadInput: BadInputModule = {
  name: 'exports',
  queries: [
    { route: 'GET /api/reports/summary.xlsx', caller: 'district', path: '/api/reports/summary.xlsx', base: { unit: '02287', year: 2022 }, params: unitYear },
    { route: 'GET /api/exports/program-progress.xlsx', caller: 'district', path: '/api/exports/program-progress.xlsx', base: { unit: '02287', year: 2023 }, params: unitYear },
    {
      route: 'GET /api/exports/household-list.xlsx', caller: 'district', path: '/api/exports/household-list.xlsx', base: { unit: '02287', year: 2022, class: 'poor' },
      params: { ...unitYear, class: { kind: 'enum', values: ['poor'] } },
    },
  ],
};
