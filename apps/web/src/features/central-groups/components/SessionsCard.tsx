/**
 * The group's study sessions of the year (central-group study activities, recorded like any other
 * activity): open a session's record, submit its one-study-one-report (一学一报) with one action
 * once it is held, and see its auditors (列席旁听) — the working committee assigns them there.
 */
import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table } from 'antd';
import { AuditOutlined, SendOutlined } from '@ant-design/icons';
import { studyFormLabels, type ActivitySummary } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { ActivityStatusTag } from '../../activities/components/ActivityTags.tsx';
import { ActivityRecordDrawer } from '../../compliance/ActivityRecordDrawer.tsx';
import { useGroupSessions, useSubmitStudyReport } from '../queries.ts';
import { SessionAuditorsModal } from './SessionAuditorsModal.tsx';

type Props = { groupId: string; orgId: string; year: number; manage: boolean; committeeOfficer: boolean };

export function SessionsCard({ groupId, orgId, year, manage, committeeOfficer }: Props) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const sessions = useGroupSessions(orgId, year);
  const report = useSubmitStudyReport();
  const [open, setOpen] = useState<string | null>(null);
  const [auditing, setAuditing] = useState<ActivitySummary | null>(null);
  // The organisation's subtree may hold other groups' sessions: only this group's are listed.
  const rows = (sessions.data?.items ?? []).filter((a) => a.centralGroupId === groupId);

  const onReport = (a: ActivitySummary) =>
    report.mutate(a.id, {
      onSuccess: (r) => void message.success(t('cg.reportSubmitted', { version: r.version })),
      onError: (error) => modal.error({ title: t('cg.reportFailed'), content: errorText(error, t) }),
    });

  return (
    <Card size="small" title={t('cg.sessionsTitle', { year, count: rows.length })} extra={manage ? <Link to="/activities">{t('cg.planSession')}</Link> : null}>
      <ErrorAlert error={sessions.error} style={{ marginBottom: 12 }} />
      <Table<ActivitySummary>
        rowKey="id"
        size="small"
        loading={sessions.isFetching}
        dataSource={rows}
        locale={{ emptyText: t('cg.noSessions') }}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { key: 'day', title: t('cg.sessionDay'), width: 110, render: (_, a) => a.heldOn ?? dayjs(a.plannedStart).format('YYYY-MM-DD') },
          {
            key: 'topic',
            title: t('compliance.topic'),
            render: (_, a) => (
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setOpen(a.id)}>
                {a.topic}
              </Button>
            ),
          },
          { key: 'form', title: t('compliance.studyForm'), width: 110, render: (_, a) => (a.studyForm ? pick(studyFormLabels[a.studyForm]) : '—') },
          { key: 'status', title: t('activities.status'), width: 90, render: (_, a) => <ActivityStatusTag status={a.status} /> },
          { key: 'counts', title: t('compliance.presentExpected'), width: 100, render: (_, a) => (a.status === 'held' ? `${a.counts.present} / ${a.counts.expected}` : '—') },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 230,
            render: (_, a) => (
              <Space size={4} wrap>
                {manage && a.status === 'held' ? (
                  <Popconfirm title={t('cg.reportConfirm')} okText={t('cg.reportSubmit')} cancelText={t('common.cancel')} onConfirm={() => onReport(a)}>
                    <Button size="small" icon={<SendOutlined />}>
                      {t('cg.reportSubmit')}
                    </Button>
                  </Popconfirm>
                ) : null}
                {manage && a.status !== 'cancelled' ? (
                  <Button size="small" icon={<AuditOutlined />} onClick={() => setAuditing(a)}>
                    {t('cg.auditors')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {open ? <ActivityRecordDrawer id={open} onClose={() => setOpen(null)} /> : null}
      {auditing ? <SessionAuditorsModal session={auditing} committeeOfficer={committeeOfficer} onClose={() => setAuditing(null)} /> : null}
    </Card>
  );
}
