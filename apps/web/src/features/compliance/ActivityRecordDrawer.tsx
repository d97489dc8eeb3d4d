/**
 * Drill-down, step 2: one activity's record as the working committee reads it — when, where, who
 * spoke, the counts, every attendee with their status (leading cadres appear with their own
 * branch: dual organisational life), guests and auditors, resolutions with the server's verdict.
 * Read-only: a secretary edits the record on the activity's own page, linked from here.
 */
import { Button, Descriptions, Drawer, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { guestKindLabels, studyFormLabels, type ActivityAttendeeView, type AttendeeRole } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { FullPageSpin } from '../../app/guards.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ActivityStatusTag, AttendanceTag, KindTag } from '../activities/components/ActivityTags.tsx';
import { useActivity } from '../activities/queries.ts';

const roleLabel: Record<AttendeeRole, MessageKey> = { expected: 'compliance.roleExpected', guest: 'compliance.roleGuest', auditor: 'compliance.roleAuditor' };
const viaLabel: Record<NonNullable<ActivityAttendeeView['markedVia']>, MessageKey> = {
  secretary: 'compliance.viaSecretary',
  qr: 'compliance.viaQr',
  leave_request: 'compliance.viaLeaveRequest',
};

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

export function ActivityRecordDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, pick } = useI18n();
  const record = useActivity(id);
  const a = record.data;

  const columns: TableColumnsType<ActivityAttendeeView> = [
    {
      key: 'name',
      title: t('compliance.attendee'),
      width: 120,
      render: (_, p) => (
        <Space size={4}>
          <span>{p.name}</span>
          {p.voting ? null : <Tag>{t('compliance.nonVoting')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'org',
      title: t('compliance.attendeeOrg'),
      render: (_, p) => (
        <Space size={4} wrap>
          <span>{p.orgName}</span>
          {/* A member of a central group attends with their leadership body and belongs to their own branch. */}
          {a && p.orgId !== a.orgId && p.role === 'expected' ? <Tag color="blue">{t('compliance.ownBranch')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'role', title: t('compliance.attendeeRole'), width: 110, render: (_, p) => t(roleLabel[p.role]) },
    { key: 'status', title: t('compliance.attendance'), width: 100, render: (_, p) => <AttendanceTag status={p.status} /> },
    {
      key: 'detail',
      title: t('compliance.attendanceDetail'),
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          {p.leaveReason ? <span>{t('compliance.leaveReason', { reason: p.leaveReason })}</span> : null}
          {/* The moment only means something for a sign-in by the member; a secretary's mark says who marked. */}
          {p.markedVia === 'qr' && p.signedInAt ? <span className="muted">{t('compliance.signedInAt', { time: time(p.signedInAt) })}</span> : null}
          {p.markedVia ? <span className="muted">{t(viaLabel[p.markedVia])}</span> : null}
        </Space>
      ),
    },
  ];

  const namedGuests = a?.guests.filter((g) => g.personId === null) ?? [];
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={a ? a.topic : t('compliance.activityRecord')}
      extra={
        a?.canManage ? (
          <Link to={`/activities/${a.id}`}>
            <Button icon={<EditOutlined />}>{t('compliance.openRecord')}</Button>
          </Link>
        ) : null
      }
    >
      {record.isPending ? <FullPageSpin /> : null}
      <ErrorAlert error={record.error} />
      {a ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('compliance.activityKind')}>
              <Space size={4}>
                <KindTag kind={a.kind} />
                <ActivityStatusTag status={a.status} />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('compliance.org')}>{a.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.when')} span={2}>
              {a.actualStart ? `${time(a.actualStart)}${a.actualEnd ? ` – ${dayjs(a.actualEnd).format('HH:mm')}` : ''}` : time(a.plannedStart)}
            </Descriptions.Item>
            <Descriptions.Item label={t('compliance.where')} span={2}>
              {[a.place, a.onlineLink].filter(Boolean).join(' · ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('compliance.studyForm')}>{a.studyForm ? pick(studyFormLabels[a.studyForm]) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.speaker')}>{a.speakerName ?? '—'}</Descriptions.Item>
            {a.centralGroup ? <Descriptions.Item label={t('compliance.centralGroup')} span={2}>{a.centralGroup.name}</Descriptions.Item> : null}
            {a.partnerOrgs.length ? <Descriptions.Item label={t('compliance.partnerOrgs')} span={2}>{a.partnerOrgs.map((o) => o.name).join('、')}</Descriptions.Item> : null}
            <Descriptions.Item label={t('compliance.creditHours')}>{a.creditHours ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.counts')}>
              {t('compliance.countsLine', { expected: a.counts.expected, present: a.counts.present, absent: a.counts.absent, leave: a.counts.leave, pending: a.counts.pending })}
            </Descriptions.Item>
          </Descriptions>

          <section>
            <Typography.Title level={5}>{t('compliance.attendeesTitle', { count: a.attendees.length })}</Typography.Title>
            <Table<ActivityAttendeeView>
              rowKey="personId"
              size="small"
              columns={columns}
              dataSource={a.attendees}
              pagination={a.attendees.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: 720 }}
            />
          </section>

          {namedGuests.length ? (
            <section>
              <Typography.Title level={5}>{t('compliance.guestsTitle')}</Typography.Title>
              <List
                size="small"
                dataSource={namedGuests}
                renderItem={(g) => (
                  <List.Item>
                    <Space size={4} wrap>
                      <Tag>{pick(guestKindLabels[g.kind])}</Tag>
                      <span>{g.name}</span>
                      {g.unit ? <span className="muted">{g.unit}</span> : null}
                      {g.note ? <span className="muted">{g.note}</span> : null}
                    </Space>
                  </List.Item>
                )}
              />
            </section>
          ) : null}

          {a.resolutions.length ? (
            <section>
              <Typography.Title level={5}>{t('compliance.resolutionsTitle')}</Typography.Title>
              <List
                size="small"
                dataSource={a.resolutions}
                renderItem={(r) => (
                  <List.Item>
                    <Space orientation="vertical" size={0}>
                      <Space size={4}>
                        <Tag color={r.passed ? 'success' : 'error'}>{r.passed ? t('compliance.passed') : t('compliance.notPassed')}</Tag>
                        <strong>{r.title}</strong>
                      </Space>
                      <span className="muted">{pick(r.verdict)}</span>
                    </Space>
                  </List.Item>
                )}
              />
            </section>
          ) : null}

          {a.minutes ? (
            <section>
              <Typography.Title level={5}>{t('compliance.minutes')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 6, expandable: true, symbol: t('compliance.more') }}>
                {a.minutes}
              </Typography.Paragraph>
            </section>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
