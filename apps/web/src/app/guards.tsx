/**
 * Route guards: signed in (and past the forced password change), and holding the capability a
 * page needs. A user who lacks it is sent to their own home page instead of a page that fails.
 */
import type { ReactNode } from 'react';
import { Result, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useCurrentUser, useMe } from '../features/auth/session.tsx';
import { capabilitiesOf, homePathFor, type Capabilities } from './roles.ts';

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireAuth({ children, allowPasswordChange = false }: { children: ReactNode; allowPasswordChange?: boolean }) {
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) return <Result status="warning" extra={<ErrorAlert error={error} />} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword && !allowPasswordChange) return <Navigate to="/change-password" replace />;
  return children;
}

export function RequireCapability({ capability, children }: { capability: keyof Capabilities; children: ReactNode }) {
  const me = useCurrentUser();
  if (!capabilitiesOf(me)[capability]) return <Navigate to={homePathFor(me)} replace />;
  return children;
}

export function HomeRedirect() {
  const me = useCurrentUser();
  return <Navigate to={homePathFor(me)} replace />;
}
