import type { BadInputModule, FieldSpec } from '../bad-input';

/**
 * The Excel exports' parameters (issue 7). The summary and program-progress workbooks answer 500
 * until the reports module binds their ReportSource (see ../../matrix/rows/exports.ts): their
 * control expects that for now; the parameter refusals come first and already hold.
 */
const unitYear = { unit: { kind: 'reference' }, year: { kind: 'int' } } satisfies Record<string, FieldSpec>;

export const exportsBadInput: BadInputModule = {
  name: 'exports',
  queries: [
    { route: 'GET /api/reports/summary.xlsx', caller: 'district', path: '/api/reports/summary.xlsx', base: { unit: '02287', year: 2022 }, accepts: 500, params: unitYear },
    { route: 'GET /api/exports/program-progress.xlsx', caller: 'district', path: '/api/exports/program-progress.xlsx', base: { unit: '02287', year: 2023 }, accepts: 500, params: unitYear },
    {
      route: 'GET /api/exports/household-list.xlsx', caller: 'district', path: '/api/exports/household-list.xlsx', base: { unit: '02287', year: 2022, class: 'poor' },
      params: { ...unitYear, class: { kind: 'enum', values: ['poor'] } },
    },
  ],
};
