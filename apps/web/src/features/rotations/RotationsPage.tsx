/**
 * /rotations — the working committee's year plan of rotation training (集中轮训): the year's
 * rotations with their target groups, deadline and batches; declaring and editing one (officers);
 * and its coverage over a subtree (trained / in progress / not yet / exempt) with a drill-down
 * from the organisation to its sub-organisations and to the people with why each is counted so.
 * Every figure comes from the server; the page only shows it.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Empty, Form, Input, InputNumber, Modal, Popconfirm, Progress, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { coverageStatuses, coverageStatusLabels, trainingTargetGroupLabels, trainingTargetGroups, type CoverageStatus, type RotationList, type TrainingTargetGroup } from '@pioneer/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { errorText } from '../../components/errors.ts';
import { homeOrgOf } from '../../components/scope.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCloseRotation, useCoverage, useCoveragePeople, useDeclareRotation, useRotations, useUpdateRotation } from './queries.ts';

type Rotation = RotationList['items'][number];
type FormValues = { orgId: string; title: string; targetGroups: TrainingTargetGroup[]; deadline: Dayjs; requiredHours?: number | null; notes?: string | null };

const statusColor: Record<CoverageStatus, string> = { trained: 'green', in_progress: 'blue', not_yet: 'red', exempt: 'default' };

export function RotationsPage() {
  const { t, pick } = useI18n();
  const me = useCurrentUser();
  const [year, setYear] = useState(dayjs().year());
  const list = useRotations(year);
  const [editing, setEditing] = useState<Rotation | 'new' | null>(null);
  const [coverageOf, setCoverageOf] = useState<Rotation | null>(null);
  const close = useCloseRotation();
  const { message } = App.useApp();
  const isOfficer = me.grants.some((g) => g.role === 'committee_officer');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('rotations.title')}
        </Typography.Title>
        <Space>
          <Select aria-label={t('rotations.year')} value={year} onChange={setYear} options={[year - 1, year, year + 1].map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
          {isOfficer ? (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('rotations.declare')}
            </Button>
          ) : null}
        </Space>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Rotation>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('rotations.noRotations')} /> }}
        columns={[
          { title: t('rotations.name'), dataIndex: 'title' },
          { title: t('rotations.org'), dataIndex: 'orgName' },
          { title: t('rotations.targetGroups'), render: (_, r) => r.targetGroups.map((g) => <Tag key={g}>{pick(trainingTargetGroupLabels[g])}</Tag>) },
          { title: t('rotations.deadline'), dataIndex: 'deadline' },
          { title: t('rotations.requiredHours'), dataIndex: 'requiredHours', render: (h: number | null) => h ?? '—' },
          { title: t('rotations.batches'), render: (_, r) => t('rotations.batchCount', { count: r.batchCount }) },
          { title: t('rotations.status'), render: (_, r) => <Tag color={r.status === 'open' ? 'green' : 'default'}>{t(r.status === 'open' ? 'rotations.statusOpen' : r.status === 'closed' ? 'rotations.statusClosed' : 'rotations.statusDraft')}</Tag> },
          {
            title: '',
            render: (_, r) => (
              <Space>
                <Button size="small" type="link" onClick={() => setCoverageOf(r)}>
                  {t('rotations.coverage')}
                </Button>
                {r.canEdit && r.status !== 'closed' ? (
                  <>
                    <Button size="small" type="link" onClick={() => setEditing(r)}>
                      {t('rotations.edit')}
                    </Button>
                    <Popconfirm title={t('rotations.closeConfirm')} onConfirm={() => close.mutate(r.id, { onError: (e) => void message.error(errorText(e, t)) })}>
                      <Button size="small" type="link" danger>
                        {t('rotations.close')}
                      </Button>
                    </Popconfirm>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <RotationForm year={year} rotation={editing === 'new' ? null : editing} defaultOrgId={homeOrgOf(me)} onClose={() => setEditing(null)} /> : null}
      <Drawer open={coverageOf !== null} width={900} title={coverageOf?.title} onClose={() => setCoverageOf(null)} destroyOnHidden>
        {coverageOf ? <Coverage rotation={coverageOf} /> : null}
      </Drawer>
    </Space>
  );
}

function RotationForm({ year, rotation, defaultOrgId, onClose }: { year: number; rotation: Rotation | null; defaultOrgId: string | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const declare = useDeclareRotation();
  const update = useUpdateRotation();
  const { message } = App.useApp();
  const error = declare.error ?? update.error;
  const submit = (v: FormValues) => {
    const fields = { title: v.title, targetGroups: v.targetGroups, deadline: v.deadline.format('YYYY-MM-DD'), requiredHours: v.requiredHours ?? null, notes: v.notes ?? null };
    const done = { onSuccess: () => (void message.success(t('rotations.saved')), onClose()) };
    if (rotation) update.mutate({ id: rotation.id, input: { version: rotation.version, ...fields } }, done);
    else declare.mutate({ orgId: v.orgId, year, ...fields }, done);
  };
  return (
    <Modal open title={rotation ? rotation.title : t('rotations.declare')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={declare.isPending || update.isPending} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          rotation
            ? { title: rotation.title, targetGroups: rotation.targetGroups, deadline: dayjs(rotation.deadline), requiredHours: rotation.requiredHours, notes: rotation.notes }
            : { orgId: defaultOrgId ?? undefined, targetGroups: ['all_members'], title: `${year}年度党员集中轮训`, deadline: dayjs(`${year}-06-30`) }
        }
      >
        {rotation ? null : (
          <Form.Item name="orgId" label={t('rotations.org')} rules={[{ required: true }]}>
            <OrgSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('rotations.name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="targetGroups" label={t('rotations.targetGroups')} rules={[{ required: true }]}>
          <Select mode="multiple" options={trainingTargetGroups.map((g) => ({ value: g, label: pick(trainingTargetGroupLabels[g]) }))} />
        </Form.Item>
        <Form.Item name="deadline" label={t('rotations.deadline')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="requiredHours" label={t('rotations.requiredHours')}>
          <InputNumber min={0} max={999} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="notes" label={t('rotations.notes')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Coverage({ rotation }: { rotation: Rotation }) {
  const { t, pick } = useI18n();
  const [path, setPath] = useState<Array<{ id: string; name: string }>>([]);
  const orgId = path.at(-1)?.id;
  const coverage = useCoverage(rotation.id, orgId);
  const [status, setStatus] = useState<CoverageStatus | 'all'>('not_yet');
  const [page, setPage] = useState(1);
  const people = useCoveragePeople(rotation.id, coverage.data?.orgId, status === 'all' ? undefined : status, page);
  const c = coverage.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ErrorAlert error={coverage.error ?? people.error} />
      {c ? (
        <>
          <Space>
            {path.length > 0 ? <Button onClick={() => setPath(path.slice(0, -1))}>{t('rotations.up')}</Button> : null}
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="coverage-org">
              {t('rotations.coverageOf', { org: c.orgName })}
            </Typography.Title>
          </Space>
          <Card size="small">
            <Space size="large" wrap data-testid="coverage-totals">
              <Statistic title={t('rotations.targeted')} value={c.totals.targeted} />
              <Statistic title={t('rotations.trained')} value={c.totals.trained} valueStyle={{ color: '#389e0d' }} />
              <Statistic title={t('rotations.inProgress')} value={c.totals.inProgress} />
              <Statistic title={t('rotations.notYet')} value={c.totals.notYet} valueStyle={{ color: '#cf1322' }} />
              <Statistic title={t('rotations.exempt')} value={c.totals.exempt} />
              <div>
                <div>{t('rotations.rate')}</div>
                <Progress type="circle" size={64} percent={c.totals.rate === null ? 100 : Math.round(c.totals.rate * 100)} />
              </div>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('rotations.howCounted', { year: rotation.year })}
            </Typography.Paragraph>
          </Card>
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={[...c.children.filter((x) => x.targeted > 0 || x.hasChildren), ...(c.direct.targeted > 0 ? [{ ...c.direct, orgId: '', orgName: t('rotations.direct'), hasChildren: false }] : [])]}
            columns={[
              { title: t('rotations.subOrg'), dataIndex: 'orgName' },
              { title: t('rotations.targeted'), dataIndex: 'targeted' },
              { title: t('rotations.trained'), dataIndex: 'trained' },
              { title: t('rotations.inProgress'), dataIndex: 'inProgress' },
              { title: t('rotations.notYet'), dataIndex: 'notYet' },
              { title: t('rotations.exempt'), dataIndex: 'exempt' },
              { title: t('rotations.rate'), dataIndex: 'rate', render: (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`) },
              {
                title: '',
                render: (_, row) =>
                  row.orgId ? (
                    <Button size="small" type="link" onClick={() => (setPath([...path, { id: row.orgId, name: row.orgName }]), setPage(1))}>
                      {t('rotations.drill')}
                    </Button>
                  ) : null,
              },
            ]}
          />
          <Space>
            <Typography.Text strong>{t('rotations.people')}</Typography.Text>
            <Segmented
              value={status}
              onChange={(v) => (setStatus(v as CoverageStatus | 'all'), setPage(1))}
              options={[...coverageStatuses.map((s) => ({ value: s, label: pick(coverageStatusLabels[s]) })), { value: 'all', label: t('rotations.allStatuses') }]}
            />
          </Space>
          <Table
            size="small"
            rowKey="personId"
            loading={people.isPending}
            dataSource={people.data?.items ?? []}
            pagination={{ current: page, pageSize: 20, total: people.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('rotations.person'), dataIndex: 'name' },
              { title: t('rotations.personOrg'), dataIndex: 'orgName' },
              { title: t('rotations.status'), dataIndex: 'status', render: (s: CoverageStatus) => <Tag color={statusColor[s]}>{pick(coverageStatusLabels[s])}</Tag> },
              {
                title: t('rotations.detail'),
                render: (_, p) => (p.status === 'not_yet' ? <Typography.Text type="secondary">{t('rotations.nextNotYet')}</Typography.Text> : [p.detail, p.detailOn].filter(Boolean).join(' · ')),
              },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}
