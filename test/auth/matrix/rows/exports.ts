import { addHousehold, addRound } from '../../../program/fixtures';
import { AREAS } from '../../../utils/scope-fixture';
import { MatrixModule, SCOPED_READ } from '../matrix';

/** The Excel exports (issue 7): reads of an area, 403 outside it. */
export const exportsMatrix: MatrixModule = {
  name: 'exports',
  async setup(ctx) {
    const posted: Record<string, number> = {};
    const decided: Record<string, number> = {};
    for (const area of Object.values(AREAS)) {
      const h = await addHousehold(ctx.t.ds, area.commune);
      decided[area.commune] = await addRound(ctx.t.ds, { commune: area.commune, year: 2021, kind: 'periodic', decisionDate: '2021-12-20' }, [[h, 'poor']]);
      posted[area.commune] = await addRound(ctx.t.ds, { commune: area.commune, year: 2024, kind: 'periodic', decisionDate: '2024-12-20', status: 'posted' }, [[h, 'near_poor']]);
    }
    ctx.data.exports = { posted, decided };
  },
  rows: [
    {
      route: 'GET /api/reports/summary.xlsx',
      request: (_c, { area }) => ({ path: '/api/reports/summary.xlsx', query: { unit: area.commune, year: 2022 } }),
      expect: SCOPED_READ(200),
    },
    {
      route: 'GET /api/exports/program-progress.xlsx',
      request: (_c, { area }) => ({ path: '/api/exports/program-progress.xlsx', query: { unit: area.commune, year: 2023 } }),
      expect: SCOPED_READ(200),
    },
    {
      route: 'GET /api/exports/household-list.xlsx',
      request: (_c, { area }) => ({ path: '/api/exports/household-list.xlsx', query: { unit: area.commune, year: 2021, class: 'poor' } }),
      expect: SCOPED_READ(200),
    },
    {
      route: 'GET /api/exports/rounds/:id/posting-list.xlsx',
      request: (ctx, { area }) => ({ path: `/api/exports/rounds/${ctx.data.exports.posted[area.commune]}/posting-list.xlsx` }),
      expect: SCOPED_READ(200),
    },
    {
      route: 'GET /api/exports/rounds/:id/certificates.xlsx',
      request: (ctx, { area }) => ({ path: `/api/exports/rounds/${ctx.data.exports.decided[area.commune]}/certificates.xlsx` }),
      expect: SCOPED_READ(200),
    },
  ],
};
