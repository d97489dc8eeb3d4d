/**
 * Each member's written statements (发言材料) and research reports (调研报告) of the year. The
 * practice of 1–2 research reports a year is the server's: it flags the members short of it.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { writingKinds, type CentralGroupDetail, type WritingsSummary, type WritingView } from '@pioneer/domain';
import { DateInput, todayIso } from '../../../components/DateInput.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useAddWriting, useWritings } from '../queries.ts';
import { roleLabel } from './MembersCard.tsx';

type MemberWritings = WritingsSummary['members'][number];
const kindLabel: Record<WritingView['kind'], MessageKey> = { statement: 'cg.writingStatement', research_report: 'cg.writingResearch' };

function Titles({ items }: { items: readonly WritingView[] }) {
  if (!items.length) return <span className="muted">—</span>;
  return (
    <ul className="reason-list">
      {items.map((w) => (
        <li key={w.id}>
          {w.title} <span className="muted">{w.submittedOn}</span>
        </li>
      ))}
    </ul>
  );
}

export function WritingsCard({ group, year, manage }: { group: CentralGroupDetail; year: number; manage: boolean }) {
  const { t } = useI18n();
  const writings = useWritings(group.id, year);
  const [adding, setAdding] = useState(false);
  const w = writings.data;
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
      <ErrorAlert error={writings.error} style={{ marginBottom: 12 }} />
      <Table<MemberWritings>
        rowKey="personId"
        size="small"
        loading={writings.isFetching}
        pagination={false}
        dataSource={w?.members ?? []}
        rowClassName={(m) => (m.researchReportsShort ? 'row-short' : '')}
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
          { key: 'statements', title: t('cg.writingStatement'), render: (_, m) => <Titles items={m.statements} /> },
          {
            key: 'reports',
            title: t('cg.writingResearch'),
            render: (_, m) => (
              <Space orientation="vertical" size={2}>
                <Titles items={m.researchReports} />
                {m.researchReportsShort ? <Tag color="warning">{t('cg.researchShort', { done: m.researchReports.length, min: w?.researchReportsMin ?? 1 })}</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
      {adding ? <AddWritingModal group={group} year={year} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

type AddForm = { personId: string; kind: WritingView['kind']; title: string; submittedOn: string | null };

function AddWritingModal({ group, year, onClose }: { group: CentralGroupDetail; year: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddForm>();
  const add = useAddWriting(group.id);
  const submit = (v: AddForm) =>
    add.mutate(
      { personId: v.personId, year, kind: v.kind, title: v.title.trim(), submittedOn: v.submittedOn ?? todayIso() },
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
          <Select options={writingKinds.map((k) => ({ value: k, label: t(kindLabel[k]) }))} />
        </Form.Item>
        <Form.Item label={t('cg.writingTitle')} name="title" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('cg.writingSubmittedOn')} name="submittedOn" rules={[{ required: true, message: t('validation.required') }]}>
          <DateInput notAfterToday />
        </Form.Item>
      </Form>
    </Modal>
  );
}
