/**
 * /my-classes — the member's own training classes at phone width: the classes they are enrolled
 * in or applied to with each session and their attendance, leave requests before a session
 * starts, the outcome once completed, and the classes open for application.
 */
import { App, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { classOutcomeReasonLabels, enrolmentStatusLabels, type MyClasses } from '@pioneer/domain';
import dayjs from 'dayjs';
import { useState } from 'react';
import { classesApi } from '../../api/classes.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useClassMutation, useMyClass, useMyClasses } from './queries.ts';
import '../member-life/member-life.css';

type Summary = MyClasses['mine'][number];

export function MyClassesPage() {
  const { t } = useI18n();
  const mine = useMyClasses();
  const { message } = App.useApp();
  const enrol = useClassMutation((id: string) => classesApi.enrol(id));
  return (
    <div className="phone-page">
      <Typography.Title level={4}>{t('classes.myTitle')}</Typography.Title>
      <ErrorAlert error={mine.error} />
      {(mine.data?.mine ?? []).length === 0 && mine.data ? <Empty description={t('classes.noClasses')} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {(mine.data?.mine ?? []).map((c) => (
          <MyClassCard key={c.id} summary={c} />
        ))}
      </Space>
      {(mine.data?.open ?? []).length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('classes.myOpen')}
          </Typography.Title>
          <List
            dataSource={mine.data!.open}
            renderItem={(c) => (
              <List.Item
                actions={[
                  <Button key="enrol" size="small" type="primary" onClick={() => enrol.mutate(c.id, { onSuccess: () => void message.success(t('classes.enrolSent')), onError: (e) => void message.error(errorText(e, t)) })}>
                    {t('classes.enrol')}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={c.title} description={`${c.orgName} · ${c.firstDay ?? ''}`} />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </div>
  );
}

function MyClassCard({ summary }: { summary: Summary }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const detail = useMyClass(summary.id);
  // One reason per session: typing for one session must not fill in the others.
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const leave = useClassMutation(({ sessionId, reason }: { sessionId: string; reason: string }) => classesApi.requestLeave(sessionId, reason));
  const unleave = useClassMutation((sessionId: string) => classesApi.withdrawLeave(sessionId));
  const onError = (e: unknown) => void message.error(errorText(e, t));
  const now = dayjs();
  return (
    <Card size="small" title={summary.title} extra={summary.myStatus ? <Tag>{pick(enrolmentStatusLabels[summary.myStatus])}</Tag> : null} data-testid="my-class">
      <Typography.Text type="secondary">
        {summary.orgName} · {t('classes.hours')} {summary.totalHours}
      </Typography.Text>
      {summary.myOutcomeReason ? (
        <p>
          <Tag color={summary.myOutcome === 'completed' ? 'green' : 'red'}>{pick(classOutcomeReasonLabels[summary.myOutcomeReason])}</Tag>
        </p>
      ) : null}
      <List
        size="small"
        dataSource={detail.data?.sessions ?? []}
        renderItem={(s) => {
          const upcoming = dayjs(s.startsAt).isAfter(now) && summary.status === 'open' && summary.myStatus === 'enrolled';
          return (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text>
                  {dayjs(s.startsAt).format('MM-DD HH:mm')} {s.topic}（{s.hours}）
                </Typography.Text>
                <Space wrap>
                  {s.myStatus ? <Tag>{t(s.myStatus === 'present' ? 'classes.attPresent' : s.myStatus === 'leave' ? 'classes.attLeave' : 'classes.attAbsent')}</Tag> : null}
                  {upcoming && s.myStatus !== 'leave' && s.myStatus !== 'present' ? (
                    <Space.Compact>
                      <Input size="small" aria-label={`${s.topic} ${t('classes.leaveReason')}`} placeholder={t('classes.leaveReason')} value={reasons[s.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [s.id]: e.target.value })} />
                      <Button size="small" onClick={() => leave.mutate({ sessionId: s.id, reason: reasons[s.id] ?? '' }, { onError })}>
                        {t('classes.askLeave')}
                      </Button>
                    </Space.Compact>
                  ) : null}
                  {upcoming && s.myStatus === 'leave' ? (
                    <Button size="small" onClick={() => unleave.mutate(s.id, { onError })}>
                      {t('classes.withdrawLeave')}
                    </Button>
                  ) : null}
                </Space>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
