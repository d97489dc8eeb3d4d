/**
 * /orgs: opens the first organisation the user may browse. On a fresh deployment there is none:
 * the system administrator creates the root working committee here.
 */
import { useState } from 'react';
import { Button, Empty, Result } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Navigate, useNavigate } from 'react-router';
import { capabilitiesOf } from '../../../app/roles.ts';
import { FullPageSpin } from '../../../app/guards.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useCurrentUser } from '../../auth/session.tsx';
import { OrgFormModal } from '../components/OrgFormModal.tsx';
import { useOrgRoots } from '../queries.ts';

export function OrgIndexPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const roots = useOrgRoots();
  const [creating, setCreating] = useState(false);

  if (roots.isPending) return <FullPageSpin />;
  if (roots.isError) return <ErrorAlert error={roots.error} />;
  const first = roots.data[0];
  if (first) return <Navigate to={`/orgs/${first.id}`} replace />;

  if (!capabilitiesOf(me).systemAdmin) return <Result status="info" title={t('org.noneTitle')} subTitle={t('org.noneManager')} />;
  return (
    <>
      <Empty description={t('org.noRoot')} style={{ marginTop: 64 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('org.createRoot')}
        </Button>
      </Empty>
      {creating ? <OrgFormModal mode={{ kind: 'create', parent: null }} onClose={() => setCreating(false)} onSaved={(org) => navigate(`/orgs/${org.id}`)} /> : null}
    </>
  );
}
