import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_USER } from '../auth/auth-user';
import { DISTRICT } from '../demo/chiem-hoa';
import { DISTRICT_TOTALS } from '../demo/demo-plan';

/**
 * The demo's plan: Chiêm Hóa was to reduce its poor-household rate by 4.32 percentage points in
 * 2022 (the article: 5.27 points, "đạt 122% kế hoạch"; docs/LAW.md §4.3 infers the 4.32).
 * A demo step run after the reviews step; audited as the system.
 */
export async function seedDemoPlans(m: EntityManager): Promise<{ plans: number }> {
  const plan = { unitCode: DISTRICT.code, year: 2022, target: DISTRICT_TOTALS.planPoints2022, unit: 'points' as const, note: 'Kế hoạch giảm nghèo năm 2022 (demo)' };
  await m.query(
    `INSERT INTO reduction_plan (unit_code, year, target, target_unit, note, updated_by, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, true) ON CONFLICT (unit_code, year) DO NOTHING`,
    [plan.unitCode, plan.year, plan.target, plan.unit, plan.note, SYSTEM_USER.username],
  );
  await new AuditService().record(m, SYSTEM_USER, {
    action: 'create', entity: 'reduction_plan', entityId: `${plan.unitCode}/${plan.year}`, unitCode: plan.unitCode,
    newValue: { target: plan.target, unit: plan.unit, note: plan.note }, note: 'demo data',
  });
  return { plans: 1 };
}
