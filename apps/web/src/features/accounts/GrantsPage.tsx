/**
 * Role grants for the security administrator: who holds which role on which organisation;
 * grant (business roles need an organisation and reach its subtree, administrator roles take
 * none) and revoke. The server enforces 三员分立 and refuses changes to one's own account.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Modal, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { roleNames, type GrantDetailView, type GrantListQuery, type RoleName } from '@pioneer/domain';
import dayjs from 'dayjs';
import type { FieldDetail } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { applyServerErrors, errorText } from '../../components/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { useGrantRole, useGrants, useRevokeGrant, useUsers } from './queries.ts';

const ADMIN_ROLES: RoleName[] = ['system_admin', 'security_admin', 'audit_admin'];

/** Picks an account by typing part of its username or name. */
function UserSelect({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const users = useUsers({ q: q.trim() || undefined, pageSize: 20 });
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('grant.userPlaceholder')}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
      style={{ width: '100%' }}
    />
  );
}

export function GrantsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const [filters, setFilters] = useState<Partial<GrantListQuery>>({ page: 1, pageSize: 20 });
  const grants = useGrants(filters);
  const revoke = useRevokeGrant();
  const [granting, setGranting] = useState(false);
  const refine = (patch: Partial<GrantListQuery>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const columns: TableColumnsType<GrantDetailView> = [
    { key: 'user', title: t('grant.user'), render: (_, g) => (<span>{g.displayName} <Typography.Text type="secondary" className="mono">{g.username}</Typography.Text></span>) },
    { key: 'role', title: t('grant.role'), width: 160, render: (_, g) => <Tag color={g.orgId ? 'red' : 'purple'}>{t(`role.${g.role}`)}</Tag> },
    { key: 'org', title: t('grant.org'), render: (_, g) => g.orgName ?? <Typography.Text type="secondary">{t('grant.noOrg')}</Typography.Text> },
    { key: 'grantedBy', title: t('grant.grantedBy'), width: 200, render: (_, g) => `${g.grantedByName ?? '—'} · ${dayjs(g.grantedAt).format('YYYY-MM-DD')}` },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_, g) =>
        g.userId === me.userId ? null : (
          <Popconfirm
            title={t('grant.revokeConfirm', { role: t(`role.${g.role}`), name: g.displayName })}
            okText={t('grant.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke.mutate(g.id, {
                onSuccess: () => void message.success(t('grant.revoked')),
                onError: (error) => modal.error({ title: t('grant.actionFailed'), content: errorText(error, t) }),
              })
            }
          >
            <Button size="small" danger>
              {t('grant.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('grant.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)}>
          {t('grant.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('grant.intro')}</Typography.Paragraph>
      <div className="table-toolbar">
        <div style={{ width: 260 }}>
          <UserSelect value={filters.userId} onChange={(userId) => refine({ userId })} />
        </div>
        <Select<RoleName> allowClear placeholder={t('grant.role')} aria-label={t('grant.role')} style={{ width: 170 }} onChange={(role) => refine({ role })} options={roleNames.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <div style={{ width: 260 }}>
          <OrgSelect value={filters.orgId} onChange={(orgId) => refine({ orgId: orgId ?? undefined })} />
        </div>
      </div>
      <ErrorAlert error={grants.error} style={{ marginBottom: 12 }} />
      <Table<GrantDetailView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={grants.data?.items ?? []}
        loading={grants.isFetching || revoke.isPending}
        scroll={{ x: 800 }}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: grants.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => setFilters((f) => ({ ...f, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
      />
      {granting ? <GrantModal onClose={() => setGranting(false)} /> : null}
    </Card>
  );
}

type GrantValues = { userId: string; role: RoleName; orgId?: string | null };
const GRANT_FIELDS = ['userId', 'role', 'orgId'] as const;

function GrantModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const grant = useGrantRole();
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const needsOrg = role !== undefined && !ADMIN_ROLES.includes(role);

  const onFinish = (v: GrantValues) => {
    setFailure(null);
    grant.mutate(
      { userId: v.userId, role: v.role, orgId: needsOrg ? (v.orgId ?? null) : null },
      {
        onSuccess: (g) => {
          void message.success(t('grant.granted', { role: t(`role.${g.role}`), name: g.displayName }));
          onClose();
        },
        onError: (error) => setFailure({ error, details: applyServerErrors(form, error, GRANT_FIELDS) }),
      },
    );
  };

  return (
    <Modal open title={t('grant.create')} okText={t('grant.grant')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={grant.isPending} destroyOnHidden>
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 16 }} />
      <Form<GrantValues> form={form} layout="vertical" onFinish={onFinish} disabled={grant.isPending}>
        <Form.Item label={t('grant.user')} name="userId" rules={[{ required: true, message: t('grant.userRequired') }]}>
          <UserSelect />
        </Form.Item>
        <Form.Item label={t('grant.role')} name="role" rules={[{ required: true, message: t('grant.roleRequired') }]} extra={role ? t(`role.${role}.hint`) : undefined}>
          <Select options={roleNames.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {needsOrg ? (
          <Form.Item label={t('grant.org')} name="orgId" rules={[{ required: true, message: t('grant.orgRequired') }]} extra={t('grant.orgHint')}>
            <OrgSelect />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
