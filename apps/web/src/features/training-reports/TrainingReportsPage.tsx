/**
 * Training exports: for managers, the hours ledger and the training statistics of a chosen subtree
 * and year as Excel files; for a member, their own annual study record as a PDF
 * (MyStudyRecordPage). The files are the server's; these pages only choose and download them.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Select, Space, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { trainingReportsApi } from '../../api/training-reports.ts';
import { errorText } from '../../components/errors.ts';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { homeOrgOf } from '../../components/scope.ts';
import { saveFile } from '../../components/saveFile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';

/** This year and the four before it: the years a ledger is usually asked for. */
const recentYears = () => {
  const now = dayjs().year();
  return Array.from({ length: 5 }, (_, i) => now - i);
};

function useDownload() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  return useMutation({
    mutationFn: async ({ fetchFile, fallback }: { fetchFile: () => Promise<{ blob: Blob; filename: string | null }>; fallback: string }) => {
      const { blob, filename } = await fetchFile();
      saveFile(blob, filename ?? fallback);
    },
    onError: (error) => modal.error({ title: t('trainingReports.downloadFailed'), content: errorText(error, t) }),
  });
}

function YearSelect({ value, onChange, id }: { value: number; onChange: (year: number) => void; id?: string }) {
  return <Select id={id} style={{ width: 120 }} value={value} onChange={onChange} options={recentYears().map((y) => ({ value: y, label: String(y) }))} />;
}

export function TrainingReportsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  // A manager starts at the organisation they were granted, as the other managers' pages do.
  const [orgId, setOrgId] = useState<string | null>(() => homeOrgOf(me));
  const [year, setYear] = useState(dayjs().year());
  const download = useDownload();
  const running = download.isPending ? download.variables?.fallback : null;
  return (
    <Card title={t('trainingReports.title')}>
      <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 760 }}>
        <Typography.Paragraph type="secondary">{t('trainingReports.hint')}</Typography.Paragraph>
        <Form layout="inline">
          <Form.Item label={t('trainingReports.org')} htmlFor="trainingReportsOrg">
            <OrgSelect id="trainingReportsOrg" value={orgId} onChange={(id) => setOrgId(id)} />
          </Form.Item>
          <Form.Item label={t('trainingReports.year')} htmlFor="trainingReportsYear">
            <YearSelect id="trainingReportsYear" value={year} onChange={setYear} />
          </Form.Item>
        </Form>
        <Space orientation="vertical" size="middle">
          <div>
            <Button
              type="primary"
              icon={<FileExcelOutlined />}
              disabled={!orgId}
              loading={running === 'training-ledger.xlsx'}
              onClick={() => orgId && download.mutate({ fetchFile: () => trainingReportsApi.ledger(orgId, year), fallback: 'training-ledger.xlsx' })}
            >
              {t('trainingReports.ledger')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              {t('trainingReports.ledgerHint')}
            </Typography.Paragraph>
          </div>
          <div>
            <Button
              icon={<FileExcelOutlined />}
              disabled={!orgId}
              loading={running === 'training-statistics.xlsx'}
              onClick={() => orgId && download.mutate({ fetchFile: () => trainingReportsApi.statistics(orgId, year), fallback: 'training-statistics.xlsx' })}
            >
              {t('trainingReports.statistics')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              {t('trainingReports.statisticsHint')}
            </Typography.Paragraph>
          </div>
        </Space>
      </Space>
    </Card>
  );
}

/** The member's own download, phone-width friendly; also usable inside another page. */
export function MyStudyRecordDownload() {
  const { t } = useI18n();
  const [year, setYear] = useState(dayjs().year());
  const download = useDownload();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('trainingReports.myHint')}</Typography.Paragraph>
      <Space wrap>
        <YearSelect value={year} onChange={setYear} />
        <Button type="primary" icon={<FilePdfOutlined />} loading={download.isPending} onClick={() => download.mutate({ fetchFile: () => trainingReportsApi.myRecord(year), fallback: `study-record-${year}.pdf` })}>
          {t('trainingReports.myDownload', { year })}
        </Button>
      </Space>
    </Space>
  );
}

export function MyStudyRecordPage() {
  const { t } = useI18n();
  return (
    <Card title={t('trainingReports.myTitle')} style={{ maxWidth: 560 }}>
      <MyStudyRecordDownload />
    </Card>
  );
}
