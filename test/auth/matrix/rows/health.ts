import { MatrixModule, PUBLIC } from '../matrix';

/** Health and the OpenAPI document: public. */
export const healthMatrix: MatrixModule = {
  name: 'health',
  rows: [
    { route: 'GET /api/health', scoped: false, request: () => ({ path: '/api/health' }), expect: PUBLIC(200) },
    { route: 'GET /api/docs-json', scoped: false, request: () => ({ path: '/api/docs-json' }), expect: PUBLIC(200) },
  ],
};
