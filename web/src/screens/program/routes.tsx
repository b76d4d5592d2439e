/** The National Target Program (engineer W3): routes and menu of this area only. */
import { FundOutlined } from '@ant-design/icons';
import { ALL_ROLES, type Area } from '../../app/areas';

export const area: Area = {
  routes: [
    { path: '/chuong-trinh', load: () => import('./ProgramPage'), roles: ALL_ROLES, crumb: 'Chương trình MTQG' },
    { path: '/chuong-trinh/du-an/:code', load: () => import('./ProjectPage'), roles: ALL_ROLES, crumb: 'Dự án', parent: '/chuong-trinh' },
  ],
  menu: [{ path: '/chuong-trinh', label: 'Chương trình MTQG', icon: <FundOutlined />, roles: ALL_ROLES, order: 60 }],
};
