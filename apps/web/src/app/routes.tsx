/** Every client route. The server answers index.html for all of them. */
import { Button, Result } from 'antd';
import { Link, Route, Routes } from 'react-router';
import { AccountsPage } from '../features/accounts/AccountsPage.tsx';
import { GrantsPage } from '../features/accounts/GrantsPage.tsx';
import { AuditLogPage } from '../features/audit/AuditLogPage.tsx';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { OrgIndexPage } from '../features/orgs/pages/OrgIndexPage.tsx';
import { OrgPage } from '../features/orgs/pages/OrgPage.tsx';
import { MyProfilePage } from '../features/profile/MyProfilePage.tsx';
import { TransfersPage } from '../features/transfers/pages/TransfersPage.tsx';
import { useI18n } from '../i18n/index.tsx';
import { AppLayout } from './AppLayout.tsx';
import { HomeRedirect, RequireAuth, RequireCapability } from './guards.tsx';

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}

function NoAccess() {
  const { t } = useI18n();
  return <Result status="403" title={t('noAccess.title')} subTitle={t('noAccess.hint')} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/change-password"
        element={
          <RequireAuth allowPasswordChange>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route path="orgs" element={<RequireCapability capability="orgTree"><OrgIndexPage /></RequireCapability>} />
        <Route path="orgs/:orgId" element={<RequireCapability capability="orgTree"><OrgPage /></RequireCapability>} />
        <Route path="transfers" element={<RequireCapability capability="manager"><TransfersPage /></RequireCapability>} />
        <Route path="audit" element={<RequireCapability capability="auditAdmin"><AuditLogPage /></RequireCapability>} />
        <Route path="accounts" element={<RequireCapability capability="systemAdmin"><AccountsPage /></RequireCapability>} />
        <Route path="grants" element={<RequireCapability capability="securityAdmin"><GrantsPage /></RequireCapability>} />
        <Route path="me" element={<RequireCapability capability="member"><MyProfilePage /></RequireCapability>} />
        <Route path="no-access" element={<NoAccess />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
