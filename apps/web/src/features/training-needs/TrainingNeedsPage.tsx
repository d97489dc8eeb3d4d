/**
 * 学时达标与漏训 for managers: a subtree's coverage for a year (figures, hours distribution chart,
 * sub-organisations), the missed and weak lists with reasons and the next step, delivered-study
 * records for exempt members, and manual entries waiting for approval. Figures and verdicts come
 * from the server; this page only shows them and sends decisions.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { DeliveredStudyInput } from '@pioneer/domain';
import { peopleApi } from '../../api/people.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { homeOrgOf } from '../../components/scope.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCoverage, useDecideManual, useDelivered, useExceptions, useOrgManual, useRecordDelivered } from './queries.ts';
import { reasonText } from './reason.ts';

export function TrainingNeedsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  // A manager starts at the organisation they were granted, as the other managers' pages do.
  const [orgId, setOrgId] = useState<string | null>(() => homeOrgOf(me));
  const [year, setYear] = useState(dayjs().year());
  return (
    <Card title={t('trainingNeeds.menu')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('trainingNeeds.org')}</span>
        <OrgSelect id="trainingNeedsOrg" value={orgId} onChange={(id) => setOrgId(id)} />
        <span>{t('trainingNeeds.year')}</span>
        <Select
          aria-label={t('trainingNeeds.year')}
          value={year}
          onChange={setYear}
          options={[0, 1, 2, 3].map((i) => ({ value: dayjs().year() - i, label: String(dayjs().year() - i) }))}
        />
      </Space>
      {orgId ? (
        <Tabs
          items={[
            { key: 'coverage', label: t('trainingNeeds.tab.coverage'), children: <Coverage orgId={orgId} year={year} /> },
            { key: 'missed', label: t('trainingNeeds.tab.missed'), children: <Exceptions orgId={orgId} year={year} kind="missed" /> },
            { key: 'weak', label: t('trainingNeeds.tab.weak'), children: <Exceptions orgId={orgId} year={year} kind="weak" /> },
            { key: 'delivered', label: t('trainingNeeds.tab.delivered'), children: <Delivered orgId={orgId} year={year} /> },
            { key: 'manual', label: t('trainingNeeds.tab.manual'), children: <ManualApprovals orgId={orgId} /> },
          ]}
        />
      ) : (
        <Empty description={t('trainingNeeds.pickOrg')} />
      )}
    </Card>
  );
}

function Coverage({ orgId, year }: { orgId: string; year: number }) {
  const { t } = useI18n();
  const q = useCoverage(orgId, year);
  if (q.error) return <ErrorAlert error={q.error} />;
  const c = q.data;
  if (!c) return null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap size="large">
        <Statistic title={t('trainingNeeds.considered')} value={c.considered} />
        <Statistic title={t('trainingNeeds.required')} value={c.required} />
        <Statistic title={t('trainingNeeds.met')} value={c.met} />
        <Statistic title={t('trainingNeeds.short')} value={c.short} />
        <Statistic title={t('trainingNeeds.exempt')} value={c.exempt} />
        <Statistic title={t('trainingNeeds.centralisedCoverage')} value={`${c.centralisedRequired} / ${c.centralisedMet}`} />
        <Statistic title={t('trainingNeeds.trained')} value={c.trained} />
        <Statistic title={t('trainingNeeds.missedCount')} value={c.missed} />
        <Statistic title={t('trainingNeeds.weakCount')} value={c.weak} />
      </Space>
      <EChart
        label={t('trainingNeeds.distribution')}
        height={260}
        option={{
          grid: { left: 40, right: 16, top: 24, bottom: 32 },
          tooltip: {},
          xAxis: { type: 'category', data: c.hoursBuckets.map((b) => b.label) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [{ type: 'bar', name: t('trainingNeeds.distribution'), data: c.hoursBuckets.map((b) => b.count) }],
        }}
      />
      <Table
        size="small"
        rowKey="orgId"
        title={() => t('trainingNeeds.children')}
        dataSource={c.children}
        pagination={false}
        columns={[
          { title: t('trainingNeeds.org'), dataIndex: 'orgName' },
          { title: t('trainingNeeds.required'), dataIndex: 'required' },
          { title: t('trainingNeeds.met'), dataIndex: 'met' },
          { title: t('trainingNeeds.short'), dataIndex: 'short' },
          { title: t('trainingNeeds.exempt'), dataIndex: 'exempt' },
          { title: t('trainingNeeds.centralisedCoverage'), render: (_, r) => `${r.centralisedRequired} / ${r.centralisedMet}` },
          { title: t('trainingNeeds.missedCount'), dataIndex: 'missed' },
          { title: t('trainingNeeds.weakCount'), dataIndex: 'weak' },
        ]}
      />
    </Space>
  );
}

function Exceptions({ orgId, year, kind }: { orgId: string; year: number; kind: 'missed' | 'weak' }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const q = useExceptions(orgId, year, kind, page);
  if (q.error) return <ErrorAlert error={q.error} />;
  return (
    <Table
      size="small"
      rowKey="personId"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: t('trainingNeeds.noneFlagged') }}
      pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: t('trainingNeeds.name'), dataIndex: 'name' },
        { title: t('trainingNeeds.org'), dataIndex: 'orgName' },
        { title: t('trainingNeeds.hours'), render: (_, r) => (r.hoursRequired === null ? r.hoursDone : `${r.hoursDone} / ${r.hoursRequired}`) },
        { title: t('trainingNeeds.reasons'), render: (_, r) => r.reasons.map((x) => reasonText(x, lang)).join('；') },
        { title: t('trainingNeeds.action'), render: (_, r) => <Tag color="blue">{reasonText(r.action, lang)}</Tag> },
      ]}
    />
  );
}

function PersonPicker({ orgId, value, onChange, id }: { orgId: string; value?: string; onChange?: (id: string) => void; id?: string }) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['training-needs', 'people', orgId, q],
    queryFn: () => peopleApi.list({ orgId, q: q || undefined, exempt: 'true', pageSize: 20 }),
  });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      // The server lists only exempt members (the only ones delivered study is recorded for).
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }))}
      style={{ minWidth: 220 }}
    />
  );
}

function Delivered({ orgId, year }: { orgId: string; year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const q = useDelivered(orgId, year);
  const record = useRecordDelivered();
  const [form] = Form.useForm<DeliveredStudyInput & { personId: string }>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('trainingNeeds.deliveredHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={({ personId, ...input }) =>
          record.mutate(
            { personId, input },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('trainingNeeds.recorded'));
              },
            },
          )
        }
      >
        <Form.Item name="personId" label={t('trainingNeeds.personId')} rules={[{ required: true }]}>
          <PersonPicker orgId={orgId} />
        </Form.Item>
        <Form.Item name="deliveredOn" label={t('trainingNeeds.deliveredOn')} rules={[{ required: true }]}>
          <DateInput notAfterToday />
        </Form.Item>
        <Form.Item name="material" label={t('trainingNeeds.material')} rules={[{ required: true }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="deliveredBy" label={t('trainingNeeds.deliveredBy')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('trainingNeeds.note')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          {t('trainingNeeds.record')}
        </Button>
      </Form>
      {record.error ? <Alert type="error" title={errorText(record.error, t)} /> : null}
      <Table
        size="small"
        rowKey="id"
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('trainingNeeds.name'), dataIndex: 'personName' },
          { title: t('trainingNeeds.org'), dataIndex: 'orgName' },
          { title: t('trainingNeeds.deliveredOn'), dataIndex: 'deliveredOn' },
          { title: t('trainingNeeds.material'), dataIndex: 'material' },
          { title: t('trainingNeeds.deliveredBy'), dataIndex: 'deliveredBy' },
          { title: t('trainingNeeds.note'), dataIndex: 'note' },
        ]}
      />
    </Space>
  );
}

function ManualApprovals({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const q = useOrgManual(orgId);
  const decide = useDecideManual();
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const onError = (error: unknown) => modal.error({ title: t('trainingNeeds.tab.manual'), content: errorText(error, t) });
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('trainingNeeds.noPending') }}
        pagination={false}
        columns={[
          { title: t('trainingNeeds.name'), dataIndex: 'personName' },
          { title: t('trainingNeeds.studiedOn'), dataIndex: 'studiedOn' },
          { title: t('trainingNeeds.hours'), dataIndex: 'hours' },
          { title: t('trainingNeeds.description'), dataIndex: 'description' },
          {
            title: '',
            render: (_, r) => (
              <Space>
                <Button size="small" type="primary" onClick={() => decide.mutate({ id: r.id, approve: true }, { onError })}>
                  {t('trainingNeeds.approve')}
                </Button>
                <Button size="small" danger onClick={() => setRejecting(r.id)}>
                  {t('trainingNeeds.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={t('trainingNeeds.rejectReason')}
        okButtonProps={{ disabled: note.trim() === '' }}
        onCancel={() => setRejecting(null)}
        onOk={() =>
          rejecting &&
          decide.mutate(
            { id: rejecting, approve: false, note },
            {
              onSuccess: () => {
                setRejecting(null);
                setNote('');
              },
              onError,
            },
          )
        }
      >
        <Input.TextArea aria-label={t('trainingNeeds.rejectReason')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </Modal>
    </>
  );
}
