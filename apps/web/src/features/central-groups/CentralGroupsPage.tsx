/**
 * 理论学习中心组 for a subtree and a year: the groups (set up a new one), the one-study-one-reports
 * (一学一报) sent to the working committee to acknowledge, and the audit overview — per group the
 * sessions held and audited, with the groups never audited this year picked out (the server
 * decides which those are) — and, for a committee officer, the sessions they are to audit.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { AuditOverview, CentralGroupSummary, StudyReportView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { capabilitiesOf } from '../../app/roles.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { PeriodPicker } from '../../components/PeriodPicker.tsx';
import { useScope } from '../../components/scope.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import '../compliance/compliance.css';
import './central-groups.css';
import { MyAuditsCard } from './components/MyAuditsCard.tsx';
import { useAcknowledgeReport, useAuditOverview, useCentralGroups, useCreateGroup, useStudyReports } from './queries.ts';

const tabs = ['groups', 'reports', 'audits', 'myAudits'] as const;
type Tab = (typeof tabs)[number];

export function CentralGroupsPage() {
  const { t } = useI18n();
  const caps = capabilitiesOf(useCurrentUser());
  const scope = useScope({ kinds: ['year'] });
  const year = Number(scope.period);
  const raw = scope.params.get('tab') ?? '';
  const tab: Tab = (tabs as readonly string[]).includes(raw) ? (raw as Tab) : 'groups';

  return (
    <Card title={t('cg.title')}>
      <div className="table-toolbar">
        <div style={{ width: 320 }}>
          <OrgSelect value={scope.orgId} onChange={(id) => scope.setOrg(id)} placeholder={t('compliance.pickOrg')} />
        </div>
        <PeriodPicker kinds={['year']} value={scope.period} onChange={scope.setPeriod} />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => scope.set({ tab: key })}
        items={[
          { key: 'groups', label: t('cg.tabGroups'), children: tab === 'groups' ? <GroupList orgId={scope.orgId} manage={caps.manager} /> : null },
          { key: 'reports', label: t('cg.tabReports'), children: tab === 'reports' ? <StudyReports orgId={scope.orgId} year={year} officer={caps.committeeOfficer} /> : null },
          { key: 'audits', label: t('cg.tabAudits'), children: tab === 'audits' ? <AuditOverviewTable orgId={scope.orgId} year={year} /> : null },
          ...(caps.committeeOfficer ? [{ key: 'myAudits', label: t('cg.tabMyAudits'), children: tab === 'myAudits' ? <MyAuditsCard highlight={scope.params.get('audit')} /> : null }] : []),
        ]}
      />
    </Card>
  );
}

function GroupList({ orgId, manage }: { orgId: string | null; manage: boolean }) {
  const { t } = useI18n();
  const groups = useCentralGroups(orgId);
  const [creating, setCreating] = useState(false);
  return (
    <>
      {manage ? (
        <div className="table-toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('cg.create')}
          </Button>
        </div>
      ) : null}
      <ErrorAlert error={groups.error} style={{ marginBottom: 12 }} />
      <Table<CentralGroupSummary>
        rowKey="id"
        size="middle"
        loading={groups.isFetching}
        dataSource={groups.data ?? []}
        locale={{ emptyText: t('cg.noGroups') }}
        pagination={(groups.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        columns={[
          { key: 'name', title: t('cg.groupName'), render: (_, g) => <Link to={`/central-groups/${g.id}`}>{g.name}</Link> },
          { key: 'org', title: t('compliance.org'), dataIndex: 'orgName' },
          { key: 'members', title: t('cg.members'), dataIndex: 'memberCount', width: 100 },
        ]}
      />
      {creating ? <CreateGroupModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CreateGroupModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ orgId: string | null; name: string }>();
  const create = useCreateGroup();
  return (
    <Modal open title={t('cg.create')} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <ErrorAlert error={create.error} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { orgId: v.orgId ?? '', name: v.name.trim() },
            {
              onSuccess: (g) => {
                void message.success(t('cg.created', { name: g.name }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item label={t('cg.groupOrg')} name="orgId" rules={[{ required: true, message: t('validation.required') }]} extra={t('cg.groupOrgHint')}>
          <OrgSelect kinds={['party_committee', 'leading_party_group']} />
        </Form.Item>
        <Form.Item label={t('cg.groupName')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('cg.groupNamePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StudyReports({ orgId, year, officer }: { orgId: string | null; year: number; officer: boolean }) {
  const { t } = useI18n();
  const reports = useStudyReports(orgId, year);
  const [acknowledging, setAcknowledging] = useState<StudyReportView | null>(null);
  return (
    <>
      <ErrorAlert error={reports.error} style={{ marginBottom: 12 }} />
      <Table<StudyReportView>
        rowKey="id"
        size="middle"
        loading={reports.isFetching}
        dataSource={reports.data ?? []}
        locale={{ emptyText: t('cg.noReports') }}
        pagination={(reports.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        expandable={{ expandedRowRender: (r) => <ReportSnapshot report={r} /> }}
        columns={[
          { key: 'day', title: t('cg.sessionDay'), width: 110, render: (_, r) => r.snapshot.heldOn },
          {
            key: 'group',
            title: t('cg.groupName'),
            width: 220,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.groupName}</span>
                <span className="muted">{r.snapshot.orgName}</span>
              </Space>
            ),
          },
          { key: 'topic', title: t('compliance.topic'), render: (_, r) => r.snapshot.topic },
          { key: 'present', title: t('compliance.presentExpected'), width: 100, render: (_, r) => `${r.snapshot.present.length} / ${r.snapshot.expected}` },
          {
            key: 'submitted',
            title: t('cg.reportSubmittedAt'),
            width: 170,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{dayjs(r.submittedAt).format('YYYY-MM-DD HH:mm')}</span>
                <span className="muted">
                  {r.submittedBy ?? ''} {r.version > 1 ? t('circular.versionN', { version: r.version }) : ''}
                </span>
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('circular.status'),
            width: 150,
            render: (_, r) =>
              r.status === 'acknowledged' ? (
                <Tag color="success">{t('cg.reportAcknowledged')}</Tag>
              ) : officer ? (
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setAcknowledging(r)}>
                  {t('cg.acknowledge')}
                </Button>
              ) : (
                <Tag color="processing">{t('cg.reportPending')}</Tag>
              ),
          },
        ]}
      />
      {acknowledging ? <AcknowledgeModal report={acknowledging} onClose={() => setAcknowledging(null)} /> : null}
    </>
  );
}

function ReportSnapshot({ report }: { report: StudyReportView }) {
  const { t } = useI18n();
  const s = report.snapshot;
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('compliance.where')}>{s.place ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('compliance.speaker')}>{s.speaker ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('cg.reportPresent', { count: s.present.length })} span={2}>
        {s.present.join('、') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('cg.reportLeave', { count: s.leave.length })} span={2}>
        {s.leave.length ? s.leave.map((l) => (l.reason ? `${l.name}（${l.reason}）` : l.name)).join('、') : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('cg.reportAbsent', { count: s.absent.length })} span={2}>
        {s.absent.join('、') || '—'}
      </Descriptions.Item>
      {s.attachments.length ? (
        <Descriptions.Item label={t('cg.reportAttachments')} span={2}>
          {s.attachments.join('、')}
        </Descriptions.Item>
      ) : null}
      {s.minutes ? (
        <Descriptions.Item label={t('compliance.minutes')} span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 4, expandable: true, symbol: t('compliance.more') }}>
            {s.minutes}
          </Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
      {report.acknowledgeComment ? (
        <Descriptions.Item label={t('cg.acknowledgeComment')} span={2}>
          {report.acknowledgeComment}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

function AcknowledgeModal({ report, onClose }: { report: StudyReportView; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const ack = useAcknowledgeReport();
  return (
    <Modal open title={t('cg.acknowledgeTitle', { group: report.groupName, topic: report.snapshot.topic })} okText={t('cg.acknowledge')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={ack.isPending} destroyOnHidden>
      <ErrorAlert error={ack.error} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          ack.mutate(
            { id: report.id, comment: v.comment?.trim() || undefined },
            {
              onSuccess: () => {
                void message.success(t('cg.acknowledged'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item label={t('cg.acknowledgeComment')} name="comment" rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} placeholder={t('cg.acknowledgeCommentHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type OverviewRow = AuditOverview['groups'][number];

function AuditOverviewTable({ orgId, year }: { orgId: string | null; year: number }) {
  const { t } = useI18n();
  const overview = useAuditOverview(orgId, year);
  const never = new Set((overview.data?.neverAudited ?? []).map((g) => g.groupId));
  return (
    <>
      <ErrorAlert error={overview.error} style={{ marginBottom: 12 }} />
      {overview.data && overview.data.neverAudited.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cg.neverAuditedTitle', { year, count: overview.data.neverAudited.length })}
          description={overview.data.neverAudited.map((g) => g.name).join('、')}
        />
      ) : overview.data && overview.data.groups.length ? (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('cg.allAudited', { year })} />
      ) : null}
      <Table<OverviewRow>
        rowKey="groupId"
        size="middle"
        loading={overview.isFetching}
        dataSource={overview.data?.groups ?? []}
        locale={{ emptyText: t('cg.noGroups') }}
        rowClassName={(g) => (never.has(g.groupId) ? 'row-short' : '')}
        pagination={(overview.data?.groups.length ?? 0) > 20 ? { pageSize: 20 } : false}
        columns={[
          {
            key: 'name',
            title: t('cg.groupName'),
            render: (_, g) => (
              <Space size={4} wrap>
                <Link to={`/central-groups/${g.groupId}?year=${year}&tab=sessions`}>{g.name}</Link>
                {never.has(g.groupId) ? <Tag color="error">{t('cg.neverAudited')}</Tag> : null}
              </Space>
            ),
          },
          { key: 'org', title: t('compliance.org'), dataIndex: 'orgName' },
          { key: 'held', title: t('circular.auditSessionsHeld'), dataIndex: 'sessionsHeld', width: 120 },
          { key: 'audited', title: t('circular.auditSessionsAudited'), dataIndex: 'sessionsAudited', width: 120 },
          { key: 'last', title: t('cg.lastAuditedOn'), width: 130, render: (_, g) => g.lastAuditedOn ?? '—' },
        ]}
      />
    </>
  );
}
