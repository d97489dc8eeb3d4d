/**
 * The group's annual study plan (年度学习计划): items by month (topic, form of study, speaker),
 * saved as a draft, submitted for approval, then approved or returned with a comment by the
 * group's leader or the organisation's secretary. Approved plans are read-only.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, PlusOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { studyFormLabels, studyForms, type StudyPlanItem, type StudyPlanView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { planActions, type PlanStatus } from '../plan-actions.ts';
import { useDecidePlan, usePlans, useSavePlan } from '../queries.ts';

const statusColor: Record<PlanStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'warning' };
export const planStatusLabel: Record<PlanStatus, MessageKey> = { draft: 'cg.planDraft', submitted: 'cg.planSubmitted', approved: 'cg.planApproved', returned: 'cg.planReturned' };

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const byMonth = (items: readonly StudyPlanItem[]) => [...items].sort((a, b) => a.month - b.month);

type Props = { groupId: string; year: number; manage: boolean; mayDecide: boolean };

export function StudyPlanCard({ groupId, year, manage, mayDecide }: Props) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const plans = usePlans(groupId, year);
  const plan: StudyPlanView | null = plans.data?.find((p) => p.year === year) ?? null;
  const actions = planActions(plan?.status ?? null, { manage, mayDecide });
  const save = useSavePlan(groupId);
  const decide = useDecidePlan();
  const [form] = Form.useForm<{ items: StudyPlanItem[] }>();
  const [returning, setReturning] = useState(false);

  // The form starts from the stored plan (or one empty line) and follows it when the plan changes.
  useEffect(() => {
    form.setFieldsValue({ items: plan ? byMonth(plan.items) : [{ month: 1, topic: '', studyForm: 'collective_study' }] });
  }, [form, plan]);

  const fail = (title: MessageKey) => (error: unknown) => modal.error({ title: t(title), content: errorText(error, t) });
  const items = () => form.validateFields().then((v) => v.items.map((i) => ({ ...i, speaker: i.speaker?.trim() || undefined })));

  const onSave = async () => {
    const list = await items();
    save.mutate({ year, items: list }, { onSuccess: () => void message.success(t('cg.planSaved')) });
  };
  // Submitting sends what is on screen: saved first, then submitted.
  const onSubmit = async () => {
    const list = await items();
    save.mutate(
      { year, items: list },
      {
        onSuccess: (saved) =>
          decide.mutate({ kind: 'submit', planId: saved.id }, { onSuccess: () => void message.success(t('cg.planSubmittedMsg')), onError: fail('cg.planActionFailed') }),
      },
    );
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{t('cg.planTitle', { year })}</span>
          {plan ? <Tag color={statusColor[plan.status]}>{t(planStatusLabel[plan.status])}</Tag> : <Tag>{t('cg.planNone')}</Tag>}
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {actions.edit ? (
            <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={save.isPending}>
              {t('cg.planSave')}
            </Button>
          ) : null}
          {actions.submit ? (
            <Popconfirm title={t('cg.planSubmitConfirm')} okText={t('cg.planSubmit')} cancelText={t('common.cancel')} onConfirm={() => void onSubmit()}>
              <Button type="primary" icon={<SendOutlined />} loading={decide.isPending}>
                {t('cg.planSubmit')}
              </Button>
            </Popconfirm>
          ) : null}
          {actions.approve && plan ? (
            <Popconfirm
              title={t('cg.planApproveConfirm', { year })}
              okText={t('cg.planApprove')}
              cancelText={t('common.cancel')}
              onConfirm={() => decide.mutate({ kind: 'approve', planId: plan.id }, { onSuccess: () => void message.success(t('cg.planApprovedMsg')), onError: fail('cg.planActionFailed') })}
            >
              <Button type="primary" icon={<CheckOutlined />}>
                {t('cg.planApprove')}
              </Button>
            </Popconfirm>
          ) : null}
          {actions.return && plan ? (
            <Button icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
              {t('cg.planReturn')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert error={plans.error ?? save.error} style={{ marginBottom: 12 }} />
      {plan?.status === 'returned' && plan.comment ? <Alert type="warning" showIcon title={t('cg.planReturnedWith', { comment: plan.comment })} style={{ marginBottom: 12 }} /> : null}
      {plan?.submittedAt || plan?.decidedAt ? (
        <Typography.Paragraph type="secondary">
          {plan.submittedAt ? t('cg.planSubmittedAt', { time: dayjs(plan.submittedAt).format('YYYY-MM-DD HH:mm') }) : null}
          {plan.decidedAt && (plan.status === 'approved' || plan.status === 'returned')
            ? ` · ${t(plan.status === 'approved' ? 'cg.planApprovedBy' : 'cg.planReturnedBy', { time: dayjs(plan.decidedAt).format('YYYY-MM-DD HH:mm'), who: plan.decidedBy ?? '' })}`
            : null}
        </Typography.Paragraph>
      ) : null}

      {actions.edit ? (
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap className="plan-item" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'month']} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select aria-label={t('cg.planMonth')} style={{ width: 90 }} options={months.map((m) => ({ value: m, label: t('cg.monthN', { month: m }) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'topic']} rules={[{ required: true, whitespace: true, message: t('cg.planTopicRequired') }, { max: 200 }]}>
                      <Input aria-label={t('cg.planTopic')} placeholder={t('cg.planTopic')} style={{ width: 340 }} maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'studyForm']} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select aria-label={t('cg.planForm')} style={{ width: 150 }} options={studyForms.map((f) => ({ value: f, label: pick(studyFormLabels[f]) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'speaker']} rules={[{ max: 50 }]}>
                      <Input aria-label={t('cg.planSpeaker')} placeholder={t('cg.planSpeaker')} style={{ width: 140 }} maxLength={50} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cg.planRemoveItem')} onClick={() => remove(field.name)} disabled={fields.length === 1} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ month: Math.min(12, (form.getFieldValue(['items', fields.length - 1, 'month']) ?? 0) + 1), topic: '', studyForm: 'collective_study' })}>
                  {t('cg.planAddItem')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      ) : plan ? (
        <Table<StudyPlanItem>
          rowKey={(r) => `${r.month}-${r.topic}`}
          size="small"
          pagination={false}
          dataSource={byMonth(plan.items)}
          columns={[
            { key: 'month', title: t('cg.planMonth'), width: 80, render: (_, r) => t('cg.monthN', { month: r.month }) },
            { key: 'topic', title: t('cg.planTopic'), dataIndex: 'topic' },
            { key: 'form', title: t('cg.planForm'), width: 130, render: (_, r) => pick(studyFormLabels[r.studyForm]) },
            { key: 'speaker', title: t('cg.planSpeaker'), width: 120, render: (_, r) => r.speaker ?? '—' },
          ]}
        />
      ) : (
        <Empty description={t('cg.planNoneYet')} />
      )}

      {returning && plan ? (
        <ReturnPlanModal
          onClose={() => setReturning(false)}
          pending={decide.isPending}
          error={decide.error}
          onSubmit={(comment) =>
            decide.mutate(
              { kind: 'return', planId: plan.id, comment },
              {
                onSuccess: () => {
                  setReturning(false);
                  void message.success(t('cg.planReturnedMsg'));
                },
              },
            )
          }
        />
      ) : null}
    </Card>
  );
}

function ReturnPlanModal(props: { onClose: () => void; onSubmit: (comment: string) => void; pending: boolean; error: unknown }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal open title={t('cg.planReturnTitle')} okText={t('cg.planReturn')} cancelText={t('common.cancel')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={props.pending} destroyOnHidden>
      <ErrorAlert error={props.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => props.onSubmit(v.comment.trim())}>
        <Form.Item label={t('cg.planReturnComment')} name="comment" rules={[{ required: true, whitespace: true, message: t('cg.planReturnCommentRequired') }, { max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
