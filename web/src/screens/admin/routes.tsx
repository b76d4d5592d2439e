/** Administration (engineer W1): users, administrative units, audit log. */
import { SettingOutlined } from '@ant-design/icons';
import type { Area } from '../../app/areas';

const ADMIN = ['admin'] as const;
const GROUP = 'Quản trị';

export const area: Area = {
  routes: [
    { path: '/quan-tri/nguoi-dung', load: () => import('./UsersPage'), roles: ADMIN, crumb: 'Người dùng' },
    { path: '/quan-tri/don-vi', load: () => import('./UnitsPage'), roles: ADMIN, crumb: 'Đơn vị hành chính' },
    { path: '/quan-tri/nhat-ky', load: () => import('./AuditPage'), roles: ADMIN, crumb: 'Nhật ký thao tác' },
  ],
  menu: [
    { path: '/quan-tri/nguoi-dung', label: 'Người dùng', icon: <SettingOutlined />, roles: ADMIN, order: 90, group: GROUP },
    { path: '/quan-tri/don-vi', label: 'Đơn vị hành chính', roles: ADMIN, order: 91, group: GROUP },
    { path: '/quan-tri/nhat-ky', label: 'Nhật ký thao tác', roles: ADMIN, order: 92, group: GROUP },
  ],
};
