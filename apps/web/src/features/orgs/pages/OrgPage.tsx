/**
 * One organisation: what it is (name, kind, code, established date), counts by category for its
 * subtree, the actions on it (create a sub-organisation, edit, move, deactivate) and its people.
 * Administrators (三员) see the structure only — no counts, no people.
 */
import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Result, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, DragOutlined, EditOutlined, PlusOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { allowedChildKinds, orgKindLabels, type OrgView } from '@pioneer/domain';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../../app/guards.tsx';
import { capabilitiesOf } from '../../../app/roles.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useCurrentUser } from '../../auth/session.tsx';
import { ExportPeopleButton } from '../../people/components/ExportPeopleButton.tsx';
import { PeopleTable } from '../../people/components/PeopleTable.tsx';
import { PersonDrawer } from '../../people/components/PersonDrawer.tsx';
import { PersonFormModal } from '../../people/components/PersonFormModal.tsx';
import { MoveOrgModal } from '../components/MoveOrgModal.tsx';
import { OrgCounts } from '../components/OrgCounts.tsx';
import { OrgFormModal } from '../components/OrgFormModal.tsx';
import { useDeactivateOrg, useOrg } from '../queries.ts';

type Dialog = 'createChild' | 'edit' | 'move' | 'createPerson' | null;

export function OrgPage() {
  const { orgId = '' } = useParams();
  // A fresh page per organisation: filters, dialogs and pagination do not leak across.
  return <OrgPageFor key={orgId} orgId={orgId} />;
}

function OrgPageFor({ orgId }: { orgId: string }) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const caps = capabilitiesOf(me);
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const personId = searchParams.get('person');
  const org = useOrg(orgId);
  const deactivate = useDeactivateOrg(orgId);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (org.isPending) return <FullPageSpin />;
  if (org.isError) return <Result status="warning" title={<ErrorAlert error={org.error} />} />;
  const o = org.data;
  const childKinds = allowedChildKinds(o.kind);
  const manage = caps.manager && o.active;

  const openPerson = (id: string | null) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('person', id);
        else next.delete('person');
        return next;
      },
      { replace: !id },
    );

  const onDeactivate = () =>
    deactivate.mutate(undefined, {
      onSuccess: () => void message.success(t('org.deactivated', { name: o.name })),
      // The server says why (people still inside, active sub-organisations…).
      onError: (error) => modal.error({ title: t('org.deactivateRefused'), content: errorText(error, t) }),
    });

  const afterSave = (saved: OrgView) => {
    setDialog(null);
    navigate(`/orgs/${saved.id}`);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[...o.ancestors.map((a) => ({ key: a.id, title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })), { key: o.id, title: o.name }]} />
      <Card
        title={
          <Space wrap>
            <ApartmentOutlined />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {o.name}
            </Typography.Title>
            <Tag color="red">{pick(orgKindLabels[o.kind])}</Tag>
            {o.active ? null : <Tag>{t('org.inactive')}</Tag>}
          </Space>
        }
        extra={
          manage ? (
            <Space wrap>
              {childKinds.length > 0 ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('createChild')}>
                  {t('org.createChild')}
                </Button>
              ) : null}
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
              {o.parentId ? (
                <Button icon={<DragOutlined />} onClick={() => setDialog('move')}>
                  {t('org.move')}
                </Button>
              ) : null}
              <Popconfirm title={t('org.deactivateConfirmTitle', { name: o.name })} description={t('org.deactivateConfirm')} okText={t('org.deactivate')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={onDeactivate}>
                <Button danger icon={<StopOutlined />} loading={deactivate.isPending}>
                  {t('org.deactivate')}
                </Button>
              </Popconfirm>
            </Space>
          ) : null
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'code', label: t('org.code'), children: <span className="mono">{o.code}</span> },
            { key: 'kind', label: t('org.kind'), children: pick(orgKindLabels[o.kind]) },
            { key: 'established', label: t('org.establishedOn'), children: o.establishedOn ?? '—' },
            { key: 'committee', label: t('org.hasCommittee'), children: o.hasCommittee ? t('common.yes') : t('common.no') },
            { key: 'children', label: t('org.childCount'), children: o.childCount },
          ]}
        />
      </Card>

      {caps.manager ? (
        <>
          <OrgCounts orgId={o.id} />
          <Card title={t('people.title')}>
            <PeopleTable
              orgId={o.id}
              onOpen={(p) => openPerson(p.id)}
              onCreate={manage ? () => setDialog('createPerson') : undefined}
              toolbar={(query) => (
                <>
                  <ExportPeopleButton query={query} />
                  {manage ? (
                    <Link to={`/imports?orgId=${o.id}`}>
                      <Button icon={<UploadOutlined />}>{t('import.button')}</Button>
                    </Link>
                  ) : null}
                </>
              )}
            />
          </Card>
        </>
      ) : (
        <Result status="info" title={t('org.structureOnly')} subTitle={t('org.structureOnlyHint')} />
      )}

      {dialog === 'createChild' ? <OrgFormModal mode={{ kind: 'create', parent: o }} onClose={() => setDialog(null)} onSaved={afterSave} /> : null}
      {dialog === 'edit' ? <OrgFormModal mode={{ kind: 'edit', org: o }} onClose={() => setDialog(null)} onSaved={afterSave} /> : null}
      {dialog === 'move' ? <MoveOrgModal org={o} onClose={() => setDialog(null)} onMoved={afterSave} /> : null}
      {dialog === 'createPerson' ? (
        <PersonFormModal
          orgId={o.id}
          onClose={() => setDialog(null)}
          onSaved={(p) => {
            setDialog(null);
            void message.success(t('person.created', { name: p.name }));
            openPerson(p.id);
          }}
        />
      ) : null}
      {personId ? <PersonDrawer personId={personId} onClose={() => openPerson(null)} canTransfer={caps.manager} /> : null}
    </Space>
  );
}
