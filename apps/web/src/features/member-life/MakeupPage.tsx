/**
 * One make-up study assignment (补学) on a phone: the missed meeting's record to study (materials,
 * minutes, attachments) → "I have read them" → a short note → done. The order is the server's
 * rule (a note is refused before reading); the page only leads through it and shows its answers.
 */
import { App, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { activityKindLabels, makeupCompleteInput, makeupNoteLength, studyFormLabels, type MakeupDetail } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link, Navigate, useParams } from 'react-router';
import { makeupApi } from '../../api/makeup.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { saveFile } from '../../components/saveFile.ts';
import { schemaRule } from '../../components/zodRules.ts';
import { useI18n } from '../../i18n/index.tsx';
import { KindTag } from '../activities/components/ActivityTags.tsx';
import { useMakeupComplete, useMakeupRead, useMyMakeup } from './queries.ts';
import './member-life.css';

const TIME = 'YYYY-MM-DD HH:mm';

export function MakeupPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const makeup = useMyMakeup(id);
  return (
    <div className="phone-page">
      <Link to="/my-life?tab=makeup">
        <ArrowLeftOutlined /> {t('memberLife.backToList')}
      </Link>
      {makeup.isPending ? <Skeleton active /> : null}
      {makeup.isError ? <ErrorAlert error={makeup.error} style={{ marginTop: 12 }} /> : null}
      {makeup.data ? <MakeupStudy detail={makeup.data} /> : null}
    </div>
  );
}

/** The server's notifications link to /me/makeup/:id; the page lives with the rest of 我的组织生活. */
export function MakeupLinkRedirect() {
  const { id = '' } = useParams();
  return <Navigate to={`/my-life/makeup/${id}`} replace />;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function MakeupStudy({ detail }: { detail: MakeupDetail }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const read = useMakeupRead();
  const complete = useMakeupComplete();
  const [form] = Form.useForm<{ note: string }>();
  const done = detail.status === 'done';
  const step = done ? 2 : detail.readAt ? 1 : 0;

  const download = async (a: MakeupDetail['attachments'][number]) => {
    try {
      const file = await makeupApi.downloadAttachment(a.downloadUrl);
      saveFile(file.blob, file.filename ?? a.fileName);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 12 }}>
      <div>
        <Typography.Title level={4} style={{ marginBottom: 4 }}>
          {t('memberLife.makeupFor', { topic: detail.activityTopic })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('memberLife.makeupMissed', { date: detail.heldOn, kind: pick(activityKindLabels[detail.activityKind]) })}
        </Typography.Text>
      </div>
      <Steps
        size="small"
        responsive={false}
        titlePlacement="vertical"
        current={step}
        status={done ? 'finish' : 'process'}
        items={[{ title: t('memberLife.makeupStepRead') }, { title: t('memberLife.makeupStepNote') }, { title: t('memberLife.makeupStepDone') }]}
      />
      <Card size="small" title={t('memberLife.meeting')}>
        <Space size={4} wrap style={{ marginBottom: 8 }}>
          <KindTag kind={detail.activityKind} />
          {done ? <Tag color="success">{t('memberLife.makeupDone')}</Tag> : detail.overdue ? <Tag color="error">{t('memberLife.makeupOverdue')}</Tag> : null}
          {detail.dueOn && !done ? <Tag>{t('memberLife.makeupDue', { date: detail.dueOn })}</Tag> : null}
        </Space>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'org', label: t('activities.org'), children: detail.orgName },
            { key: 'held', label: t('activities.heldOn'), children: detail.heldOn },
            ...(detail.studyForm ? [{ key: 'form', label: t('record.studyForm'), children: pick(studyFormLabels[detail.studyForm]) }] : []),
            ...(detail.speakerName ? [{ key: 'speaker', label: t('record.speaker'), children: detail.speakerName }] : []),
            ...(detail.place ? [{ key: 'place', label: t('memberLife.where'), children: detail.place }] : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('memberLife.materials')}>
        {detail.materials ? (
          <p className="makeup-text">{detail.materials}</p>
        ) : (
          <Typography.Text type="secondary">{t('memberLife.noMaterials')}</Typography.Text>
        )}
      </Card>
      {detail.minutesExcerpt ? (
        <Card size="small" title={t('memberLife.minutes')}>
          <p className="makeup-text">
            {detail.minutesExcerpt}
            {detail.minutesTruncated ? '…' : ''}
          </p>
        </Card>
      ) : null}
      {detail.attachments.length ? (
        <Card size="small" title={t('memberLife.attachments')}>
          {detail.attachments.map((a) => (
            <div key={a.id} className="hours-entry">
              <span style={{ minWidth: 0, wordBreak: 'break-all' }}>
                <PaperClipOutlined /> {a.fileName} <span className="muted">{formatSize(a.sizeBytes)}</span>
              </span>
              <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(a)}>
                {t('memberLife.download')}
              </Button>
            </div>
          ))}
        </Card>
      ) : null}

      {done ? (
        <Result
          status="success"
          title={t('memberLife.makeupCompleted')}
          subTitle={detail.completedAt ? t('memberLife.completedAt', { time: dayjs(detail.completedAt).format(TIME) }) : undefined}
          extra={
            detail.note ? (
              <p className="makeup-text" style={{ textAlign: 'start' }}>
                {detail.note}
              </p>
            ) : null
          }
        />
      ) : detail.readAt ? (
        <Card
          size="small"
          title={t('memberLife.note')}
          extra={<span className="muted">{t('memberLife.readAt', { time: dayjs(detail.readAt).format(TIME) })}</span>}
        >
          <ErrorAlert error={complete.error} style={{ marginBottom: 12 }} />
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) =>
              complete.mutate({ id: detail.id, note: v.note.trim() }, { onSuccess: () => void message.success(t('memberLife.makeupCompleted')) })
            }
            disabled={complete.isPending}
          >
            <Form.Item
              name="note"
              label={t('memberLife.notePrompt', { min: makeupNoteLength.min })}
              rules={[schemaRule(makeupCompleteInput.shape.note, t, lang)]}
            >
              <Input.TextArea autoSize={{ minRows: 5 }} maxLength={makeupNoteLength.max} showCount placeholder={t('memberLife.notePlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={complete.isPending}>
              {t('memberLife.submitNote')}
            </Button>
          </Form>
        </Card>
      ) : (
        <>
          <ErrorAlert error={read.error} />
          <Button type="primary" block size="large" loading={read.isPending} onClick={() => read.mutate(detail.id)}>
            {t('memberLife.markRead')}
          </Button>
        </>
      )}
    </Space>
  );
}
