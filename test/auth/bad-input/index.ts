import type { BadInputModule } from './bad-input';
import { auditBadInput } from './rows/audit';
import { exportsBadInput } from './rows/exports';
import { householdsBadInput } from './rows/households';
import { programBadInput } from './rows/program';
import { authBadInput } from './rows/auth';
import { probeBadInput } from './rows/probe';
import { reportsBadInput } from './rows/reports';
import { unitsBadInput } from './rows/units';
import { usersBadInput } from './rows/users';
import { reviewsBadInput } from './rows/reviews';

/** Every module's bad-input targets. A new module adds its file in ./rows and appends it here. */
export const BAD_INPUT_MODULES: BadInputModule[] = [authBadInput, usersBadInput, unitsBadInput, auditBadInput, probeBadInput, programBadInput, exportsBadInput, reviewsBadInput, householdsBadInput, reportsBadInput];
