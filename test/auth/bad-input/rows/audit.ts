import type { BadInputModule } from '../bad-input';

export const auditBadInput: BadInputModule = {
  name: 'audit',
  queries: [
    {
      route: 'GET /api/audit',
      caller: 'district',
      path: '/api/audit',
      params: {
        page: { kind: 'int' }, pageSize: { kind: 'int' }, entity: { kind: 'identifier', values: ['user'] }, unit: { kind: 'identifier', values: ['02287'] },
        action: { kind: 'identifier', values: ['create'] }, actor: { kind: 'text' },
        from: { kind: 'date', range: ['2000-01-01', '2100-12-31'], values: ['2024-01-01'] },
        to: { kind: 'date', range: ['2000-01-01', '2100-12-31'], values: ['2024-01-01'] },
      },
    },
  ],
};
