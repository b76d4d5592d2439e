import { MatrixModule, SIGNED_IN } from '../matrix';

/**
 * Administrative units are reference data every signed-in officer reads, inside or outside their
 * area (names of neighbouring units appear in reports): no 403 and no leak check here. Unit
 * editing (POST /api/units, admin only) adds ADMIN_ONLY rows when it lands.
 */
export const unitsMatrix: MatrixModule = {
  name: 'units',
  rows: [
    { route: 'GET /api/units', scoped: false, request: () => ({ path: '/api/units', query: { pageSize: 5 } }), expect: SIGNED_IN(200) },
    {
      route: 'GET /api/units',
      title: 'children of a district',
      request: (_ctx, { area }) => ({ path: '/api/units', query: { parent: area.district } }),
      expect: SIGNED_IN(200),
    },
    { route: 'GET /api/units/:code', request: (_ctx, { area }) => ({ path: `/api/units/${area.commune}` }), expect: SIGNED_IN(200) },
  ],
};
