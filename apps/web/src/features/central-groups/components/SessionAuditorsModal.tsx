/**
 * A session's auditors (列席旁听): who the working committee sent, whether they have written it up,
 * their notes and — for the committee only — the rating. Committee officers put themselves down
 * or name an auditor with their unit (a retired cadre, say, who has no account), write up a named
 * auditor's notes for them once the session is held, and withdraw an assignment not yet written
 * up. The server puts each auditor on the session's record and decides every refusal.
 */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { auditRatings, type AuditRating, type AuditView } from '@pioneer/domain';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useCurrentUser } from '../../auth/session.tsx';
import { useAssignAuditor, useCompleteAudit, useRemoveAuditor, useSessionAuditors } from '../queries.ts';

export const ratingLabel: Record<AuditRating, MessageKey> = { good: 'cg.ratingGood', fair: 'cg.ratingFair', poor: 'cg.ratingPoor' };

type Session = { id: string; topic: string; status: 'planned' | 'held' | 'cancelled' };
type AssignForm = { who: 'me' | 'named'; name?: string; unit?: string };

export function SessionAuditorsModal({ session, committeeOfficer, onClose }: { session: Session; committeeOfficer: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const auditors = useSessionAuditors(session.id);
  const assign = useAssignAuditor();
  const remove = useRemoveAuditor();
  const [writing, setWriting] = useState<AuditView | null>(null);
  const [form] = Form.useForm<AssignForm>();
  const who = Form.useWatch('who', form) ?? 'me';
  const list = auditors.data ?? [];
  const mayAssign = committeeOfficer && session.status !== 'cancelled';

  const onAssign = (v: AssignForm) =>
    assign.mutate(
      { activityId: session.id, input: v.who === 'me' ? { auditorUserId: me.userId } : { name: (v.name ?? '').trim(), unit: (v.unit ?? '').trim() } },
      {
        onSuccess: (a) => {
          void message.success(t('cg.auditorAdded', { name: a.auditorName }));
          form.resetFields();
          void auditors.refetch();
        },
      },
    );

  return (
    <Modal open width={820} title={t('cg.auditorsTitle', { topic: session.topic })} footer={null} onCancel={onClose} destroyOnHidden>
      <ErrorAlert error={auditors.error ?? remove.error} style={{ marginBottom: 12 }} />
      <Table<AuditView>
        rowKey="id"
        size="small"
        loading={auditors.isFetching}
        dataSource={list}
        pagination={false}
        locale={{ emptyText: t('cg.noAuditors') }}
        columns={[
          {
            key: 'who',
            title: t('cg.auditorName'),
            width: 180,
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <span>{a.auditorName}</span>
                {a.auditorUnit ? <span className="muted">{a.auditorUnit}</span> : null}
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('cg.auditStatus'),
            width: 150,
            render: (_, a) => (
              <Space size={4} wrap>
                <Tag color={a.status === 'completed' ? 'success' : 'processing'}>{t(a.status === 'completed' ? 'cg.auditCompleted' : 'cg.auditAssignedTag')}</Tag>
                {a.rating ? <Tag>{t(ratingLabel[a.rating])}</Tag> : null}
              </Space>
            ),
          },
          { key: 'notes', title: t('cg.auditNotes'), render: (_, a) => (a.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>{a.notes}</Typography.Paragraph> : '—') },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 170,
            render: (_, a) =>
              committeeOfficer && a.status === 'assigned' ? (
                <Space size={4} wrap>
                  {/* The notes of an auditor without an account are written by an officer; an account writes its own. */}
                  {session.status === 'held' && (a.auditorUserId === null || a.auditorUserId === me.userId) ? (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setWriting(a)}>
                      {t('cg.auditWriteUp')}
                    </Button>
                  ) : null}
                  <Popconfirm
                    title={t('cg.auditorRemoveConfirm', { name: a.auditorName })}
                    okText={t('cg.auditorRemove')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      remove.mutate(a.id, {
                        onSuccess: () => {
                          void message.success(t('cg.auditorRemoved'));
                          void auditors.refetch();
                        },
                        onError: (error) => modal.error({ title: t('cg.auditFailed'), content: errorText(error, t) }),
                      })
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('cg.auditorRemove')} ${a.auditorName}`} />
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />

      {mayAssign ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('cg.auditorAdd')}
          </Typography.Title>
          <ErrorAlert error={assign.error} style={{ marginBottom: 12 }} />
          <Form<AssignForm> form={form} layout="inline" initialValues={{ who: 'me' }} onFinish={onAssign} style={{ rowGap: 8 }}>
            <Form.Item name="who">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'me', label: t('cg.auditorMe') },
                  { value: 'named', label: t('cg.auditorNamed') },
                ]}
              />
            </Form.Item>
            {who === 'named' ? (
              <>
                <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('cg.auditorNameRequired') }, { max: 50 }]}>
                  <Input aria-label={t('cg.auditorName')} placeholder={t('cg.auditorName')} maxLength={50} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name="unit" rules={[{ required: true, whitespace: true, message: t('cg.auditorUnitRequired') }, { max: 100 }]}>
                  <Input aria-label={t('cg.auditorUnit')} placeholder={t('cg.auditorUnit')} maxLength={100} style={{ width: 220 }} />
                </Form.Item>
              </>
            ) : null}
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={assign.isPending}>
                {t('cg.auditorAssign')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('cg.auditorOnRecordHint')}
          </Typography.Paragraph>
        </>
      ) : null}
      {writing ? <CompleteAuditModal audit={writing} onClose={() => setWriting(null)} onDone={() => void auditors.refetch()} /> : null}
    </Modal>
  );
}

/** The auditor's notes and the committee's private rating. */
export function CompleteAuditModal({ audit, onClose, onDone }: { audit: AuditView; onClose: () => void; onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ notes: string; rating?: AuditRating }>();
  const complete = useCompleteAudit();
  return (
    <Modal
      open
      title={t('cg.auditWriteUpTitle', { name: audit.auditorName, topic: audit.topic })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={complete.error} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          complete.mutate(
            { auditId: audit.id, input: { notes: v.notes.trim(), rating: v.rating } },
            {
              onSuccess: () => {
                void message.success(t('cg.auditWrittenUp'));
                onDone?.();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item label={t('cg.auditNotes')} name="notes" rules={[{ required: true, whitespace: true, message: t('cg.auditNotesRequired') }, { max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={4000} />
        </Form.Item>
        <Form.Item label={t('cg.auditRating')} name="rating" extra={t('cg.auditRatingHint')}>
          <Select allowClear options={auditRatings.map((r) => ({ value: r, label: t(ratingLabel[r]) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
