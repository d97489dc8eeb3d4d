/**
 * The teacher pool (师资库) for managers: lecturers searched by name, pinyin initials, direction
 * and course format; the course catalogue; proposals awaiting the working committee; the unit's
 * teaching requests; and, for the working committee, feedback counts and averages per lecturer
 * (alphabetical, never a ranking). Who may do what is the server's: buttons only hide what it would refuse.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CourseView, LecturerFeedbackSummary, LecturerRequestView, LecturerSummary, TrainingDirectionInput } from '@pioneer/domain';
import { capabilitiesOf } from '../../app/roles.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { homeOrgOf } from '../../components/scope.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { LecturerDrawer, LecturerFormModal, LecturerStatusTag, useDirectionName, useFormatOptions } from './components.tsx';
import { useCourses, useFeedbackSummary, useLecturers, useRequests, useTeacherMutations } from './queries.ts';

type Filters = { q?: string; direction?: string; format?: string };

function FilterBar({ value, onChange, placeholder }: { value: Filters; onChange: (f: Filters) => void; placeholder: string }) {
  const { t } = useI18n();
  const directions = useDirectionName();
  const formats = useFormatOptions();
  return (
    <div className="table-toolbar">
      <Input.Search allowClear style={{ width: 260 }} placeholder={placeholder} aria-label={placeholder} onSearch={(q) => onChange({ ...value, q: q || undefined })} />
      <Select allowClear style={{ width: 160 }} placeholder={t('teachers.anyDirection')} aria-label={t('teachers.direction')} options={directions.options} value={value.direction} onChange={(direction) => onChange({ ...value, direction })} />
      <Select allowClear style={{ width: 140 }} placeholder={t('teachers.anyFormat')} aria-label={t('teachers.format')} options={formats.options} value={value.format} onChange={(format) => onChange({ ...value, format })} />
    </div>
  );
}

function LecturersTab({ status, onOpen }: { status?: 'proposed'; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const directions = useDirectionName();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useLecturers({ ...filters, status, page, pageSize: 20 });
  const columns: TableColumnsType<LecturerSummary> = [
    {
      key: 'name',
      title: t('teachers.name'),
      render: (_, l) => (
        <Button type="link" onClick={() => onOpen(l.id)} style={{ padding: 0 }}>
          {l.name}
        </Button>
      ),
    },
    { key: 'kind', title: t('teachers.kind'), width: 100, render: (_, l) => (l.kind === 'internal' ? t('teachers.internal') : t('teachers.external')) },
    { key: 'title', title: t('teachers.titleCol'), render: (_, l) => l.title ?? '—' },
    { key: 'unit', title: t('teachers.unit'), render: (_, l) => l.unit ?? '—' },
    { key: 'directions', title: t('teachers.direction'), render: (_, l) => l.directions.map((d) => <Tag key={d}>{directions.name(d)}</Tag>) },
    { key: 'courses', title: t('teachers.courses'), width: 80, render: (_, l) => t('teachers.courseCount', { count: l.courseCount }) },
    { key: 'status', title: t('teachers.status'), width: 100, render: (_, l) => <LecturerStatusTag status={l.status} /> },
  ];
  return (
    <>
      <FilterBar value={filters} onChange={(f) => (setFilters(f), setPage(1))} placeholder={t('teachers.search')} />
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<LecturerSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: t('teachers.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      />
    </>
  );
}

function CoursesTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const directions = useDirectionName();
  const formats = useFormatOptions();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useCourses({ ...filters, page, pageSize: 20 });
  const columns: TableColumnsType<CourseView> = [
    { key: 'title', title: t('teachers.courseTitle'), dataIndex: 'title' },
    { key: 'direction', title: t('teachers.direction'), width: 120, render: (_, c) => directions.name(c.direction) },
    { key: 'format', title: t('teachers.format'), width: 110, render: (_, c) => formats.label(c.format) },
    { key: 'minutes', title: t('teachers.minutes'), width: 100, dataIndex: 'minutes' },
    {
      key: 'lecturer',
      title: t('teachers.lecturer'),
      width: 140,
      render: (_, c) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(c.lecturerId)}>
          {c.lecturerName}
        </Button>
      ),
    },
  ];
  return (
    <>
      <FilterBar value={filters} onChange={(f) => (setFilters(f), setPage(1))} placeholder={t('teachers.courseSearch')} />
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<CourseView> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }} />
    </>
  );
}

function RequestsTab() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [orgId, setOrgId] = useState<string | null>(homeOrgOf(me));
  const list = useRequests(orgId);
  const { cancel } = useTeacherMutations();
  const columns: TableColumnsType<LecturerRequestView> = [
    { key: 'date', title: t('teachers.preferredDate'), width: 110, dataIndex: 'preferredDate' },
    { key: 'lecturer', title: t('teachers.lecturer'), width: 110, dataIndex: 'lecturerName' },
    { key: 'target', title: t('teachers.target'), width: 110, render: (_, r) => t(`teachers.target.${r.targetType}`) },
    { key: 'purpose', title: t('teachers.purpose'), render: (_, r) => [r.purpose, r.courseTitle ? `（${r.courseTitle}）` : ''].join('') },
    { key: 'org', title: t('teachers.requestOrg'), dataIndex: 'orgName' },
    {
      key: 'status',
      title: t('teachers.status'),
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={{ pending: 'processing', accepted: 'success', declined: 'error', cancelled: 'default' }[r.status]}>{t(`teachers.requestStatus.${r.status}`)}</Tag>
          {r.decisionReason ? <span className="muted">{r.decisionReason}</span> : null}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, r) =>
        r.status === 'pending' || r.status === 'accepted' ? (
          <Button size="small" onClick={() => cancel.mutate(r.id)}>
            {t('teachers.cancelRequest')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <div className="table-toolbar">
        <div style={{ width: 320 }}>
          <OrgSelect value={orgId} onChange={setOrgId} />
        </div>
      </div>
      <ErrorAlert error={list.error ?? cancel.error} style={{ marginBottom: 12 }} />
      <Table<LecturerRequestView> rowKey="id" size="middle" columns={columns} dataSource={list.data ?? []} loading={list.isFetching} locale={{ emptyText: t('teachers.noRequests') }} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
    </>
  );
}

function FeedbackTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const summary = useFeedbackSummary(true);
  const columns: TableColumnsType<LecturerFeedbackSummary> = [
    {
      key: 'name',
      title: t('teachers.lecturer'),
      render: (_, s) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(s.lecturerId)}>
          {s.lecturerName}
        </Button>
      ),
    },
    { key: 'sessions', title: t('teachers.feedbackSessions'), width: 100, dataIndex: 'sessions' },
    { key: 'count', title: t('teachers.feedbackCount'), width: 100, dataIndex: 'count' },
    { key: 'average', title: t('teachers.feedbackAverage'), width: 100, render: (_, s) => s.average ?? '—' },
    { key: 'ratings', title: '1–5', render: (_, s) => s.ratings.join(' / ') },
  ];
  return (
    <>
      <p className="muted">{t('teachers.feedbackPrivate')}</p>
      <ErrorAlert error={summary.error} style={{ marginBottom: 12 }} />
      <Table<LecturerFeedbackSummary> rowKey="lecturerId" size="middle" columns={columns} dataSource={summary.data ?? []} loading={summary.isFetching} locale={{ emptyText: t('teachers.noFeedback') }} pagination={false} />
    </>
  );
}

function DirectionModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TrainingDirectionInput>();
  const { addDirection } = useTeacherMutations();
  return (
    <Modal
      open
      title={t('teachers.addDirection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={addDirection.isPending}
    >
      <ErrorAlert error={addDirection.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => addDirection.mutate(v, { onSuccess: () => (void message.success(t('teachers.saved')), onClose()) })}>
        <Form.Item name="code" label={t('teachers.directionCode')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameZh" label={t('teachers.directionZh')} rules={[{ required: true }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('teachers.directionEn')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TeacherPoolPage() {
  const { t } = useI18n();
  const caps = capabilitiesOf(useCurrentUser());
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [addingDirection, setAddingDirection] = useState(false);
  const items = [
    { key: 'lecturers', label: t('teachers.tabLecturers'), children: <LecturersTab onOpen={setOpen} /> },
    { key: 'courses', label: t('teachers.tabCourses'), children: <CoursesTab onOpen={setOpen} /> },
    { key: 'proposals', label: t('teachers.tabProposals'), children: <LecturersTab status="proposed" onOpen={setOpen} /> },
    { key: 'requests', label: t('teachers.tabRequests'), children: <RequestsTab /> },
    ...(caps.committeeOfficer ? [{ key: 'feedback', label: t('teachers.tabFeedback'), children: <FeedbackTab onOpen={setOpen} /> }] : []),
  ];
  return (
    <Card
      title={t('teachers.title')}
      extra={
        <Space>
          {caps.committeeOfficer ? <Button onClick={() => setAddingDirection(true)}>{t('teachers.addDirection')}</Button> : null}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {caps.committeeOfficer ? t('teachers.add') : t('teachers.propose')}
          </Button>
        </Space>
      }
    >
      <Tabs items={items} destroyOnHidden />
      {open ? <LecturerDrawer id={open} onClose={() => setOpen(null)} /> : null}
      <LecturerFormModal open={adding} onClose={() => setAdding(false)} />
      {addingDirection ? <DirectionModal onClose={() => setAddingDirection(false)} /> : null}
    </Card>
  );
}
