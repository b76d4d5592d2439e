import { Foundation1700000000000 } from './1700000000000-Foundation';
import { Households1700000001000 } from './1700000001000-Households';
import { Reviews1700000002000 } from './1700000002000-Reviews';
import { HouseholdsRegister1700000004000 } from './1700000004000-HouseholdsRegister';

/** Every migration, in order. Add new ones at the end (and never edit one that has shipped). */
export const MIGRATIONS = [
  Foundation1700000000000,
  Households1700000001000,
  Reviews1700000002000,
  HouseholdsRegister1700000004000,
];
