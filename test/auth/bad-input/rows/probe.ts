import type { BadInputModule } from '../bad-input';

/**
 * The shared upload helper through the test probe route (test/auth/fixtures/probe.module.ts), until
 * the households/results/program imports land: each of them adds an UploadTarget like this one.
 */
export const probeBadInput: BadInputModule = {
  name: 'upload helper (probe route)',
  uploads: [
    {
      route: 'POST /api/test-probe/import',
      caller: 'commune',
      path: () => '/api/test-probe/import',
      accepts: 201,
      maxRows: 1000,
    },
  ],
};
