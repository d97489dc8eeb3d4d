/**
 * 年度计划: a branch's recurring plans for a year (theme party day on a fixed day each month, an
 * assembly each quarter…). Saving a plan makes the server create its planned activities from
 * today on; each plan opens to show the activities it generated. The preview of the days uses the
 * shared recurrence rule; which activities exist is the server's answer.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  activityKindLabels,
  activityKinds,
  expandRecurrence,
  isCentralGroupKind,
  planCreateInput,
  planDuration,
  recurrenceLabel,
  recurrenceSchema,
  studyFormLabels,
  studyForms,
  type ActivityKind,
  type PlanView,
  type Recurrence,
  type StudyForm,
} from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { FieldDetail } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { applyServerErrors, errorText } from '../../../components/errors.ts';
import { homeOrgOf } from '../../../components/scope.ts';
import { schemaRule } from '../../../components/zodRules.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useCurrentUser } from '../../auth/session.tsx';
import { ActivityStatusTag, KindTag } from '../components/ActivityTags.tsx';
import { useCreatePlan, useDeletePlan, usePlan, usePlans, useUpdatePlan } from '../queries.ts';
import '../activities.css';

const plannable = activityKinds.filter((k) => !isCentralGroupKind(k));

export function PlansPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const [page, setPage] = useState(1);
  const plans = usePlans(orgId, year, page);
  const remove = useDeletePlan();
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  const set = (k: string, v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<PlanView> = [
    { key: 'kind', title: t('activities.kind'), width: 150, render: (_, p) => <KindTag kind={p.kind} /> },
    {
      key: 'topic',
      title: t('activities.topic'),
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <span>{p.topic}</span>
          <span className="muted">{p.orgName}</span>
        </Space>
      ),
    },
    {
      key: 'recurrence',
      title: t('plans.recurrence'),
      width: 230,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <span>{recurrenceLabel(p.recurrence, lang)}</span>
          <span className="muted">
            {p.startTime} · {t('plans.minutes', { minutes: p.durationMinutes })}
            {p.place ? ` · ${p.place}` : ''}
          </span>
        </Space>
      ),
    },
    {
      key: 'counts',
      title: t('plans.generated'),
      width: 210,
      render: (_, p) => (
        <Space size={4} wrap>
          <Tag color="processing">{t('plans.countPlanned', { count: p.counts.planned })}</Tag>
          <Tag color="success">{t('plans.countHeld', { count: p.counts.held })}</Tag>
          {p.counts.cancelled ? <Tag>{t('plans.countCancelled', { count: p.counts.cancelled })}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      render: (_, p) => (
        <Space size={0}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${p.topic}`} onClick={() => setEditing(p)} />
          <Popconfirm
            title={t('plans.deleteConfirm')}
            okText={t('plans.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutate(p.id, {
                onSuccess: (r) => void message.success(t('plans.deleted', { count: r.cancelled })),
                onError: (error) => void message.error(errorText(error, t)),
              })
            }
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('plans.delete')} ${p.topic}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space>
          <Link to={`/activities${orgId ? `?orgId=${orgId}` : ''}`} aria-label={t('record.back')}>
            <ArrowLeftOutlined />
          </Link>
          {t('plans.title')}
        </Space>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('plans.new')}
        </Button>
      }
    >
      <div className="table-toolbar">
        <div style={{ width: 280 }}>
          <OrgSelect value={orgId ?? null} onChange={(id) => set('orgId', id)} placeholder={t('activities.allMyOrgs')} />
        </div>
        <Segmented<number>
          value={year}
          onChange={(y) => set('year', y === thisYear ? null : String(y))}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
        />
      </div>
      <ErrorAlert error={plans.error} style={{ marginBottom: 12 }} />
      <Table<PlanView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={plans.data?.items ?? []}
        loading={plans.isFetching || remove.isPending}
        scroll={{ x: 880 }}
        locale={{ emptyText: <Empty description={t('plans.empty')} /> }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          expandedRowRender: (p) => <PlanActivities id={p.id} />,
        }}
        pagination={{ current: page, pageSize: 50, total: plans.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      />
      {editing ? (
        <PlanModal
          plan={editing === 'new' ? null : editing}
          defaults={{ orgId: orgId ?? null, year }}
          onClose={() => setEditing(null)}
          onSaved={(id) => setExpanded((keys) => (keys.includes(id) ? keys : [...keys, id]))}
        />
      ) : null}
    </Card>
  );
}

function PlanActivities({ id }: { id: string }) {
  const { t } = useI18n();
  const plan = usePlan(id);
  if (plan.isPending) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  if (plan.data.activities.length === 0) return <Typography.Text type="secondary">{t('plans.noActivities')}</Typography.Text>;
  return (
    <div className="plan-activities" data-testid="plan-activities">
      {plan.data.activities.map((a) => (
        <Link key={a.id} to={`/activities/${a.id}`} className="plan-activity" title={a.cancelReason ?? undefined}>
          <span>{a.heldOn ?? a.plannedOn}</span>
          <ActivityStatusTag status={a.status} />
        </Link>
      ))}
    </div>
  );
}

type Freq = Recurrence['freq'];
type PlanValues = {
  orgId: string | null;
  year: number;
  kind: ActivityKind;
  topic: string;
  freq: Freq;
  day?: number;
  monthOfQuarter?: 1 | 2 | 3;
  month?: number;
  weekday?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  startTime: string;
  durationMinutes: number;
  place?: string;
  studyForm?: StudyForm | null;
};

function recurrenceOf(v: Partial<PlanValues>): Recurrence | null {
  const candidate =
    v.freq === 'monthly'
      ? { freq: 'monthly', day: v.day }
      : v.freq === 'quarterly'
        ? { freq: 'quarterly', monthOfQuarter: v.monthOfQuarter, day: v.day }
        : v.freq === 'yearly'
          ? { freq: 'yearly', month: v.month, day: v.day }
          : { freq: 'weekly', weekday: v.weekday };
  const parsed = recurrenceSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function valuesOf(plan: PlanView | null, defaults: { orgId: string | null; year: number }): PlanValues {
  const r = plan?.recurrence;
  return {
    orgId: plan?.orgId ?? defaults.orgId,
    year: plan?.year ?? defaults.year,
    kind: plan?.kind ?? 'theme_party_day',
    topic: plan?.topic ?? '',
    freq: r?.freq ?? 'monthly',
    day: r && 'day' in r ? r.day : 15,
    monthOfQuarter: r?.freq === 'quarterly' ? r.monthOfQuarter : 1,
    month: r?.freq === 'yearly' ? r.month : 7,
    weekday: r?.freq === 'weekly' ? r.weekday : 3,
    startTime: plan?.startTime ?? '14:30',
    durationMinutes: plan?.durationMinutes ?? 90,
    place: plan?.place ?? '',
    studyForm: plan?.studyForm ?? null,
  };
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function PlanModal({
  plan,
  defaults,
  onClose,
  onSaved,
}: {
  plan: PlanView | null;
  defaults: { orgId: string | null; year: number };
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<PlanValues>();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const pending = create.isPending || update.isPending;
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const values = Form.useWatch([], form) as Partial<PlanValues> | undefined;
  const freq = values?.freq ?? plan?.recurrence.freq ?? 'monthly';
  const recurrence = values ? recurrenceOf(values) : null;
  const year = values?.year ?? defaults.year;
  const today = dayjs().format('YYYY-MM-DD');
  const preview = recurrence ? expandRecurrence(recurrence, year, today) : [];
  const shape = planCreateInput.shape;

  const onFinish = (v: PlanValues) => {
    const rec = recurrenceOf(v);
    if (!rec) return;
    setFailure(null);
    const common = { topic: v.topic.trim(), recurrence: rec, startTime: v.startTime, durationMinutes: v.durationMinutes };
    const done = (detail: { id: string; changes: { created: number; updated: number; cancelled: number } }) => {
      void message.success(t('plans.saved', { created: detail.changes.created, updated: detail.changes.updated, cancelled: detail.changes.cancelled }));
      onSaved(detail.id);
      onClose();
    };
    const fail = (error: unknown) =>
      setFailure({ error, details: applyServerErrors(form, error, ['orgId', 'year', 'kind', 'topic', 'startTime', 'durationMinutes', 'place', 'studyForm']) });
    if (plan) {
      update.mutate(
        { id: plan.id, input: { version: plan.version, ...common, place: v.place?.trim() || null, studyForm: v.studyForm ?? null } },
        { onSuccess: done, onError: fail },
      );
    } else {
      create.mutate(
        {
          orgId: v.orgId!,
          year: v.year,
          kind: v.kind,
          ...common,
          ...(v.place?.trim() ? { place: v.place.trim() } : {}),
          ...(v.studyForm ? { studyForm: v.studyForm } : {}),
        },
        { onSuccess: done, onError: fail },
      );
    }
  };

  return (
    <Modal
      open
      title={plan ? t('plans.editTitle') : t('plans.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      width={640}
      destroyOnHidden
    >
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 12 }} />
      <Form<PlanValues>
        form={form}
        layout="vertical"
        initialValues={valuesOf(plan, { ...defaults, orgId: defaults.orgId ?? homeOrgOf(me) })}
        onFinish={onFinish}
        disabled={pending}
      >
        <Form.Item label={t('activities.org')} name="orgId" rules={[{ required: true, message: t('activities.noOrg') }]}>
          {plan ? <Input disabled value={plan.orgName} /> : <OrgSelect />}
        </Form.Item>
        <Space wrap size="middle">
          <Form.Item label={t('plans.year')} name="year" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} disabled={Boolean(plan)} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item label={t('activities.kind')} name="kind" rules={[{ required: true }]}>
            <Select disabled={Boolean(plan)} style={{ width: 200 }} options={plannable.map((k) => ({ value: k, label: pick(activityKindLabels[k]) }))} />
          </Form.Item>
        </Space>
        <Form.Item
          label={t('activities.topic')}
          name="topic"
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, schemaRule(shape.topic, t, lang)]}
        >
          <Input maxLength={200} placeholder={t('plans.topicPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('plans.recurrence')} name="freq">
          <Segmented<Freq> options={(['monthly', 'quarterly', 'yearly', 'weekly'] as const).map((f) => ({ value: f, label: t(`plans.freq.${f}`) }))} />
        </Form.Item>
        <Space wrap size="middle">
          {freq === 'quarterly' ? (
            <Form.Item label={t('plans.monthOfQuarter')} name="monthOfQuarter">
              <Select style={{ width: 140 }} options={[1, 2, 3].map((m) => ({ value: m, label: t('plans.monthOfQuarterN', { n: m }) }))} />
            </Form.Item>
          ) : null}
          {freq === 'yearly' ? (
            <Form.Item label={t('plans.month')} name="month">
              <Select style={{ width: 110 }} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('plans.monthN', { n: i + 1 }) }))} />
            </Form.Item>
          ) : null}
          {freq === 'weekly' ? (
            <Form.Item label={t('plans.weekday')} name="weekday">
              <Select style={{ width: 120 }} options={WEEKDAYS.map((d) => ({ value: d, label: t(`plans.weekday.${d}`) }))} />
            </Form.Item>
          ) : (
            <Form.Item label={t('plans.day')} name="day">
              <InputNumber min={1} max={31} style={{ width: 90 }} />
            </Form.Item>
          )}
          <Form.Item label={t('plans.startTime')} name="startTime" rules={[schemaRule(shape.startTime, t, lang)]}>
            <Input style={{ width: 100 }} placeholder="14:30" maxLength={5} />
          </Form.Item>
          <Form.Item label={t('activities.durationMinutes')} name="durationMinutes" rules={[schemaRule(shape.durationMinutes, t, lang)]}>
            <InputNumber min={planDuration.min} max={planDuration.max} step={15} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Space wrap size="middle" style={{ width: '100%' }}>
          <Form.Item label={t('activities.place')} name="place">
            <Input maxLength={200} style={{ width: 280 }} />
          </Form.Item>
          <Form.Item label={t('activities.studyForm')} name="studyForm">
            <Select allowClear style={{ width: 180 }} options={studyForms.map((f) => ({ value: f, label: pick(studyFormLabels[f]) }))} />
          </Form.Item>
        </Space>
        <div className="plan-preview" data-testid="plan-preview">
          {recurrence ? (
            <>
              <Typography.Text strong>{recurrenceLabel(recurrence, lang)}</Typography.Text>
              <Typography.Text type="secondary"> · {t('plans.preview', { count: preview.length })}</Typography.Text>
              <div className="plan-activities" style={{ marginTop: 6 }}>
                {preview.map((d) => (
                  <Tag key={d}>{d}</Tag>
                ))}
              </div>
            </>
          ) : (
            <Typography.Text type="danger">{t('plans.recurrenceInvalid')}</Typography.Text>
          )}
        </div>
      </Form>
    </Modal>
  );
}
