/**
 * The frame of every signed-in page: header (product, menu by role, language, user), the
 * organisation tree on the left for those who browse it, and the page. Members who only have
 * their own profile get no tree, so the page fits a phone.
 */
import { Button, Dropdown, Layout, Menu, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useCurrentUser, useLogout } from '../features/auth/session.tsx';
import { OrgTree } from '../features/orgs/components/OrgTree.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { useI18n } from '../i18n/index.tsx';
import { capabilitiesOf, menuFor } from './roles.ts';

export function AppLayout() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const caps = capabilitiesOf(me);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const menu = menuFor(me);
  const selected = menu.filter((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`)).map((m) => m.key);

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Link to="/" className="app-header__brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="app-header__name">{t('app.name')}</span>
        </Link>
        <Menu
          className="app-header__menu"
          theme="dark"
          mode="horizontal"
          selectedKeys={selected}
          items={menu.map((m) => ({ key: m.key, label: <Link to={m.path}>{t(m.label)}</Link> }))}
        />
        <div className="app-header__tools">
          <NotificationBell />
          <LanguageSwitch size="small" />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword'), onClick: () => navigate('/change-password') },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => logout.mutate() },
              ],
            }}
          >
            <Button type="text" className="app-header__user" icon={<UserOutlined />} aria-label={t('header.userMenu')}>
              <span className="app-header__username">{me.displayName}</span>
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout>
        {caps.orgTree ? (
          <Layout.Sider className="app-sider" width={300} breakpoint="lg" collapsedWidth={0} theme="light">
            <Typography.Text type="secondary" className="app-sider__title">
              {t('tree.title')}
            </Typography.Text>
            <OrgTree />
          </Layout.Sider>
        ) : null}
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
