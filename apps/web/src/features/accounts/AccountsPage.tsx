/**
 * Accounts for the system administrator: find, create (with a one-time password), reset a
 * password, lift a lockout, disable and enable. No personal data is shown (三员分立); roles are
 * listed but granted by the security administrator.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { roleNames, userCreateInput, type RoleName, type UserView, type UserWithPassword } from '@pioneer/domain';
import dayjs from 'dayjs';
import type { FieldDetail } from '../../api/client.ts';
import type { UserListParams } from '../../api/users.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyServerErrors, errorText } from '../../components/errors.ts';
import { schemaRule } from '../../components/zodRules.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { useAccountAction, useCreateUser, useUsers, type AccountAction } from './queries.ts';

export function RoleTags({ grants }: { grants: UserView['grants'] }) {
  const { t } = useI18n();
  if (grants.length === 0) return <Tag>{t('account.noRoles')}</Tag>;
  return (
    <Space size={4} wrap>
      {grants.map((g) => (
        <Tag key={g.id} color={g.orgId ? 'red' : 'purple'}>
          {t(`role.${g.role}`)}
          {g.orgName ? ` · ${g.orgName}` : ''}
        </Tag>
      ))}
    </Space>
  );
}

export function AccountsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const [filters, setFilters] = useState<UserListParams>({ page: 1, pageSize: 20 });
  const users = useUsers(filters);
  const action = useAccountAction();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<UserWithPassword | null>(null);
  const refine = (patch: UserListParams) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const act = (user: UserView, kind: AccountAction) =>
    action.mutate(
      { id: user.id, action: kind },
      {
        onSuccess: (result) => {
          if ('oneTimePassword' in result) setIssued(result);
          else void message.success(t(`account.done.${kind}`, { name: user.displayName }));
        },
        onError: (error) => modal.error({ title: t('account.actionFailed'), content: errorText(error, t) }),
      },
    );

  const columns: TableColumnsType<UserView> = [
    { key: 'username', dataIndex: 'username', title: t('account.username'), render: (v: string) => <span className="mono">{v}</span> },
    { key: 'displayName', dataIndex: 'displayName', title: t('account.displayName') },
    { key: 'roles', title: t('account.roles'), render: (_, u) => <RoleTags grants={u.grants} /> },
    {
      key: 'state',
      title: t('account.state'),
      width: 190,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="green">{t('account.active')}</Tag> : <Tag>{t('account.disabled')}</Tag>}
          {u.locked ? <Tooltip title={u.lockedUntil ? t('account.lockedUntil', { time: dayjs(u.lockedUntil).format('YYYY-MM-DD HH:mm') }) : undefined}><Tag color="error">{t('account.locked')}</Tag></Tooltip> : null}
          {u.mustChangePassword ? <Tag color="warning">{t('account.mustChange')}</Tag> : null}
          {u.personId ? <Tag color="blue">{t('account.linked')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'lastLogin', title: t('account.lastLogin'), width: 150, render: (_, u) => (u.lastLoginAt ? dayjs(u.lastLoginAt).format('YYYY-MM-DD HH:mm') : '—') },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 240,
      fixed: 'end',
      render: (_, u) =>
        u.id === me.userId ? (
          <Tooltip title={t('account.selfHint')}>
            <Tag>{t('account.self')}</Tag>
          </Tooltip>
        ) : (
          <Space size={4} wrap>
            <Popconfirm title={t('account.resetConfirm', { name: u.displayName })} okText={t('account.resetPassword')} cancelText={t('common.cancel')} onConfirm={() => act(u, 'resetPassword')}>
              <Button size="small">{t('account.resetPassword')}</Button>
            </Popconfirm>
            {u.locked ? (
              <Button size="small" onClick={() => act(u, 'unlock')}>
                {t('account.unlock')}
              </Button>
            ) : null}
            {u.active ? (
              <Popconfirm title={t('account.disableConfirm', { name: u.displayName })} okText={t('account.disable')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => act(u, 'disable')}>
                <Button size="small" danger>
                  {t('account.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" onClick={() => act(u, 'enable')}>
                {t('account.enable')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('account.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('account.create')}
        </Button>
      }
    >
      <div className="table-toolbar">
        <Input.Search allowClear placeholder={t('account.searchPlaceholder')} aria-label={t('account.search')} style={{ width: 240 }} onSearch={(q) => refine({ q: q.trim() || undefined })} />
        <Select<RoleName>
          allowClear
          placeholder={t('account.roles')}
          aria-label={t('account.roles')}
          style={{ width: 170 }}
          onChange={(role) => refine({ role })}
          options={roleNames.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Select<'true' | 'false'>
          allowClear
          placeholder={t('account.state')}
          aria-label={t('account.state')}
          style={{ width: 130 }}
          onChange={(active) => refine({ active })}
          options={[
            { value: 'true', label: t('account.active') },
            { value: 'false', label: t('account.disabled') },
          ]}
        />
      </div>
      <ErrorAlert error={users.error} style={{ marginBottom: 12 }} />
      <Table<UserView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.isFetching || action.isPending}
        scroll={{ x: 1000 }}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: users.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => setFilters((f) => ({ ...f, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
      />
      {creating ? (
        <CreateAccountModal
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setIssued(result);
          }}
        />
      ) : null}
      <Modal open={issued !== null} title={t('account.issuedTitle')} onCancel={() => setIssued(null)} footer={<Button type="primary" onClick={() => setIssued(null)}>{t('account.issuedDone')}</Button>} destroyOnHidden>
        {issued ? <OneTimePassword result={issued} /> : null}
      </Modal>
    </Card>
  );
}

type CreateValues = { username: string; displayName: string; personId?: string };
const CREATE_FIELDS = ['username', 'displayName', 'personId'] as const;

function CreateAccountModal({ onClose, onCreated }: { onClose: () => void; onCreated: (result: UserWithPassword) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const shape = userCreateInput.shape;
  const onFinish = (v: CreateValues) => {
    setFailure(null);
    create.mutate(
      { username: v.username.trim(), displayName: v.displayName.trim(), personId: v.personId?.trim() || null },
      { onSuccess: onCreated, onError: (error) => setFailure({ error, details: applyServerErrors(form, error, CREATE_FIELDS) }) },
    );
  };
  return (
    <Modal open title={t('account.create')} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 16 }} />
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
        <Form.Item label={t('account.username')} name="username" rules={[schemaRule(shape.username, t, lang)]} extra={t('account.usernameHint')}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('account.displayName')} name="displayName" rules={[schemaRule(shape.displayName, t, lang)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t('account.personId')} name="personId" rules={[schemaRule(shape.personId, t, lang)]} extra={t('account.personIdHint')}>
          <Input maxLength={36} className="mono" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
