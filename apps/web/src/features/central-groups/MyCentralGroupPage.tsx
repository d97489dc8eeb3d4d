/**
 * 我的中心组学习 — a central-group member's own page (phone width): study notes called in for
 * review (hand them in as text and/or a file, then read the reviewer's comments), my statements
 * and research reports of the year with their files (record one, upload or replace its file), and
 * the groups' annual study plans (the leader approves or returns a submitted one here). Only the
 * member's own records; the server decides every status and figure.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Skeleton, Space, Tabs, Tag, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { writingKinds, type MyCentralGroup, type MyWritings, type NoteReviewView, type WritingView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { DateInput, todayIso } from '../../components/DateInput.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PeriodPicker, periodKeyOf } from '../../components/PeriodPicker.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import '../compliance/compliance.css';
import './central-groups.css';
import { FileLink } from './components/FileLink.tsx';
import { roleLabel } from './components/MembersCard.tsx';
import { StudyPlanCard } from './components/StudyPlanCard.tsx';
import { ResearchTag, WritingFileInput, writingKindLabel } from './components/WritingsCard.tsx';
import { useAddMyWriting, useMyGroups, useMyNoteReviews, useMyWritings, useSubmitMyNotes, useUploadMyWritingFile } from './queries.ts';

const tabs = ['notes', 'writings', 'plan'] as const;
type Tab = (typeof tabs)[number];
const TIME = 'YYYY-MM-DD HH:mm';

export function MyCentralGroupPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab') ?? '';
  const tab: Tab = (tabs as readonly string[]).includes(raw) ? (raw as Tab) : 'notes';
  const groups = useMyGroups();
  return (
    <div className="cg-phone-page">
      <Typography.Title level={4}>{t('cg.myTitle')}</Typography.Title>
      <ErrorAlert error={groups.error} style={{ marginBottom: 12 }} />
      {groups.data && groups.data.length === 0 ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cg.myNoGroup')} /> : null}
      {groups.data?.length ? (
        <Typography.Paragraph type="secondary">{groups.data.map((g) => `${g.name}（${t(roleLabel[g.role])}）`).join('、')}</Typography.Paragraph>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'notes', label: t('cg.myTabNotes'), children: tab === 'notes' ? <MyNotes highlight={params.get('review')} /> : null },
          { key: 'writings', label: t('cg.myTabWritings'), children: tab === 'writings' ? <MyWritingsPanel groups={groups.data ?? []} /> : null },
          { key: 'plan', label: t('cg.myTabPlan'), children: tab === 'plan' ? <MyPlans groups={groups.data ?? []} /> : null },
        ]}
      />
    </div>
  );
}

// --- study notes ------------------------------------------------------------------------------

const noteStatusLabel: Record<NoteReviewView['status'], MessageKey> = { requested: 'cg.noteRequested', submitted: 'cg.noteSubmitted', returned: 'cg.noteReturned' };
const noteStatusColor: Record<NoteReviewView['status'], string> = { requested: 'processing', submitted: 'warning', returned: 'success' };

function MyNotes({ highlight }: { highlight: string | null }) {
  const { t } = useI18n();
  const reviews = useMyNoteReviews();
  if (reviews.isPending) return <Skeleton active />;
  if (reviews.isError) return <ErrorAlert error={reviews.error} />;
  if (!reviews.data.length) return <Empty description={t('cg.myNoNotes')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {reviews.data.map((r) => (
        <NoteCard key={r.id} review={r} highlighted={r.id === highlight} />
      ))}
    </Space>
  );
}

function NoteCard({ review, highlighted }: { review: NoteReviewView; highlighted: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const submit = useSubmitMyNotes();
  const [form] = Form.useForm<{ text?: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [empty, setEmpty] = useState(false);
  const onFinish = (v: { text?: string }) => {
    const text = v.text?.trim() || undefined;
    // The server refuses notes with neither text nor a file; saying so here saves a round trip.
    if (!text && !file) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    submit.mutate({ reviewId: review.id, text, file: file ?? undefined }, { onSuccess: () => void message.success(t('cg.myNotesSubmitted')) });
  };
  return (
    <Card
      size="small"
      className={highlighted ? 'cg-card-highlight' : undefined}
      title={review.groupName}
      extra={
        <Space size={4}>
          <Tag color={noteStatusColor[review.status]}>{t(noteStatusLabel[review.status])}</Tag>
          {review.overdue ? <Tag color="error">{t('cg.noteOverdue')}</Tag> : null}
        </Space>
      }
    >
      <Typography.Paragraph>{t('cg.myNotesDue', { day: review.dueOn })}</Typography.Paragraph>
      {review.note ? <Typography.Paragraph type="secondary">{t('cg.noteAskWas', { note: review.note })}</Typography.Paragraph> : null}
      {review.status === 'requested' ? (
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <ErrorAlert error={submit.error} style={{ marginBottom: 12 }} />
          {empty ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('cg.myNotesEmpty')} /> : null}
          <Form.Item label={t('cg.myNotesText')} name="text" rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
          </Form.Item>
          <WritingFileInput file={file} onChange={setFile} label={t('cg.noteFile')} />
          <Button type="primary" htmlType="submit" loading={submit.isPending} block>
            {t('cg.myNotesSubmit')}
          </Button>
        </Form>
      ) : (
        <>
          {review.submittedAt ? <Typography.Paragraph type="secondary">{t('cg.myNotesSubmittedAt', { time: dayjs(review.submittedAt).format(TIME) })}</Typography.Paragraph> : null}
          {review.text ? <Typography.Paragraph className="note-text">{review.text}</Typography.Paragraph> : null}
          {review.attachment ? (
            <Typography.Paragraph>
              {t('cg.noteFile')} <FileLink file={review.attachment} />
            </Typography.Paragraph>
          ) : null}
          {review.status === 'returned' ? (
            <Alert type="success" showIcon title={t('cg.myNotesComments', { time: review.returnedAt ? dayjs(review.returnedAt).format(TIME) : '' })} description={<span style={{ whiteSpace: 'pre-wrap' }}>{review.comments}</span>} />
          ) : (
            <Typography.Text type="secondary">{t('cg.myNotesAwaiting')}</Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}

// --- writings ---------------------------------------------------------------------------------

function MyWritingsPanel({ groups }: { groups: readonly MyCentralGroup[] }) {
  const { t } = useI18n();
  const [year, setYear] = useState(Number(periodKeyOf('year')));
  const writings = useMyWritings(year);
  const [adding, setAdding] = useState(false);
  const w = writings.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <PeriodPicker kinds={['year']} value={String(year)} onChange={(key) => setYear(Number(key))} />
        {groups.length ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('cg.myAddWriting')}
          </Button>
        ) : null}
      </Space>
      {w ? <Typography.Text type="secondary">{t('cg.writingsPracticeMine', { min: w.researchReportsMin, max: w.researchReportsMax })}</Typography.Text> : null}
      <ErrorAlert error={writings.error} />
      {writings.isPending ? <Skeleton active /> : null}
      {w && !w.groups.length ? <Empty description={t('cg.myNoWritings')} /> : null}
      {w?.groups.map((g) => (
        <Card key={g.groupId} size="small" title={g.groupName} extra={<ResearchTag member={g} summary={w} />}>
          <WritingSection title={t('cg.writingResearch')} items={g.researchReports} />
          <WritingSection title={t('cg.writingStatement')} items={g.statements} />
        </Card>
      ))}
      {adding && w ? <AddMyWritingModal groups={groups} year={year} onClose={() => setAdding(false)} /> : null}
    </Space>
  );
}

function WritingSection({ title, items }: { title: string; items: MyWritings['groups'][number]['statements'] }) {
  const { t } = useI18n();
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong>
        {title}（{t('cg.countN', { count: items.length })}）
      </Typography.Text>
      {items.length ? (
        <ul className="reason-list">
          {items.map((item) => (
            <li key={item.id}>
              <MyWritingLine writing={item} />
            </li>
          ))}
        </ul>
      ) : (
        <div className="muted">—</div>
      )}
    </div>
  );
}

/** One of my writings: its file (or none yet), with an upload that adds or replaces it. */
function MyWritingLine({ writing }: { writing: WritingView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadMyWritingFile();
  return (
    <Space orientation="vertical" size={0}>
      <span>
        {writing.title} <span className="muted">{writing.submittedOn}</span>
      </span>
      <Space size={4} wrap>
        {writing.attachment ? <FileLink file={writing.attachment} /> : <span className="muted">{t('cg.myNoFile')}</span>}
        <Upload
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            upload.mutate({ writingId: writing.id, file }, { onSuccess: () => void message.success(t('cg.myFileUploaded', { name: file.name })) });
            return false;
          }}
        >
          <Button size="small" type="link" icon={<UploadOutlined />} loading={upload.isPending}>
            {writing.attachment ? t('cg.fileChange') : t('cg.fileUpload')}
          </Button>
        </Upload>
      </Space>
      <ErrorAlert error={upload.error} />
    </Space>
  );
}

type MyWritingForm = { groupId: string; kind: WritingView['kind']; title: string; submittedOn: string | null };

function AddMyWritingModal({ groups, year, onClose }: { groups: readonly MyCentralGroup[]; year: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MyWritingForm>();
  const [file, setFile] = useState<File | null>(null);
  const add = useAddMyWriting();
  const submit = (v: MyWritingForm) =>
    add.mutate(
      { input: { groupId: v.groupId, year, kind: v.kind, title: v.title.trim(), submittedOn: v.submittedOn ?? todayIso() }, file: file ?? undefined },
      {
        onSuccess: () => {
          void message.success(t('cg.writingSaved'));
          onClose();
        },
      },
    );
  return (
    <Modal open title={t('cg.myAddWritingTitle', { year })} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
      <ErrorAlert error={add.error} style={{ marginBottom: 12 }} />
      <Form<MyWritingForm> form={form} layout="vertical" onFinish={submit} initialValues={{ groupId: groups[0]?.id, kind: 'research_report', submittedOn: todayIso() }}>
        {groups.length > 1 ? (
          <Form.Item label={t('cg.groupName')} name="groupId" rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={groups.map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
        ) : (
          <Form.Item name="groupId" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item label={t('cg.writingKind')} name="kind">
          <Select options={writingKinds.map((k) => ({ value: k, label: t(writingKindLabel[k]) }))} />
        </Form.Item>
        <Form.Item label={t('cg.writingTitle')} name="title" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('cg.writingSubmittedOn')} name="submittedOn" rules={[{ required: true, message: t('validation.required') }]}>
          <DateInput notAfterToday />
        </Form.Item>
        <WritingFileInput file={file} onChange={setFile} />
      </Form>
    </Modal>
  );
}

// --- annual plans -----------------------------------------------------------------------------

/** The groups' plans of this year, read-only; the leader decides a submitted one (the server checks). */
function MyPlans({ groups }: { groups: readonly MyCentralGroup[] }) {
  const { t } = useI18n();
  const year = Number(periodKeyOf('year'));
  if (!groups.length) return <Empty description={t('cg.myNoGroup')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {groups.map((g) => (
        <div key={g.id}>
          <Typography.Text strong>{g.name}</Typography.Text>
          <StudyPlanCard groupId={g.id} year={year} manage={false} mayDecide={g.role === 'leader'} />
        </div>
      ))}
    </Space>
  );
}
