import { UnitsModule } from '../units/units.module';

/** The feature modules, one folder each. */
export const FEATURE_MODULES = [UnitsModule];
