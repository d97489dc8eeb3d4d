/** Every client route. The server answers index.html for all of them. */
import { Button, Result } from 'antd';
import { Link, Route, Routes } from 'react-router';
import { lazy, Suspense, type ReactNode } from 'react';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { useI18n } from '../i18n/index.tsx';
import { AppLayout } from './AppLayout.tsx';
import { FullPageSpin, HomeRedirect, RequireAuth, RequireCapability } from './guards.tsx';
import type { Capabilities } from './roles.ts';

// Each role uses a few pages: they are loaded when first opened, so the login page stays small.
const OrgIndexPage = lazy(() => import('../features/orgs/pages/OrgIndexPage.tsx').then((m) => ({ default: m.OrgIndexPage })));
const OrgPage = lazy(() => import('../features/orgs/pages/OrgPage.tsx').then((m) => ({ default: m.OrgPage })));
const TransfersPage = lazy(() => import('../features/transfers/pages/TransfersPage.tsx').then((m) => ({ default: m.TransfersPage })));
const AuditLogPage = lazy(() => import('../features/audit/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })));
const AccountsPage = lazy(() => import('../features/accounts/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })));
const GrantsPage = lazy(() => import('../features/accounts/GrantsPage.tsx').then((m) => ({ default: m.GrantsPage })));
const ImportWizardPage = lazy(() => import('../features/imports/ImportWizardPage.tsx').then((m) => ({ default: m.ImportWizardPage })));
const ComplianceDashboardPage = lazy(() => import('../features/compliance/ComplianceDashboardPage.tsx').then((m) => ({ default: m.ComplianceDashboardPage })));
const RuleSetsPage = lazy(() => import('../features/compliance/RuleSetsPage.tsx').then((m) => ({ default: m.RuleSetsPage })));
const CentralGroupsPage = lazy(() => import('../features/central-groups/CentralGroupsPage.tsx').then((m) => ({ default: m.CentralGroupsPage })));
const CentralGroupPage = lazy(() => import('../features/central-groups/CentralGroupPage.tsx').then((m) => ({ default: m.CentralGroupPage })));
const MyCentralGroupPage = lazy(() => import('../features/central-groups/MyCentralGroupPage.tsx').then((m) => ({ default: m.MyCentralGroupPage })));
const TeacherPoolPage = lazy(() => import('../features/teachers/TeacherPoolPage.tsx').then((m) => ({ default: m.TeacherPoolPage })));
const MyTeachingPage = lazy(() => import('../features/teachers/MyTeachingPage.tsx').then((m) => ({ default: m.MyTeachingPage })));
const TrainingGroupsPage = lazy(() => import('../features/training-groups/TrainingGroupsPage.tsx').then((m) => ({ default: m.TrainingGroupsPage })));
const MyTrainingPlansPage = lazy(() => import('../features/training-groups/MyTrainingPlansPage.tsx').then((m) => ({ default: m.MyTrainingPlansPage })));
const CircularsPage = lazy(() => import('../features/circulars/CircularsPage.tsx').then((m) => ({ default: m.CircularsPage })));
const OrgLifePage = lazy(() => import('../features/activities/pages/OrgLifePage.tsx').then((m) => ({ default: m.OrgLifePage })));
const PlansPage = lazy(() => import('../features/activities/pages/PlansPage.tsx').then((m) => ({ default: m.PlansPage })));
const ActivityPage = lazy(() => import('../features/activities/pages/ActivityPage.tsx').then((m) => ({ default: m.ActivityPage })));
const SigninDisplayPage = lazy(() => import('../features/activities/pages/SigninDisplayPage.tsx').then((m) => ({ default: m.SigninDisplayPage })));
const MyOrgLifePage = lazy(() => import('../features/member-life/MyOrgLifePage.tsx').then((m) => ({ default: m.MyOrgLifePage })));
const MakeupPage = lazy(() => import('../features/member-life/MakeupPage.tsx').then((m) => ({ default: m.MakeupPage })));
const MakeupLinkRedirect = lazy(() => import('../features/member-life/MakeupPage.tsx').then((m) => ({ default: m.MakeupLinkRedirect })));
const SignInPage = lazy(() => import('../features/member-life/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const ExternalHoursPage = lazy(() => import('../features/external-hours/ExternalHoursPage.tsx').then((m) => ({ default: m.ExternalHoursPage })));
const TrainingReportsPage = lazy(() => import('../features/training-reports/TrainingReportsPage.tsx').then((m) => ({ default: m.TrainingReportsPage })));
const MyStudyRecordPage = lazy(() => import('../features/training-reports/TrainingReportsPage.tsx').then((m) => ({ default: m.MyStudyRecordPage })));
const TrainingNeedsPage = lazy(() => import('../features/training-needs/TrainingNeedsPage.tsx').then((m) => ({ default: m.TrainingNeedsPage })));
const MyHoursPage = lazy(() => import('../features/training-needs/MyHoursPage.tsx').then((m) => ({ default: m.MyHoursPage })));
const RotationsPage = lazy(() => import('../features/rotations/RotationsPage.tsx').then((m) => ({ default: m.RotationsPage })));
const ClassesPage = lazy(() => import('../features/classes/ClassesPage.tsx').then((m) => ({ default: m.ClassesPage })));
const ClassPage = lazy(() => import('../features/classes/ClassPage.tsx').then((m) => ({ default: m.ClassPage })));
const MyClassesPage = lazy(() => import('../features/classes/MyClassesPage.tsx').then((m) => ({ default: m.MyClassesPage })));
const ClassSignInPage = lazy(() => import('../features/classes/ClassSignInPage.tsx').then((m) => ({ default: m.ClassSignInPage })));
const MyProfilePage = lazy(() => import('../features/profile/MyProfilePage.tsx').then((m) => ({ default: m.MyProfilePage })));

/** A page that needs a capability, loaded on demand. */
function Page({ capability, children }: { capability: keyof Capabilities; children: ReactNode }) {
  return (
    <RequireCapability capability={capability}>
      <Suspense fallback={<FullPageSpin />}>{children}</Suspense>
    </RequireCapability>
  );
}

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
      {/* The sign-in QR code fills the meeting room's screen: no header, no tree. */}
      <Route
        path="/activities/:id/signin"
        element={
          <RequireAuth>
            <Page capability="manager">
              <SigninDisplayPage />
            </Page>
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
        <Route path="orgs" element={<Page capability="orgTree"><OrgIndexPage /></Page>} />
        <Route path="orgs/:orgId" element={<Page capability="orgTree"><OrgPage /></Page>} />
        <Route path="imports" element={<Page capability="manager"><ImportWizardPage /></Page>} />
        <Route path="transfers" element={<Page capability="manager"><TransfersPage /></Page>} />
        <Route path="audit" element={<Page capability="auditAdmin"><AuditLogPage /></Page>} />
        <Route path="accounts" element={<Page capability="systemAdmin"><AccountsPage /></Page>} />
        <Route path="grants" element={<Page capability="securityAdmin"><GrantsPage /></Page>} />
        <Route path="compliance" element={<Page capability="manager"><ComplianceDashboardPage /></Page>} />
        <Route path="compliance/rule-sets" element={<Page capability="manager"><RuleSetsPage /></Page>} />
        <Route path="circulars" element={<Page capability="manager"><CircularsPage /></Page>} />
        <Route path="central-groups" element={<Page capability="manager"><CentralGroupsPage /></Page>} />
        <Route path="central-groups/:id" element={<Page capability="manager"><CentralGroupPage /></Page>} />
        <Route path="my-central-group" element={<Page capability="member"><MyCentralGroupPage /></Page>} />
        <Route path="external-hours" element={<Page capability="manager"><ExternalHoursPage /></Page>} />
        <Route path="training-reports" element={<Page capability="manager"><TrainingReportsPage /></Page>} />
        <Route path="my-study-record" element={<Page capability="member"><MyStudyRecordPage /></Page>} />
        <Route path="training-needs" element={<Page capability="manager"><TrainingNeedsPage /></Page>} />
        <Route path="my-hours" element={<Page capability="member"><MyHoursPage /></Page>} />
        <Route path="rotations" element={<Page capability="manager"><RotationsPage /></Page>} />
        <Route path="classes" element={<Page capability="manager"><ClassesPage /></Page>} />
        <Route path="classes/:id" element={<Page capability="manager"><ClassPage /></Page>} />
        <Route path="my-classes" element={<Page capability="member"><MyClassesPage /></Page>} />
        <Route path="cs/:token" element={<Suspense fallback={<FullPageSpin />}><ClassSignInPage /></Suspense>} />
        <Route path="teachers" element={<Page capability="manager"><TeacherPoolPage /></Page>} />
        <Route path="training-groups" element={<Page capability="manager"><TrainingGroupsPage /></Page>} />
        <Route path="my-teaching" element={<Suspense fallback={<FullPageSpin />}><MyTeachingPage /></Suspense>} />
        <Route path="my-training-plans" element={<Page capability="member"><MyTrainingPlansPage /></Page>} />
        <Route path="me" element={<Page capability="member"><MyProfilePage /></Page>} />
        <Route path="activities" element={<Page capability="manager"><OrgLifePage /></Page>} />
        <Route path="activities/plans" element={<Page capability="manager"><PlansPage /></Page>} />
        <Route path="activities/:id" element={<Page capability="manager"><ActivityPage /></Page>} />
        <Route path="my-life" element={<Page capability="member"><MyOrgLifePage /></Page>} />
        <Route path="my-life/makeup/:id" element={<Page capability="member"><MakeupPage /></Page>} />
        <Route path="me/makeup/:id" element={<Page capability="member"><MakeupLinkRedirect /></Page>} />
        {/* The QR code's link: any signed-in account may open it; the server says whether it may sign in. */}
        <Route path="s/:token" element={<Suspense fallback={<FullPageSpin />}><SignInPage /></Suspense>} />
        <Route path="no-access" element={<NoAccess />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
