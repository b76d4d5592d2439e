import { Foundation1700000000000 } from './1700000000000-Foundation';
import { Households1700000001000 } from './1700000001000-Households';
import { Reviews1700000002000 } from './1700000002000-Reviews';
import { UnitVersionLock1700000003000 } from './1700000003000-UnitVersionLock';
import { HouseholdsRegister1700000004000 } from './1700000004000-HouseholdsRegister';
import { ReviewsWorkflow1700000005000 } from './1700000005000-ReviewsWorkflow';
import { Plans1700000006000 } from './1700000006000-Plans';
import { AuthHardening1700000007000 } from './1700000007000-AuthHardening';
import { Program1700000008000 } from './1700000008000-Program';
import { ExportsListIndex1700000009000 } from './1700000009000-ExportsListIndex';
import { ReviewSubmissions1700000010000 } from './1700000010000-ReviewSubmissions';

/** Every migration, in order. Add new ones at the end (and never edit one that has shipped). */
export const MIGRATIONS = [
  Foundation1700000000000,
  Households1700000001000,
  Reviews1700000002000,
  UnitVersionLock1700000003000,
  HouseholdsRegister1700000004000,
  ReviewsWorkflow1700000005000,
  Plans1700000006000,
  AuthHardening1700000007000,
  Program1700000008000,
  ExportsListIndex1700000009000,
  ReviewSubmissions1700000010000,
];
