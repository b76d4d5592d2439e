/** The household register (engineer W1). */
import { TeamOutlined } from '@ant-design/icons';
import { ALL_ROLES, type Area } from '../../app/areas';

export const area: Area = {
  routes: [{ path: '/ho-gia-dinh', load: () => import('./HouseholdList'), roles: ALL_ROLES, crumb: 'Sổ hộ gia đình' }],
  menu: [{ path: '/ho-gia-dinh', label: 'Sổ hộ gia đình', icon: <TeamOutlined />, roles: ALL_ROLES, order: 20 }],
};
