/**
 * A person's own teaching page (phone-width friendly): as a lecturer of the pool, the requests to
 * answer (accept, or decline with a reason), the accepted schedule and the feedback received
 * (ratings and comments without names); as a participant, the sessions attended with a lecturer of
 * the pool — party lessons and training-class sessions, each marked as such — each rated once.
 */
import { useState } from 'react';
import { App, Button, Card, Empty, Input, List, Modal, Rate, Space, Statistic, Tag } from 'antd';
import type { FeedbackSessionView, LecturerRequestView } from '@pioneer/domain';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useMyFeedback, useMyLecturer, useMyRequests, useMySessions, useTeacherMutations } from './queries.ts';

function RequestItem({ r, onDecline }: { r: LecturerRequestView; onDecline?: (r: LecturerRequestView) => void }) {
  const { t } = useI18n();
  const { accept } = useTeacherMutations();
  return (
    <List.Item
      actions={
        onDecline
          ? [
              <Button key="accept" type="primary" size="small" onClick={() => accept.mutate(r.id)} loading={accept.isPending}>
                {t('teachers.accept')}
              </Button>,
              <Button key="decline" size="small" onClick={() => onDecline(r)}>
                {t('teachers.decline')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={`${r.preferredDate} · ${r.orgName}`}
        description={
          <Space orientation="vertical" size={0}>
            <span>
              <Tag>{t(`teachers.target.${r.targetType}`)}</Tag>
              {r.purpose}
            </span>
            {r.courseTitle ? <span className="muted">{r.courseTitle}</span> : null}
          </Space>
        }
      />
    </List.Item>
  );
}

function LecturerSection() {
  const { t } = useI18n();
  const requests = useMyRequests(true);
  const feedback = useMyFeedback(true);
  const { decline } = useTeacherMutations();
  const [declining, setDeclining] = useState<LecturerRequestView | null>(null);
  const [reason, setReason] = useState('');
  const pending = (requests.data ?? []).filter((r) => r.status === 'pending');
  const schedule = (requests.data ?? []).filter((r) => r.status === 'accepted');
  const summary = feedback.data?.summary;
  return (
    <>
      <ErrorAlert error={requests.error ?? decline.error} style={{ marginBottom: 12 }} />
      <Card title={t('teachers.toAnswer')} style={{ marginBottom: 16 }}>
        <List dataSource={pending} locale={{ emptyText: t('teachers.noRequests') }} renderItem={(r) => <RequestItem r={r} onDecline={(x) => (setReason(''), setDeclining(x))} />} />
      </Card>
      <Card title={t('teachers.schedule')} style={{ marginBottom: 16 }}>
        <List dataSource={schedule} locale={{ emptyText: t('teachers.noRequests') }} renderItem={(r) => <RequestItem r={r} />} />
      </Card>
      <Card title={t('teachers.received')} style={{ marginBottom: 16 }}>
        <p className="muted">{t('teachers.feedbackPrivate')}</p>
        {summary ? (
          <Space size="large" style={{ marginBottom: 12 }}>
            <Statistic title={t('teachers.feedbackCount')} value={summary.count} />
            <Statistic title={t('teachers.feedbackAverage')} value={summary.average ?? '—'} />
          </Space>
        ) : null}
        <List
          dataSource={feedback.data?.items ?? []}
          locale={{ emptyText: t('teachers.noFeedback') }}
          renderItem={(f) => (
            <List.Item>
              <List.Item.Meta title={<Rate disabled value={f.rating} />} description={`${f.heldOn ?? ''} ${f.sessionTitle}${f.comment ? `：${f.comment}` : ''}`} />
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={declining !== null}
        title={t('teachers.decline')}
        onCancel={() => setDeclining(null)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => declining && decline.mutate({ id: declining.id, reason }, { onSuccess: () => setDeclining(null) })}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('teachers.declineReason')} aria-label={t('teachers.declineReason')} />
      </Modal>
    </>
  );
}

function RateSessions() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const sessions = useMySessions();
  const { feedback } = useTeacherMutations();
  const [rating, setRating] = useState<FeedbackSessionView | null>(null);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <Card title={t('teachers.rateTitle')}>
      <p className="muted">{t('teachers.rateHint')}</p>
      <ErrorAlert error={feedback.error} style={{ marginBottom: 12 }} />
      <List
        dataSource={sessions.data ?? []}
        locale={{ emptyText: t('teachers.noSessions') }}
        renderItem={(s) => (
          <List.Item
            actions={[
              s.rated ? (
                <Tag key="rated" color="success">
                  {t('teachers.rated')}
                </Tag>
              ) : (
                <Button key="rate" size="small" type="primary" onClick={() => (setStars(0), setComment(''), setRating(s))}>
                  {t('teachers.rate')}
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={s.title}
              description={
                <span>
                  <Tag>{t(`teachers.target.${s.sessionType}`)}</Tag>
                  {`${s.heldOn ?? ''} · ${s.lecturerName}`}
                </span>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={rating !== null}
        title={rating?.title}
        onCancel={() => setRating(null)}
        okButtonProps={{ disabled: stars === 0 }}
        confirmLoading={feedback.isPending}
        onOk={() =>
          rating &&
          feedback.mutate(
            { sessionType: rating.sessionType, sessionId: rating.sessionId, rating: stars, comment: comment || null },
            { onSuccess: () => (void message.success(t('teachers.thanks')), setRating(null)) },
          )
        }
      >
        <Rate value={stars} onChange={setStars} />
        <Input.TextArea style={{ marginTop: 12 }} rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('teachers.comment')} />
      </Modal>
    </Card>
  );
}

export function MyTeachingPage() {
  const { t } = useI18n();
  const lecturer = useMyLecturer();
  return (
    <div className="phone-page">
      {lecturer.data ? <LecturerSection /> : lecturer.isError ? <Empty description={t('teachers.notLecturer')} style={{ marginBottom: 16 }} /> : null}
      <RateSessions />
    </div>
  );
}
