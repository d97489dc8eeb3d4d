/**
 * The group's members with their role and their own branch — leading cadres take part in the
 * group's study and, as ordinary members, in their branch's life (dual organisational life). The
 * managers replace the membership in one go; the server insists on exactly one leader.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Modal, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { centralGroupRoles, type CentralGroupDetail, type CentralGroupMember, type CentralGroupRole } from '@pioneer/domain';
import { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { PersonSelect } from '../../activities/components/PersonSelect.tsx';
import { useSetMembers } from '../queries.ts';

export const roleLabel: Record<CentralGroupRole, MessageKey> = { leader: 'cg.roleLeader', deputy_leader: 'cg.roleDeputy', member: 'cg.roleMember', study_secretary: 'cg.roleSecretary' };
const roleColor: Record<CentralGroupRole, string> = { leader: 'red', deputy_leader: 'volcano', member: 'default', study_secretary: 'blue' };

export function MembersCard({ group, manage }: { group: CentralGroupDetail; manage: boolean }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title={t('cg.membersTitle', { count: group.members.length })}
      extra={
        manage ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('cg.editMembers')}
          </Button>
        ) : null
      }
    >
      <Table<CentralGroupMember>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={group.members}
        locale={{ emptyText: t('cg.noMembers') }}
        columns={[
          { key: 'name', title: t('cg.memberName'), dataIndex: 'name', width: 140 },
          { key: 'role', title: t('cg.memberRole'), width: 120, render: (_, m) => <Tag color={roleColor[m.role]}>{t(roleLabel[m.role])}</Tag> },
          {
            key: 'branch',
            title: t('cg.memberBranch'),
            render: (_, m) => (
              <Space size={4} wrap>
                <span>{m.branchName}</span>
                <Tag color="blue">{t('cg.dualLife')}</Tag>
              </Space>
            ),
          },
        ]}
      />
      {editing ? <MembersModal group={group} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

type Row = { personId: string | null; role: CentralGroupRole };

function MembersModal({ group, onClose }: { group: CentralGroupDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ members: Row[] }>();
  const save = useSetMembers(group.id);
  const known = group.members.map((m) => ({ id: m.personId, name: m.name }));
  const details = save.error instanceof ApiError ? save.error.details : [];
  const submit = (values: { members: Row[] }) =>
    save.mutate(
      { members: values.members.filter((m): m is Row & { personId: string } => Boolean(m.personId)).map((m) => ({ personId: m.personId, role: m.role })) },
      {
        onSuccess: () => {
          void message.success(t('cg.membersSaved'));
          onClose();
        },
      },
    );
  return (
    <Modal open width={720} title={t('cg.editMembersTitle', { name: group.name })} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <ErrorAlert error={save.error} details={details} style={{ marginBottom: 12 }} />
      <Form form={form} onFinish={submit} initialValues={{ members: group.members.length ? group.members.map((m) => ({ personId: m.personId, role: m.role })) : [{ personId: null, role: 'leader' }] }}>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'personId']} rules={[{ required: true, message: t('validation.required') }]} style={{ width: 380 }}>
                    <PersonSelect orgId={group.orgId} known={known} placeholder={t('cg.pickPerson')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} style={{ width: 140 }}>
                    <Select aria-label={t('cg.memberRole')} options={centralGroupRoles.map((r) => ({ value: r, label: t(roleLabel[r]) }))} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cg.removeMember')} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ personId: null, role: 'member' })}>
                {t('cg.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
