/** The household register (engineer W1): list, household page, add, Excel import. */
import { TeamOutlined } from '@ant-design/icons';
import { ALL_ROLES, type Area } from '../../app/areas';

/** Adding and importing: the commune officer of the commune (the API refuses the others). */
const COMMUNE = ['commune'] as const;
const LIST = '/ho-gia-dinh';

export const area: Area = {
  routes: [
    { path: LIST, load: () => import('./HouseholdList'), roles: ALL_ROLES, crumb: 'Sổ hộ gia đình' },
    { path: '/ho-gia-dinh/them', load: () => import('./HouseholdNew'), roles: COMMUNE, crumb: 'Thêm hộ', parent: LIST },
    { path: '/ho-gia-dinh/nhap-excel', load: () => import('./HouseholdImport'), roles: COMMUNE, crumb: 'Nhập từ Excel', parent: LIST },
    { path: '/ho-gia-dinh/:id', load: () => import('./HouseholdPage'), roles: ALL_ROLES, crumb: 'Hộ gia đình', parent: LIST },
  ],
  menu: [{ path: LIST, label: 'Sổ hộ gia đình', icon: <TeamOutlined />, roles: ALL_ROLES, order: 20 }],
};
