import type { MatrixModule } from './matrix';
import { auditMatrix } from './rows/audit';
import { exportsMatrix } from './rows/exports';
import { programMatrix } from './rows/program';
import { plansMatrix, reportsMatrix } from './rows/reports';
import { authMatrix } from './rows/auth';
import { healthMatrix } from './rows/health';
import { householdsMatrix } from './rows/households';
import { unitsMatrix } from './rows/units';
import { usersMatrix } from './rows/users';
import { reviewsMatrix } from './rows/reviews';

/** Every module's rows. A new feature module adds its file in ./rows and appends it here. */
export const MATRIX_MODULES: MatrixModule[] = [
  healthMatrix,
  authMatrix,
  unitsMatrix,
  usersMatrix,
  auditMatrix,
  programMatrix,
  exportsMatrix,
  reviewsMatrix,
  householdsMatrix,
  reportsMatrix,
  plansMatrix,
];
