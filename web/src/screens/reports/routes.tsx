/** Dashboard, reports, plans and exports (engineer W3): routes and menu of this area only. */
import { DashboardOutlined } from '@ant-design/icons';
import { OFFICERS_ABOVE_COMMUNE, type Area } from '../../app/areas';

export const area: Area = {
  routes: [{ path: '/tong-quan', load: () => import('./DashboardPlaceholder'), roles: OFFICERS_ABOVE_COMMUNE, crumb: 'Tổng quan' }],
  menu: [{ path: '/tong-quan', label: 'Tổng quan', icon: <DashboardOutlined />, roles: OFFICERS_ABOVE_COMMUNE, order: 10 }],
};
