/** Review rounds and results: routes and menu of this area only. */
import { AuditOutlined } from '@ant-design/icons';
import { ALL_ROLES, type Area } from '../../app/areas';

export const area: Area = {
  routes: [
    { path: '/ra-soat', load: () => import('./RoundList'), roles: ALL_ROLES, crumb: 'Đợt rà soát' },
    { path: '/ra-soat/:id', load: () => import('./RoundPage'), roles: ALL_ROLES, crumb: 'Chi tiết đợt', parent: '/ra-soat' },
  ],
  menu: [{ path: '/ra-soat', label: 'Đợt rà soát', icon: <AuditOutlined />, roles: ALL_ROLES, order: 30 }],
};
