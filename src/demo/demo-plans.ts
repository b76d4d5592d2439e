import { SYSTEM_USER } from '../auth/auth-user';
import type { PlansService } from '../plans/plans.service';
import { DISTRICT } from './chiem-hoa';
import { DISTRICT_TOTALS } from './demo-plan';

/**
 * The demo's plan: Chiêm Hóa was to reduce its poor-household rate by 4.32 percentage points in
 * 2022 (the article: 5.27 points, "đạt 122% kế hoạch"; docs/LAW.md §4.3 infers the 4.32).
 * A demo step run after the reviews step, written through PlansService as the system (audited).
 */
export async function seedDemoPlans(plans: PlansService): Promise<{ plans: number }> {
  const { created } = await plans.put(SYSTEM_USER, DISTRICT.code, 2022, {
    target: DISTRICT_TOTALS.planPoints2022, unit: 'points', note: 'Kế hoạch giảm nghèo năm 2022 (demo)',
  });
  return { plans: created ? 1 : 0 };
}
