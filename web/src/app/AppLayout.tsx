import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Result, Spin, Typography, type MenuProps } from 'antd';
import { createContext, Suspense, useContext, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { SignInModal } from '../auth/SignInModal';
import { ROLE_LABEL, session, useSession } from '../auth/session';
import { menuFor, routeByPath, type RouteHandle } from './routes';

const { Header, Sider, Content } = Layout;

/** A screen's own last breadcrumb (e.g. the household's name on its page). */
const CrumbContext = createContext<(title: string | null) => void>(() => undefined);
export function useCrumb(title: string | null | undefined) {
  const set = useContext(CrumbContext);
  useEffect(() => {
    set(title ?? null);
    return () => set(null);
  }, [set, title]);
}

/** "Cán bộ xã — Thị trấn Vĩnh Lộc". */
export function roleAndUnit(role: keyof typeof ROLE_LABEL, unitName?: string | null) {
  return unitName ? `${ROLE_LABEL[role]} — ${unitName}` : ROLE_LABEL[role];
}

function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { current } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = useMemo(() => (current ? menuFor(current.user.role) : []), [current]);
  // the entry whose path is the longest prefix of the current path
  const selected = useMemo(() => {
    const keys: string[] = [];
    const walk = (list: MenuProps['items']) =>
      list?.forEach((i) => {
        if (i && 'children' in i && i.children) walk(i.children);
        else if (i?.key) keys.push(String(i.key));
      });
    walk(items);
    return keys.filter((k) => location.pathname === k || location.pathname.startsWith(k + '/')).sort((a, b) => b.length - a.length)[0];
  }, [items, location.pathname]);
  const groups = useMemo(() => items.filter((i) => i && 'children' in i).map((i) => String(i!.key)), [items]);
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={groups}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );
}

function Crumbs({ dynamic }: { dynamic: string | null }) {
  const matches = useMatches();
  const handle = matches[matches.length - 1]?.handle as RouteHandle | undefined;
  const items: { title: React.ReactNode }[] = [{ title: <Link to="/">Trang chủ</Link> }];
  const chain: RouteHandle[] = [];
  for (let h = handle; h; h = h.parent ? routeByPath(h.parent) : undefined) chain.unshift(h);
  chain.forEach((h, i) => {
    const last = i === chain.length - 1;
    items.push({ title: last ? (dynamic ?? h.crumb) : <Link to={h.path}>{h.crumb}</Link> });
  });
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}

/** The frame of every signed-in screen: side menu (a drawer on a phone), header with the officer, breadcrumbs. */
export default function AppLayout() {
  const { current } = useSession();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [changing, setChanging] = useState(false);
  const [crumb, setCrumb] = useState<string | null>(null);
  const matches = useMatches();
  if (!current) return <Navigate to="/dang-nhap" replace state={{ from: location.pathname + location.search }} />;

  const { user, unit } = current;
  const handle = matches[matches.length - 1]?.handle as RouteHandle | undefined;
  const allowed = !handle || handle.roles.includes(user.role);
  const who = roleAndUnit(user.role, unit?.name);

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: 'Đổi mật khẩu', onClick: () => setChanging(true) },
    { type: 'divider' },
    { key: 'signout', icon: <LogoutOutlined />, label: 'Đăng xuất', onClick: () => session.signOut() },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Sider theme="light" width={232} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 20px', fontWeight: 600, color: '#1677ff', whiteSpace: 'nowrap', overflow: 'hidden' }}>
            {collapsed ? 'RSHN' : 'Rà soát hộ nghèo'}
          </div>
          <nav aria-label="Menu chính">
            <SideMenu />
          </nav>
        </Sider>
      )}
      {phone && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title="Rà soát hộ nghèo" styles={{ body: { padding: 0 } }}>
          <nav aria-label="Menu chính">
            <SideMenu onNavigate={() => setDrawer(false)} />
          </nav>
        </Drawer>
      )}
      <Layout>
        <Header style={{ background: '#fff', padding: phone ? '0 8px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0' }}>
          {phone && <Button type="text" icon={<MenuOutlined />} aria-label="Mở menu" onClick={() => setDrawer(true)} />}
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }} data-testid="unit-heading">
            {who}
          </Typography.Text>
          <Dropdown menu={{ items: userMenu }} trigger={['click']}>
            <Button type="text" aria-label="Tài khoản">
              {phone ? user.username : (user.fullName ?? user.username)} <DownOutlined />
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: phone ? 8 : 20, minWidth: 0 }}>
          <Crumbs dynamic={crumb} />
          <CrumbContext.Provider value={setCrumb}>
            {allowed ? (
              <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '80px auto' }} tip="Đang tải…" />}>
                <Outlet />
              </Suspense>
            ) : (
              <Result status="403" title="Không có quyền" subTitle="Tài khoản của bạn không được dùng màn hình này." extra={<Link to="/">Về trang chủ</Link>} />
            )}
          </CrumbContext.Provider>
        </Content>
      </Layout>
      <SignInModal />
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </Layout>
  );
}
