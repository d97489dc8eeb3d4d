/**
 * Drill-down, step 1: one organisation in the dashboard's period — the server's verdict on each
 * requirement (with the article it rests on), its attendance, and the held activities that were
 * counted. A click on an activity opens step 2, its attendance record.
 */
import { Alert, Button, Descriptions, Drawer, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { studyFormLabels, type CountedActivity, type VerdictView } from '@pioneer/domain';
import { FullPageSpin } from '../../app/guards.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { KindTag } from '../activities/components/ActivityTags.tsx';
import { ActivityRecordDrawer } from './ActivityRecordDrawer.tsx';
import { MetTag, useOrgKindLabel } from './components/Verdicts.tsx';
import { useOrgCompliance } from './queries.ts';
import { percent } from './shape.ts';

type Props = {
  orgId: string;
  period: string;
  activityId: string | null;
  onOpenActivity: (id: string) => void;
  onCloseActivity: () => void;
  onClose: () => void;
};

export function OrgComplianceDrawer({ orgId, period, activityId, onOpenActivity, onCloseActivity, onClose }: Props) {
  const { t, pick } = useI18n();
  const orgKindLabel = useOrgKindLabel();
  const org = useOrgCompliance(orgId, period);
  const o = org.data;

  const verdictColumns: TableColumnsType<VerdictView> = [
    { key: 'met', title: t('compliance.verdict'), width: 90, render: (_, v) => <MetTag met={v.met} /> },
    {
      key: 'text',
      title: t('compliance.requirement'),
      render: (_, v) => (
        <Space size={4}>
          <span>{v.text}</span>
          <Tooltip title={v.source}>
            <InfoCircleOutlined className="muted" aria-label={t('compliance.source')} />
          </Tooltip>
        </Space>
      ),
    },
    { key: 'count', title: t('compliance.doneRequired'), width: 110, render: (_, v) => `${v.done} / ${v.required}` },
  ];

  const activityColumns: TableColumnsType<CountedActivity> = [
    { key: 'heldOn', title: t('compliance.heldOn'), dataIndex: 'heldOn', width: 110 },
    { key: 'kind', title: t('compliance.activityKind'), width: 150, render: (_, a) => <KindTag kind={a.kind} /> },
    {
      key: 'topic',
      title: t('compliance.topic'),
      render: (_, a) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => onOpenActivity(a.id)}>
          {a.topic}
          {a.studyForm ? <span className="muted"> · {pick(studyFormLabels[a.studyForm])}</span> : null}
        </Button>
      ),
    },
    { key: 'attendance', title: t('compliance.presentExpected'), width: 110, render: (_, a) => `${a.present} / ${a.expected}` },
  ];

  return (
    <Drawer open onClose={onClose} size="large" title={o ? t('compliance.orgDrillTitle', { org: o.orgName, period: o.periodLabel }) : t('compliance.thisOrg')}>
      {org.isPending ? <FullPageSpin /> : null}
      <ErrorAlert error={org.error} />
      {o ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {!o.judged ? (
            <Alert type="info" showIcon title={t('compliance.orgNotJudged')} />
          ) : (
            <Alert type={o.allMet ? 'success' : 'warning'} showIcon title={o.allMet ? t('compliance.orgAllMet') : t('compliance.orgShort')} />
          )}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('compliance.org')}>{o.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.orgKind')}>{orgKindLabel(o.orgKind)}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.kpiAttendance')}>{percent(o.attendance.rate)}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.presentExpected')}>{t('compliance.attendanceCounts', { present: o.attendance.present, expected: o.attendance.expected })}</Descriptions.Item>
          </Descriptions>
          {o.verdicts.length ? (
            <section>
              <Typography.Title level={5}>{t('compliance.verdictsTitle')}</Typography.Title>
              <Table<VerdictView> rowKey="requirementId" size="small" pagination={false} columns={verdictColumns} dataSource={o.verdicts} />
            </section>
          ) : null}
          <section>
            <Typography.Title level={5}>{t('compliance.activitiesTitle', { count: o.activities.length })}</Typography.Title>
            <Table<CountedActivity>
              rowKey="id"
              size="small"
              columns={activityColumns}
              dataSource={o.activities}
              locale={{ emptyText: t('compliance.noActivities') }}
              pagination={o.activities.length > 10 ? { pageSize: 10 } : false}
            />
          </section>
        </Space>
      ) : null}
      {activityId ? <ActivityRecordDrawer id={activityId} onClose={onCloseActivity} /> : null}
    </Drawer>
  );
}
