/**
 * The people import wizard: choose the organisation and the file (from the downloadable template)
 * → read the dry-run report, every problem by row, column and reason in the UI language, and the
 * people that would change → confirm, writing every valid row or, if chosen, nothing unless all
 * rows are valid. The batch id sits in the address, so the report survives a reload; fixing the
 * file means uploading it again, which produces a fresh report.
 */
import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Form, Radio, Result, Space, Statistic, Steps, Table, Tabs, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { IMPORT_MAX_ROWS, type ImportMode, type ImportProblem, type ImportReport } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { importsApi } from '../../api/imports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { errorText } from '../../components/errors.ts';
import { saveFile } from '../../components/saveFile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCommitImport, useImportReport, useUploadRoster } from './queries.ts';

export function ImportWizardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batch');
  const report = useImportReport(batchId);
  const step = !batchId ? 0 : report.data?.status === 'committed' ? 2 : 1;

  const startOver = (orgId?: string) => setParams(orgId ? { orgId } : {});

  return (
    <Card title={t('import.title')}>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('import.stepUpload') }, { title: t('import.stepCheck') }, { title: t('import.stepDone') }]}
      />
      {!batchId ? <UploadStep initialOrgId={params.get('orgId')} onChecked={(r) => setParams({ batch: r.batchId })} /> : null}
      {batchId && report.isPending ? <Typography.Text type="secondary">{t('common.loading')}</Typography.Text> : null}
      {batchId && report.isError ? (
        <Result status="warning" title={<ErrorAlert error={report.error} />} extra={<Button onClick={() => startOver()}>{t('import.again')}</Button>} />
      ) : null}
      {report.data && report.data.status === 'dry_run' ? <ReportStep report={report.data} onUploadAgain={() => startOver(report.data.orgId)} /> : null}
      {report.data && report.data.status === 'committed' ? <DoneStep report={report.data} onAnother={() => startOver(report.data.orgId)} /> : null}
    </Card>
  );
}

function UploadStep({ initialOrgId, onChecked }: { initialOrgId: string | null; onChecked: (report: ImportReport) => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [orgId, setOrgId] = useState<string | null>(initialOrgId);
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadRoster();
  const [downloading, setDownloading] = useState(false);

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      const { blob, filename } = await importsApi.template();
      saveFile(blob, filename ?? 'people-template.xlsx');
    } catch (error) {
      modal.error({ title: t('import.templateFailed'), content: errorText(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Alert
        type="info"
        showIcon
        title={t('import.howTitle')}
        description={
          <ol className="import-how">
            <li>{t('import.how1')}</li>
            <li>{t('import.how2', { max: IMPORT_MAX_ROWS })}</li>
            <li>{t('import.how3')}</li>
          </ol>
        }
        action={
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void downloadTemplate()}>
            {t('import.template')}
          </Button>
        }
      />
      <Form layout="vertical">
        <Form.Item label={t('import.org')} required htmlFor="importOrg" extra={t('import.orgHint')}>
          <OrgSelect id="importOrg" value={orgId} onChange={(id) => setOrgId(id)} />
        </Form.Item>
        <Form.Item label={t('import.file')} required>
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
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      <ErrorAlert error={upload.error} />
      <Button type="primary" icon={<UploadOutlined />} disabled={!orgId || !file} loading={upload.isPending} onClick={() => orgId && file && upload.mutate({ orgId, file }, { onSuccess: onChecked })}>
        {t('import.check')}
      </Button>
    </Space>
  );
}

function Counts({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const c = report.counts;
  return (
    <div className="count-grid">
      <Card size="small"><Statistic title={t('import.countTotal')} value={report.totalRows} /></Card>
      <Card size="small"><Statistic title={t('import.countNew')} value={c.new} styles={{ content: { color: '#389e0d' } }} /></Card>
      <Card size="small"><Statistic title={t('import.countUpdate')} value={c.update} styles={{ content: { color: '#1677ff' } }} /></Card>
      <Card size="small"><Statistic title={t('import.countUnchanged')} value={c.unchanged} /></Card>
      <Card size="small"><Statistic title={t('import.countError')} value={c.error} styles={{ content: { color: c.error ? '#cf1322' : undefined } }} /></Card>
    </div>
  );
}

function ReportStep({ report, onUploadAgain }: { report: ImportReport; onUploadAgain: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const commit = useCommitImport();
  const [mode, setMode] = useState<ImportMode>('valid_rows');
  const writable = report.counts.new + report.counts.update;
  const blockedByErrors = mode === 'all_or_nothing' && report.counts.error > 0;

  const problemColumns: TableColumnsType<ImportProblem> = [
    { key: 'row', dataIndex: 'row', title: t('import.row'), width: 80, sorter: (a, b) => a.row - b.row, defaultSortOrder: 'ascend' },
    { key: 'column', dataIndex: 'column', title: t('import.column'), width: 140, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('import.wholeRow')}</Typography.Text> },
    { key: 'value', dataIndex: 'value', title: t('import.value'), width: 180, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { key: 'message', dataIndex: 'message', title: t('import.reason') },
  ];

  const confirm = () =>
    modal.confirm({
      title: t('import.confirmTitle'),
      content: mode === 'valid_rows' ? t('import.confirmValidRows', { rows: writable, skipped: report.counts.error }) : t('import.confirmAll', { rows: writable }),
      okText: t('import.commit'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync({ batchId: report.batchId, mode }).catch(() => undefined),
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'file', label: t('import.file'), children: report.fileName },
          { key: 'org', label: t('import.org'), children: report.orgName },
          { key: 'at', label: t('import.checkedAt'), children: dayjs(report.createdAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <Counts report={report} />
      {report.absentColumns.length > 0 ? <Alert type="warning" showIcon title={t('import.absentColumns', { columns: report.absentColumns.join('、') })} /> : null}
      {report.counts.error === 0 ? <Alert type="success" showIcon title={t('import.noProblems')} /> : null}
      <Tabs
        items={[
          {
            key: 'problems',
            label: t('import.problemsTab', { count: report.problems.length }),
            children: (
              <Table<ImportProblem>
                rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.code}`}
                size="small"
                columns={problemColumns}
                dataSource={report.problems}
                pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
                locale={{ emptyText: t('import.noProblems') }}
              />
            ),
          },
          {
            key: 'updates',
            label: t('import.updatesTab', { count: report.updates.length }),
            children: (
              <Table
                rowKey="row"
                size="small"
                dataSource={report.updates}
                pagination={{ pageSize: 50 }}
                columns={[
                  { key: 'row', dataIndex: 'row', title: t('import.row'), width: 80 },
                  { key: 'name', dataIndex: 'name', title: t('person.name'), width: 140 },
                  { key: 'columns', dataIndex: 'columns', title: t('import.changedColumns'), render: (cols: string[]) => <Space size={4} wrap>{cols.map((c) => <Tag key={c}>{c}</Tag>)}</Space> },
                ]}
              />
            ),
          },
        ]}
      />
      <Card size="small" title={t('import.modeTitle')}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
          <Space orientation="vertical">
            <Radio value="valid_rows">{t('import.modeValidRows')}</Radio>
            <Radio value="all_or_nothing">{t('import.modeAll')}</Radio>
          </Space>
        </Radio.Group>
        {blockedByErrors ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('import.blocked', { count: report.counts.error })} /> : null}
      </Card>
      <ErrorAlert error={commit.error} />
      <Space wrap>
        <Button type="primary" disabled={writable === 0 || blockedByErrors} loading={commit.isPending} onClick={confirm}>
          {t('import.commitRows', { rows: writable })}
        </Button>
        <Button icon={<UploadOutlined />} onClick={onUploadAgain}>
          {t('import.uploadFixed')}
        </Button>
      </Space>
    </Space>
  );
}

function DoneStep({ report, onAnother }: { report: ImportReport; onAnother: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t('import.doneTitle', { inserted: report.written?.inserted ?? 0, updated: report.written?.updated ?? 0 })}
      subTitle={t('import.doneSub', { org: report.orgName, skipped: report.mode === 'valid_rows' ? report.counts.error : 0 })}
      extra={[
        <Link key="org" to={`/orgs/${report.orgId}`}>
          <Button type="primary">{t('import.toOrg')}</Button>
        </Link>,
        <Button key="again" onClick={onAnother}>
          {t('import.another')}
        </Button>,
      ]}
    />
  );
}
