/** Administration (engineer W1): users, administrative units, audit log. */
import { SettingOutlined } from '@ant-design/icons';
import type { Area } from '../../app/areas';

const ADMIN = ['admin'] as const;
const GROUP = 'Quản trị';

export const area: Area = {
  routes: [
    { path: '/quan-tri/nguoi-dung', load: () => import('./UsersPlaceholder'), roles: ADMIN, crumb: 'Người dùng' },
  ],
  menu: [
    { path: '/quan-tri/nguoi-dung', label: 'Người dùng', icon: <SettingOutlined />, roles: ADMIN, order: 90, group: GROUP },
  ],
};
