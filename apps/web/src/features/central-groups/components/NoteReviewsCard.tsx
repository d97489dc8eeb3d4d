/**
 * Study notes called in for review (学习笔记调阅): the managers ask chosen members for their notes
 * by a due day (with a note of what to hand in), read what each handed in — text, a file or both —
 * and return it with comments. Members hand their notes in from their own page and are notified
 * both ways; overdue is the server's judgement (by the deployment's calendar).
 */
import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import type { CentralGroupDetail, NoteReviewView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { DateInput } from '../../../components/DateInput.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useNoteReviews, useRequestNotes, useReturnNotes } from '../queries.ts';
import { FileLink } from './FileLink.tsx';

const statusLabel: Record<NoteReviewView['status'], MessageKey> = { requested: 'cg.noteRequested', submitted: 'cg.noteSubmitted', returned: 'cg.noteReturned' };
const statusColor: Record<NoteReviewView['status'], string> = { requested: 'processing', submitted: 'warning', returned: 'success' };

export function NoteReviewsCard({ group, manage }: { group: CentralGroupDetail; manage: boolean }) {
  const { t } = useI18n();
  const reviews = useNoteReviews(group.id);
  const [requesting, setRequesting] = useState(false);
  const [reading, setReading] = useState<NoteReviewView | null>(null);
  return (
    <Card
      size="small"
      title={t('cg.notesTitle')}
      extra={
        manage ? (
          <Button icon={<FileSearchOutlined />} onClick={() => setRequesting(true)}>
            {t('cg.requestNotes')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={reviews.error} style={{ marginBottom: 12 }} />
      <Table<NoteReviewView>
        rowKey="id"
        size="small"
        loading={reviews.isFetching}
        dataSource={reviews.data ?? []}
        locale={{ emptyText: t('cg.noNotes') }}
        pagination={(reviews.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        columns={[
          { key: 'name', title: t('cg.memberName'), dataIndex: 'personName', width: 120 },
          { key: 'due', title: t('cg.noteDue'), dataIndex: 'dueOn', width: 110 },
          {
            key: 'status',
            title: t('cg.noteStatus'),
            width: 160,
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={statusColor[r.status]}>{t(statusLabel[r.status])}</Tag>
                {r.overdue ? <Tag color="error">{t('cg.noteOverdue')}</Tag> : null}
              </Space>
            ),
          },
          { key: 'submitted', title: t('cg.noteSubmittedAt'), width: 140, render: (_, r) => (r.submittedAt ? dayjs(r.submittedAt).format('YYYY-MM-DD HH:mm') : '—') },
          { key: 'comments', title: t('cg.noteComments'), render: (_, r) => r.comments ?? '—' },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 110,
            render: (_, r) =>
              r.text || r.attachment ? (
                <Button size="small" onClick={() => setReading(r)}>
                  {r.status === 'submitted' && manage ? t('cg.noteReadReturn') : t('cg.noteRead')}
                </Button>
              ) : null,
          },
        ]}
      />
      {requesting ? <RequestNotesModal group={group} onClose={() => setRequesting(false)} /> : null}
      {reading ? <ReadNotesModal review={reading} canReturn={manage && reading.status === 'submitted'} onClose={() => setReading(null)} /> : null}
    </Card>
  );
}

function RequestNotesModal({ group, onClose }: { group: CentralGroupDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personIds: string[]; dueOn: string | null; note?: string }>();
  const request = useRequestNotes(group.id);
  return (
    <Modal open title={t('cg.requestNotesTitle')} okText={t('cg.requestNotes')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={request.isPending} destroyOnHidden>
      <ErrorAlert error={request.error} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ personIds: group.members.map((m) => m.personId), dueOn: dayjs().add(14, 'day').format('YYYY-MM-DD') }}
        onFinish={(v) =>
          request.mutate(
            { personIds: v.personIds, dueOn: v.dueOn ?? '', note: v.note?.trim() || undefined },
            {
              onSuccess: (created) => {
                void message.success(t('cg.notesRequested', { count: created.length }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item label={t('cg.noteWho')} name="personIds" rules={[{ required: true, type: 'array', min: 1, message: t('cg.noteWhoRequired') }]}>
          <Checkbox.Group options={group.members.map((m) => ({ value: m.personId, label: m.name }))} />
        </Form.Item>
        <Form.Item label={t('cg.noteDue')} name="dueOn" rules={[{ required: true, message: t('validation.required') }]}>
          <DateInput />
        </Form.Item>
        <Form.Item label={t('cg.noteAsk')} name="note" rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} placeholder={t('cg.noteAskHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReadNotesModal({ review, canReturn, onClose }: { review: NoteReviewView; canReturn: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comments: string }>();
  const back = useReturnNotes();
  return (
    <Modal
      open
      width={720}
      title={t('cg.noteReadTitle', { name: review.personName })}
      okText={canReturn ? t('cg.noteReturn') : t('common.back')}
      cancelText={t('common.cancel')}
      cancelButtonProps={canReturn ? undefined : { style: { display: 'none' } }}
      onCancel={onClose}
      onOk={() => (canReturn ? form.submit() : onClose())}
      confirmLoading={back.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={back.error} style={{ marginBottom: 12 }} />
      {review.note ? <Typography.Paragraph type="secondary">{t('cg.noteAskWas', { note: review.note })}</Typography.Paragraph> : null}
      {review.text ? <Typography.Paragraph className="note-text">{review.text}</Typography.Paragraph> : null}
      {review.attachment ? (
        <Typography.Paragraph>
          {t('cg.noteFile')} <FileLink file={review.attachment} />
        </Typography.Paragraph>
      ) : null}
      {canReturn ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            back.mutate(
              { id: review.id, comments: v.comments.trim() },
              {
                onSuccess: () => {
                  void message.success(t('cg.noteReturnedMsg'));
                  onClose();
                },
              },
            )
          }
        >
          <Form.Item label={t('cg.noteComments')} name="comments" rules={[{ required: true, whitespace: true, message: t('cg.noteCommentsRequired') }, { max: 4000 }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
          </Form.Item>
        </Form>
      ) : review.comments ? (
        <Typography.Paragraph type="secondary">{t('cg.noteCommentsWere', { comments: review.comments })}</Typography.Paragraph>
      ) : null}
    </Modal>
  );
}
