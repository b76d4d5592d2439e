/** Dashboard, reports, plans and exports (engineer W3): routes and menu of this area only. */
import { AimOutlined, DashboardOutlined } from '@ant-design/icons';
import type { Role } from '../../api/auth';
import { OFFICERS_ABOVE_COMMUNE, type Area } from '../../app/areas';

const PLANNERS: readonly Role[] = OFFICERS_ABOVE_COMMUNE;

export const area: Area = {
  routes: [
    { path: '/tong-quan', load: () => import('./Dashboard'), roles: OFFICERS_ABOVE_COMMUNE, crumb: 'Tổng quan' },
    { path: '/ke-hoach', load: () => import('./PlansPage'), roles: PLANNERS, crumb: 'Kế hoạch giảm nghèo' },
  ],
  menu: [
    { path: '/tong-quan', label: 'Tổng quan', icon: <DashboardOutlined />, roles: OFFICERS_ABOVE_COMMUNE, order: 10 },
    { path: '/ke-hoach', label: 'Kế hoạch giảm nghèo', icon: <AimOutlined />, roles: PLANNERS, order: 50 },
  ],
};
