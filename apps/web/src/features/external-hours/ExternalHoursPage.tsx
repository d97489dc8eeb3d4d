/**
 * External study hours (外部学时导入): choose the organisation and the file (from the downloadable
 * template) → read the dry-run report, every problem and duplicate by row, column and reason in the
 * UI language, and the records that would be credited → confirm, crediting the valid rows or, if
 * chosen, nothing unless all rows are valid. The history tab lists a subtree's batches, each
 * reversible with a reason. The batch id sits in the address, so a report survives a reload.
 */
import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Result, Space, Statistic, Steps, Table, Tabs, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { EXTERNAL_HOURS_MAX_ROWS, type ExternalHoursAccepted, type ExternalHoursBatchSummary, type ExternalHoursProblem, type ExternalHoursReport, type ImportMode } from '@pioneer/domain';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { externalHoursApi } from '../../api/external-hours.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { saveFile } from '../../components/saveFile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCommitExternalHours, useExternalHoursBatches, useExternalHoursReport, useReverseExternalHours, useUploadExternalHours } from './queries.ts';

export function ExternalHoursPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'import';
  const orgId = params.get('orgId');
  return (
    <Card title={t('externalHours.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'history' ? { tab: 'history', ...(orgId ? { orgId } : {}) } : orgId ? { orgId } : {})}
        items={[
          { key: 'import', label: t('externalHours.tabImport'), children: <ImportTab /> },
          { key: 'history', label: t('externalHours.tabHistory'), children: <HistoryTab /> },
        ]}
      />
    </Card>
  );
}

function ImportTab() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batch');
  const report = useExternalHoursReport(batchId);
  const step = !batchId ? 0 : report.data && report.data.status !== 'dry_run' ? 2 : 1;
  const startOver = (orgId?: string) => setParams(orgId ? { orgId } : {});
  return (
    <>
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: t('import.stepUpload') }, { title: t('import.stepCheck') }, { title: t('import.stepDone') }]} />
      {!batchId ? <UploadStep initialOrgId={params.get('orgId')} onChecked={(r) => setParams({ batch: r.batchId })} /> : null}
      {batchId && report.isPending ? <Typography.Text type="secondary">{t('common.loading')}</Typography.Text> : null}
      {batchId && report.isError ? <Result status="warning" title={<ErrorAlert error={report.error} />} extra={<Button onClick={() => startOver()}>{t('externalHours.again')}</Button>} /> : null}
      {report.data && report.data.status === 'dry_run' ? <ReportStep report={report.data} onUploadAgain={() => startOver(report.data.orgId)} /> : null}
      {report.data && report.data.status !== 'dry_run' ? (
        <DoneStep report={report.data} onAnother={() => startOver(report.data.orgId)} onHistory={() => setParams({ tab: 'history', orgId: report.data.orgId })} />
      ) : null}
    </>
  );
}

function UploadStep({ initialOrgId, onChecked }: { initialOrgId: string | null; onChecked: (report: ExternalHoursReport) => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [orgId, setOrgId] = useState<string | null>(initialOrgId);
  const [file, setFile] = useState<File | null>(null);
  const [downloading, setDownloading] = useState(false);
  const upload = useUploadExternalHours();

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      const { blob, filename } = await externalHoursApi.template();
      saveFile(blob, filename ?? 'external-hours-template.xlsx');
    } catch (error) {
      modal.error({ title: t('externalHours.templateFailed'), content: errorText(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 760 }}>
      <Alert
        type="info"
        showIcon
        title={t('externalHours.howTitle')}
        description={
          <ol className="import-how">
            <li>{t('externalHours.how1')}</li>
            <li>{t('externalHours.how2', { max: EXTERNAL_HOURS_MAX_ROWS })}</li>
            <li>{t('externalHours.how3')}</li>
          </ol>
        }
        action={
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void downloadTemplate()}>
            {t('externalHours.template')}
          </Button>
        }
      />
      <Form layout="vertical">
        <Form.Item label={t('externalHours.org')} required htmlFor="externalHoursOrg" extra={t('externalHours.orgHint')}>
          <OrgSelect id="externalHoursOrg" value={orgId} onChange={(id) => setOrgId(id)} />
        </Form.Item>
        <Form.Item label={t('externalHours.file')} required>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => {
              setFile(f);
              // Kept in the page until the user presses "check": nothing is sent on drop.
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('externalHours.drop')}</p>
            <p className="ant-upload-hint">{t('externalHours.dropHint')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      <ErrorAlert error={upload.error} />
      <Button type="primary" icon={<UploadOutlined />} disabled={!orgId || !file} loading={upload.isPending} onClick={() => orgId && file && upload.mutate({ orgId, file }, { onSuccess: onChecked })}>
        {t('externalHours.check')}
      </Button>
    </Space>
  );
}

function ReportStep({ report, onUploadAgain }: { report: ExternalHoursReport; onUploadAgain: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const commit = useCommitExternalHours();
  const [mode, setMode] = useState<ImportMode>('valid_rows');
  const c = report.counts;
  const blocked = mode === 'all_or_nothing' && c.error > 0;

  const problemColumns: TableColumnsType<ExternalHoursProblem> = [
    { key: 'row', dataIndex: 'row', title: t('externalHours.row'), width: 72, sorter: (a, b) => a.row - b.row, defaultSortOrder: 'ascend' },
    {
      key: 'severity',
      dataIndex: 'severity',
      title: t('externalHours.severity'),
      width: 90,
      render: (s: ExternalHoursProblem['severity']) => (s === 'error' ? <Tag color="red">{t('externalHours.severityError')}</Tag> : <Tag color="gold">{t('externalHours.severityDuplicate')}</Tag>),
    },
    { key: 'column', dataIndex: 'column', title: t('externalHours.column'), width: 130, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('externalHours.wholeRow')}</Typography.Text> },
    { key: 'value', dataIndex: 'value', title: t('externalHours.value'), width: 170, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { key: 'message', dataIndex: 'message', title: t('externalHours.reason') },
  ];

  const confirm = () =>
    modal.confirm({
      title: t('externalHours.confirmTitle'),
      content: t('externalHours.confirmContent', { rows: c.accepted, skipped: c.error + c.duplicate }),
      okText: t('externalHours.commit'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync({ batchId: report.batchId, mode }).catch(() => undefined),
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'file', label: t('externalHours.file'), children: report.fileName },
          { key: 'org', label: t('externalHours.org'), children: report.orgName },
          { key: 'at', label: t('externalHours.checkedAt'), children: dayjs(report.createdAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <div className="count-grid">
        <Card size="small"><Statistic title={t('externalHours.countTotal')} value={report.totalRows} /></Card>
        <Card size="small"><Statistic title={t('externalHours.countAccepted')} value={c.accepted} styles={{ content: { color: '#389e0d' } }} /></Card>
        <Card size="small"><Statistic title={t('externalHours.countDuplicate')} value={c.duplicate} styles={{ content: { color: c.duplicate ? '#d48806' : undefined } }} /></Card>
        <Card size="small"><Statistic title={t('externalHours.countError')} value={c.error} styles={{ content: { color: c.error ? '#cf1322' : undefined } }} /></Card>
      </div>
      {report.absentColumns.length > 0 ? <Alert type="info" showIcon title={t('externalHours.absentColumns', { columns: report.absentColumns.join('、') })} /> : null}
      {c.error === 0 ? <Alert type="success" showIcon title={t('externalHours.noProblems')} /> : null}
      <Tabs
        items={[
          {
            key: 'problems',
            label: t('externalHours.problemsTab', { count: report.problems.length }),
            children: (
              <Table<ExternalHoursProblem>
                rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.code}`}
                size="small"
                columns={problemColumns}
                dataSource={report.problems}
                pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
                locale={{ emptyText: t('externalHours.noProblems') }}
              />
            ),
          },
          { key: 'accepted', label: t('externalHours.acceptedTab', { count: report.accepted.length }), children: <AcceptedTable rows={report.accepted} /> },
        ]}
      />
      <Card size="small" title={t('externalHours.modeTitle')}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
          <Space orientation="vertical">
            <Radio value="valid_rows">{t('externalHours.modeValidRows')}</Radio>
            <Radio value="all_or_nothing">{t('externalHours.modeAll')}</Radio>
          </Space>
        </Radio.Group>
        {blocked ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('externalHours.blocked', { count: c.error })} /> : null}
      </Card>
      <ErrorAlert error={commit.error} />
      <Space wrap>
        <Button type="primary" disabled={c.accepted === 0 || blocked} loading={commit.isPending} onClick={confirm}>
          {t('externalHours.commitRows', { rows: c.accepted })}
        </Button>
        <Button icon={<UploadOutlined />} onClick={onUploadAgain}>
          {t('externalHours.uploadFixed')}
        </Button>
      </Space>
    </Space>
  );
}

function AcceptedTable({ rows }: { rows: ExternalHoursAccepted[] }) {
  const { t } = useI18n();
  return (
    <Table<ExternalHoursAccepted>
      rowKey="row"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
      scroll={{ x: 900 }}
      columns={[
        { key: 'row', dataIndex: 'row', title: t('externalHours.row'), width: 72 },
        { key: 'name', dataIndex: 'personName', title: t('externalHours.person'), width: 110 },
        { key: 'org', dataIndex: 'orgName', title: t('externalHours.personOrg'), width: 180 },
        { key: 'platform', dataIndex: 'platform', title: t('externalHours.platform'), width: 130 },
        { key: 'course', dataIndex: 'course', title: t('externalHours.course') },
        { key: 'completedOn', dataIndex: 'completedOn', title: t('externalHours.completedOn'), width: 110 },
        { key: 'hours', dataIndex: 'hours', title: t('externalHours.hours'), width: 70, align: 'right' },
        {
          key: 'centralised',
          title: t('externalHours.centralised'),
          width: 100,
          render: (_, r) => (r.centralised ? <Tag color="blue">{r.level === 'county' ? t('externalHours.levelCounty') : t('externalHours.levelUnit')}</Tag> : '—'),
        },
      ]}
    />
  );
}

function DoneStep({ report, onAnother, onHistory }: { report: ExternalHoursReport; onAnother: () => void; onHistory: () => void }) {
  const { t } = useI18n();
  const w = report.written ?? { credited: 0, hours: 0, completions: 0 };
  const extra = [
    <Button key="history" type="primary" onClick={onHistory}>
      {t('externalHours.toHistory')}
    </Button>,
    <Button key="again" onClick={onAnother}>
      {t('externalHours.another')}
    </Button>,
  ];
  if (report.status === 'reversed') {
    return <Result status="info" title={t('externalHours.reversedTitle')} subTitle={t('externalHours.reversedSub', { reason: report.reversalReason ?? '' })} extra={extra} />;
  }
  return (
    <Result
      status="success"
      title={t('externalHours.doneTitle', { credited: w.credited, hours: w.hours })}
      subTitle={t('externalHours.doneSub', { completions: w.completions, skipped: report.totalRows - w.credited })}
      extra={extra}
    />
  );
}

function HistoryTab() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId');
  const batches = useExternalHoursBatches(orgId);
  const reverse = useReverseExternalHours();
  const [reversing, setReversing] = useState<ExternalHoursBatchSummary | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const statusTag = (s: ExternalHoursBatchSummary['status']) =>
    s === 'committed' ? <Tag color="green">{t('externalHours.statusCommitted')}</Tag> : s === 'reversed' ? <Tag>{t('externalHours.statusReversed')}</Tag> : <Tag color="gold">{t('externalHours.statusDryRun')}</Tag>;

  const columns: TableColumnsType<ExternalHoursBatchSummary> = [
    {
      key: 'file',
      title: t('externalHours.batchFile'),
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <span>{b.fileName}</span>
          <span className="muted">{b.orgName}</span>
        </Space>
      ),
    },
    {
      key: 'created',
      title: t('externalHours.batchCreated'),
      width: 160,
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <span>{dayjs(b.createdAt).format('YYYY-MM-DD HH:mm')}</span>
          <span className="muted">{b.createdBy}</span>
        </Space>
      ),
    },
    { key: 'status', title: t('externalHours.batchStatus'), width: 100, render: (_, b) => statusTag(b.status) },
    { key: 'result', title: t('externalHours.batchResult'), width: 160, render: (_, b) => (b.written ? t('externalHours.batchResultText', { credited: b.written.credited, hours: b.written.hours }) : '—') },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      render: (_, b) => (
        <Space>
          <Button size="small" onClick={() => setParams({ batch: b.batchId })}>
            {t('externalHours.view')}
          </Button>
          {b.status === 'committed' ? (
            <Button size="small" danger onClick={() => setReversing(b)}>
              {t('externalHours.reverse')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const submitReverse = async () => {
    const { reason } = await form.validateFields();
    if (!reversing) return;
    reverse.mutate(
      { batchId: reversing.batchId, reason },
      {
        onSuccess: () => {
          setReversing(null);
          form.resetFields();
          void message.success(t('externalHours.reversed'));
        },
        onError: (error) => modal.error({ title: t('externalHours.reverseFailed'), content: errorText(error, t) }),
      },
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label={t('externalHours.historyOrg')} htmlFor="externalHoursHistoryOrg">
          <OrgSelect id="externalHoursHistoryOrg" value={orgId} onChange={(id) => setParams(id ? { tab: 'history', orgId: id } : { tab: 'history' })} />
        </Form.Item>
      </Form>
      <ErrorAlert error={batches.error} />
      <Table<ExternalHoursBatchSummary>
        rowKey="batchId"
        size="small"
        loading={batches.isFetching}
        columns={columns}
        dataSource={batches.data ?? []}
        locale={{ emptyText: t('externalHours.historyEmpty') }}
        pagination={{ pageSize: 20 }}
      />
      <Modal
        open={reversing !== null}
        title={t('externalHours.reverseTitle')}
        okText={t('externalHours.reverse')}
        okButtonProps={{ danger: true, loading: reverse.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => void submitReverse().catch(() => undefined)}
        onCancel={() => setReversing(null)}
      >
        <Typography.Paragraph>{t('externalHours.reverseHint')}</Typography.Paragraph>
        {reversing ? <Typography.Paragraph type="secondary">{reversing.fileName}</Typography.Paragraph> : null}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('externalHours.reverseReason')} rules={[{ required: true, whitespace: true, message: t('externalHours.reverseReasonRequired') }, { max: 200 }]}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
