/**
 * Each member's written statements (发言材料) and research reports (调研报告) of the year, with their
 * files and counts. The practice of 1–2 research reports a year is the server's: it says who has
 * fewer than the minimum and whether the year is over — a member is shown as short of it only
 * then; before, as not there yet. Managers record a writing for a member (with its file and the
 * session it was written for); members record their own on their page.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { writingKinds, type CentralGroupDetail, type WritingsSummary, type WritingView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { DateInput, todayIso } from '../../../components/DateInput.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useAddWriting, useGroupSessions, useWritings } from '../queries.ts';
import { researchStanding } from '../writings.ts';
import { FileLink } from './FileLink.tsx';
import { roleLabel } from './MembersCard.tsx';

type MemberWritings = WritingsSummary['members'][number];
export const writingKindLabel: Record<WritingView['kind'], MessageKey> = { statement: 'cg.writingStatement', research_report: 'cg.writingResearch' };

export function WritingList({ items }: { items: readonly WritingView[] }) {
  if (!items.length) return <span className="muted">—</span>;
  return (
    <ul className="reason-list">
      {items.map((w) => (
        <li key={w.id}>
          {w.title} <span className="muted">{w.submittedOn}</span>
          {w.attachment ? (
            <>
              {' '}
              <FileLink file={w.attachment} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The research-report figure of one member: met, not there yet while the year runs, or short once it is over. */
export function ResearchTag({ member, summary }: { member: { researchReportsShort: boolean; researchReports: readonly unknown[] }; summary: Pick<WritingsSummary, 'yearEnded' | 'researchReportsMin'> }) {
  const { t } = useI18n();
  const standing = researchStanding(member, summary);
  const values = { done: member.researchReports.length, min: summary.researchReportsMin };
  if (standing === 'met') return <Tag color="success">{t('cg.researchMet', values)}</Tag>;
  return standing === 'short' ? <Tag color="error">{t('cg.researchShort', values)}</Tag> : <Tag color="processing">{t('cg.researchNotYet', values)}</Tag>;
}

export function WritingsCard({ group, year, manage }: { group: CentralGroupDetail; year: number; manage: boolean }) {
  const { t } = useI18n();
  const writings = useWritings(group.id, year);
  const [adding, setAdding] = useState(false);
  const w = writings.data;
  const short = w ? w.members.filter((m) => researchStanding(m, w) === 'short') : [];
  const notYet = w ? w.members.filter((m) => researchStanding(m, w) === 'notYet') : [];
  return (
    <Card
      size="small"
      title={t('cg.writingsTitle', { year })}
      extra={
        manage ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('cg.addWriting')}
          </Button>
        ) : null
      }
    >
      {w ? <p className="muted">{t('cg.writingsPractice', { min: w.researchReportsMin, max: w.researchReportsMax })}</p> : null}
      {short.length ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('cg.researchShortTitle', { year, count: short.length })} description={short.map((m) => m.name).join('、')} />
      ) : notYet.length ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cg.researchNotYetTitle', { count: notYet.length })} description={notYet.map((m) => m.name).join('、')} />
      ) : null}
      <ErrorAlert error={writings.error} style={{ marginBottom: 12 }} />
      <Table<MemberWritings>
        rowKey="personId"
        size="small"
        loading={writings.isFetching}
        pagination={false}
        dataSource={w?.members ?? []}
        rowClassName={(m) => (w && researchStanding(m, w) === 'short' ? 'row-short' : '')}
        columns={[
          {
            key: 'name',
            title: t('cg.memberName'),
            width: 170,
            render: (_, m) => (
              <Space size={4} wrap>
                <span>{m.name}</span>
                <span className="muted">{t(roleLabel[m.role])}</span>
              </Space>
            ),
          },
          {
            key: 'statements',
            title: t('cg.writingStatement'),
            render: (_, m) => (
              <Space orientation="vertical" size={2}>
                <span className="muted">{t('cg.countN', { count: m.statementCount })}</span>
                <WritingList items={m.statements} />
              </Space>
            ),
          },
          {
            key: 'reports',
            title: t('cg.writingResearch'),
            render: (_, m) => (
              <Space orientation="vertical" size={2}>
                {w ? <ResearchTag member={m} summary={w} /> : null}
                <WritingList items={m.researchReports} />
              </Space>
            ),
          },
        ]}
      />
      {adding ? <AddWritingModal group={group} year={year} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

type AddForm = { personId: string; kind: WritingView['kind']; title: string; submittedOn: string | null; activityId?: string };

function AddWritingModal({ group, year, onClose }: { group: CentralGroupDetail; year: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddForm>();
  const [file, setFile] = useState<File | null>(null);
  const add = useAddWriting(group);
  const sessions = useGroupSessions(group.orgId, year);
  const options = (sessions.data?.items ?? [])
    .filter((a) => a.centralGroupId === group.id && a.status !== 'cancelled')
    .map((a) => ({ value: a.id, label: `${a.heldOn ?? dayjs(a.plannedStart).format('YYYY-MM-DD')} ${a.topic}` }));
  const submit = (v: AddForm) =>
    add.mutate(
      { input: { personId: v.personId, year, kind: v.kind, title: v.title.trim(), submittedOn: v.submittedOn ?? todayIso(), activityId: v.activityId || undefined }, file: file ?? undefined },
      {
        onSuccess: () => {
          void message.success(t('cg.writingSaved'));
          onClose();
        },
      },
    );
  return (
    <Modal open title={t('cg.addWritingTitle', { year })} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
      <ErrorAlert error={add.error} style={{ marginBottom: 12 }} />
      <Form<AddForm> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'research_report', submittedOn: todayIso() }}>
        <Form.Item label={t('cg.memberName')} name="personId" rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={group.members.map((m) => ({ value: m.personId, label: m.name }))} />
        </Form.Item>
        <Form.Item label={t('cg.writingKind')} name="kind">
          <Select options={writingKinds.map((k) => ({ value: k, label: t(writingKindLabel[k]) }))} />
        </Form.Item>
        <Form.Item label={t('cg.writingTitle')} name="title" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('cg.writingSubmittedOn')} name="submittedOn" rules={[{ required: true, message: t('validation.required') }]}>
          <DateInput notAfterToday />
        </Form.Item>
        <Form.Item label={t('cg.writingSession')} name="activityId">
          <Select allowClear options={options} placeholder={t('cg.writingSessionNone')} />
        </Form.Item>
        <WritingFileInput file={file} onChange={setFile} />
      </Form>
    </Modal>
  );
}

/** Picks one file to upload with a writing or notes (sent when the form is saved). */
export function WritingFileInput({ file, onChange, label }: { file: File | null; onChange: (file: File | null) => void; label?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={label ?? t('cg.writingFile')}>
      <Space wrap>
        <Upload
          showUploadList={false}
          maxCount={1}
          beforeUpload={(f) => {
            onChange(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{file ? t('cg.fileChange') : t('cg.fileChoose')}</Button>
        </Upload>
        {file ? (
          <span>
            {file.name}{' '}
            <Button type="link" size="small" onClick={() => onChange(null)}>
              {t('cg.fileRemove')}
            </Button>
          </span>
        ) : (
          <span className="muted">{t('cg.fileOptional')}</span>
        )}
      </Space>
    </Form.Item>
  );
}
