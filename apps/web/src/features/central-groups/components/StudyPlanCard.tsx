/**
 * The group's annual study plan (年度学习计划): items by month (topic, form of study, speaker,
 * materials), saved as a draft — a draft or returned version is changed in place, PATCH — then
 * submitted for approval and approved or returned with a comment by the group's leader or the
 * organisation's secretary. An approved plan is never edited: managers draw up a new version,
 * which replaces it once approved; every version stays listed with its fate.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Collapse, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { studyFormLabels, studyForms, type StudyPlanItem, type StudyPlanView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { planActions, saveMode, type PlanStatus } from '../plan-actions.ts';
import { useDecidePlan, usePlans, useSavePlan, useUpdatePlan } from '../queries.ts';

const statusColor: Record<PlanStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'warning' };
export const planStatusLabel: Record<PlanStatus, MessageKey> = { draft: 'cg.planDraft', submitted: 'cg.planSubmitted', approved: 'cg.planApproved', returned: 'cg.planReturned' };

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const byMonth = (items: readonly StudyPlanItem[]) => [...items].sort((a, b) => a.month - b.month);
const TIME = 'YYYY-MM-DD HH:mm';

type Props = { groupId: string; year: number; manage: boolean; mayDecide: boolean };

export function StudyPlanCard({ groupId, year, manage, mayDecide }: Props) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const plans = usePlans(groupId, year);
  // Every version of the year, newest first: the newest is the one acted on.
  const versions = (plans.data ?? []).filter((p) => p.year === year);
  const plan: StudyPlanView | null = versions[0] ?? null;
  const inForce = versions.find((p) => p.status === 'approved' && !p.superseded) ?? null;
  const actions = planActions(plan?.status ?? null, { manage, mayDecide });
  const create = useSavePlan(groupId);
  const update = useUpdatePlan();
  const decide = useDecidePlan();
  const [form] = Form.useForm<{ items: StudyPlanItem[] }>();
  const [returning, setReturning] = useState(false);
  const [drafting, setDrafting] = useState(false);
  const editing = actions.edit || drafting;

  // The form starts from the newest version (or one empty line) and follows it when it changes.
  useEffect(() => {
    form.setFieldsValue({ items: plan ? byMonth(plan.items) : [{ month: 1, topic: '', studyForm: 'collective_study' }] });
  }, [form, plan]);

  const fail = (title: MessageKey) => (error: unknown) => modal.error({ title: t(title), content: errorText(error, t) });
  const items = () =>
    form.validateFields().then((v) => v.items.map((i) => ({ ...i, speaker: i.speaker?.trim() || undefined, materials: i.materials?.trim() || undefined })));
  const save = async (list: StudyPlanItem[]): Promise<StudyPlanView> =>
    plan && saveMode(plan) === 'patch' ? update.mutateAsync({ planId: plan.id, items: list }) : create.mutateAsync({ year, items: list });

  const onSave = async () => {
    const list = await items();
    try {
      await save(list);
      setDrafting(false);
      void message.success(t('cg.planSaved'));
    } catch {
      // Shown by the card's error line.
    }
  };
  // Submitting sends what is on screen: saved first, then submitted.
  const onSubmit = async () => {
    const list = await items();
    let saved: StudyPlanView;
    try {
      saved = await save(list);
    } catch {
      return;
    }
    setDrafting(false);
    decide.mutate({ kind: 'submit', planId: saved.id }, { onSuccess: () => void message.success(t('cg.planSubmittedMsg')), onError: fail('cg.planActionFailed') });
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{t('cg.planTitle', { year })}</span>
          {plan ? <Tag color={statusColor[plan.status]}>{t(planStatusLabel[plan.status])}</Tag> : <Tag>{t('cg.planNone')}</Tag>}
          {plan && versions.length > 1 ? <Typography.Text type="secondary">{t('cg.planVersionN', { version: plan.version })}</Typography.Text> : null}
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {editing ? (
            <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={create.isPending || update.isPending}>
              {t('cg.planSave')}
            </Button>
          ) : null}
          {editing ? (
            <Popconfirm title={t('cg.planSubmitConfirm')} okText={t('cg.planSubmit')} cancelText={t('common.cancel')} onConfirm={() => void onSubmit()}>
              <Button type="primary" icon={<SendOutlined />} loading={decide.isPending}>
                {t('cg.planSubmit')}
              </Button>
            </Popconfirm>
          ) : null}
          {actions.newVersion && !drafting ? (
            <Button icon={<EditOutlined />} onClick={() => setDrafting(true)}>
              {t('cg.planNewVersion')}
            </Button>
          ) : null}
          {drafting ? <Button onClick={() => setDrafting(false)}>{t('common.cancel')}</Button> : null}
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
      <ErrorAlert error={plans.error ?? create.error ?? update.error} style={{ marginBottom: 12 }} />
      {plan?.status === 'returned' && plan.comment ? <Alert type="warning" showIcon title={t('cg.planReturnedWith', { comment: plan.comment })} style={{ marginBottom: 12 }} /> : null}
      {inForce && plan && inForce.id !== plan.id ? <Alert type="info" showIcon title={t('cg.planInForce', { version: inForce.version })} style={{ marginBottom: 12 }} /> : null}
      {drafting ? <Alert type="info" showIcon title={t('cg.planNewVersionHint')} style={{ marginBottom: 12 }} /> : null}
      {plan ? <PlanDates plan={plan} /> : null}

      {editing ? (
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
                      <Input aria-label={t('cg.planTopic')} placeholder={t('cg.planTopic')} style={{ width: 300 }} maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'studyForm']} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select aria-label={t('cg.planForm')} style={{ width: 150 }} options={studyForms.map((f) => ({ value: f, label: pick(studyFormLabels[f]) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'speaker']} rules={[{ max: 50 }]}>
                      <Input aria-label={t('cg.planSpeaker')} placeholder={t('cg.planSpeaker')} style={{ width: 130 }} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'materials']} rules={[{ max: 2000 }]}>
                      <Input aria-label={t('cg.planMaterials')} placeholder={t('cg.planMaterials')} style={{ width: 220 }} maxLength={2000} />
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
        <PlanItems items={plan.items} />
      ) : (
        <Empty description={t('cg.planNoneYet')} />
      )}

      {versions.length > 1 ? (
        <Collapse
          size="small"
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'versions',
              label: t('cg.planVersions', { count: versions.length }),
              children: (
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  {versions.map((v) => (
                    <div key={v.id} className="plan-version">
                      <Space size={4} wrap>
                        <strong>{t('cg.planVersionN', { version: v.version })}</strong>
                        <Tag color={statusColor[v.status]}>{t(planStatusLabel[v.status])}</Tag>
                        {v.superseded ? <Tag>{t('cg.planSuperseded')}</Tag> : null}
                        {v.id === inForce?.id ? <Tag color="success">{t('cg.planInForceTag')}</Tag> : null}
                      </Space>
                      <PlanDates plan={v} />
                      {v.status === 'returned' && v.comment ? <Typography.Paragraph type="warning">{t('cg.planReturnedWith', { comment: v.comment })}</Typography.Paragraph> : null}
                      <PlanItems items={v.items} />
                    </div>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      ) : null}

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

function PlanDates({ plan }: { plan: StudyPlanView }) {
  const { t } = useI18n();
  if (!plan.submittedAt && !plan.decidedAt) return null;
  return (
    <Typography.Paragraph type="secondary">
      {plan.submittedAt ? t('cg.planSubmittedAt', { time: dayjs(plan.submittedAt).format(TIME) }) : null}
      {plan.decidedAt && (plan.status === 'approved' || plan.status === 'returned')
        ? ` · ${t(plan.status === 'approved' ? 'cg.planApprovedBy' : 'cg.planReturnedBy', { time: dayjs(plan.decidedAt).format(TIME), who: plan.decidedBy ?? '' })}`
        : null}
    </Typography.Paragraph>
  );
}

function PlanItems({ items }: { items: readonly StudyPlanItem[] }) {
  const { t, pick } = useI18n();
  return (
    <Table<StudyPlanItem>
      rowKey={(r) => `${r.month}-${r.topic}`}
      size="small"
      pagination={false}
      dataSource={byMonth(items)}
      columns={[
        { key: 'month', title: t('cg.planMonth'), width: 80, render: (_, r) => t('cg.monthN', { month: r.month }) },
        { key: 'topic', title: t('cg.planTopic'), dataIndex: 'topic' },
        { key: 'form', title: t('cg.planForm'), width: 130, render: (_, r) => pick(studyFormLabels[r.studyForm]) },
        { key: 'speaker', title: t('cg.planSpeaker'), width: 120, render: (_, r) => r.speaker ?? '—' },
        { key: 'materials', title: t('cg.planMaterials'), render: (_, r) => r.materials ?? '—' },
      ]}
    />
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
