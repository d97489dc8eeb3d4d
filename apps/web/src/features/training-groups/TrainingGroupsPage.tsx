/**
 * Differentiated training (分类分层) for managers: the groups covering an organisation (declared on
 * it, above it — read-only — or below it), their members as derived from the records in the chosen
 * year, a custom group's named list, and each group's annual plan with courses from the catalogue.
 */
import { useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { businessLineLabels, businessLines, personCategories, trainingGroupKindLabels, trainingGroupKinds, type BusinessLine, type TrainingGroupCreateInput, type TrainingGroupMember, type TrainingGroupView } from '@pioneer/domain';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { homeOrgOf } from '../../components/scope.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { useCourses } from '../teachers/queries.ts';
import { useDirectionName } from '../teachers/components.tsx';
import { PersonSelect } from '../activities/components/PersonSelect.tsx';
import { useAllMembers, useGroupMutations, useGroups, useMembers, usePlans } from './queries.ts';

const thisYear = () => new Date().getFullYear();

export function useGroupKindLabel() {
  const { pick } = useI18n();
  return (g: { kind: TrainingGroupView['kind']; businessLine: BusinessLine | null }) =>
    g.kind === 'business_line' && g.businessLine ? `${pick(trainingGroupKindLabels.business_line)}：${pick(businessLineLabels[g.businessLine])}` : pick(trainingGroupKindLabels[g.kind]);
}

function MembersDrawer({ group, year, onClose }: { group: TrainingGroupView; year: number; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [page, setPage] = useState(1);
  const members = useMembers(group.id, year, page);
  const { setMembers } = useGroupMutations();
  const columns: TableColumnsType<TrainingGroupMember> = [
    { key: 'name', title: t('trainingGroups.name'), dataIndex: 'name' },
    { key: 'org', title: t('trainingGroups.org'), dataIndex: 'orgName' },
    { key: 'category', title: t('trainingGroups.category'), render: (_, m) => ((personCategories as readonly string[]).includes(m.category) ? t(`category.${m.category as (typeof personCategories)[number]}`) : m.category) },
    { key: 'birth', title: t('trainingGroups.birthDate'), dataIndex: 'birthDate' },
    {
      key: 'flags',
      render: (_, m) => (
        <>
          {m.leadingCadre ? <Tag>{t('trainingGroups.leadingCadre')}</Tag> : null}
          {m.partyAffairsWorker ? <Tag>{t('trainingGroups.partyAffairsWorker')}</Tag> : null}
          {m.businessLine && m.businessLine in businessLineLabels ? <Tag>{pick(businessLineLabels[m.businessLine as BusinessLine])}</Tag> : null}
        </>
      ),
    },
  ];
  return (
    <Drawer open size="large" title={t('trainingGroups.membersTitle', { name: group.name, year })} onClose={onClose}>
      <ErrorAlert error={members.error ?? setMembers.error} style={{ marginBottom: 12 }} />
      <Table<TrainingGroupMember>
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={members.data?.items ?? []}
        loading={members.isFetching}
        pagination={{ current: page, pageSize: 20, total: members.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      />
      {group.kind === 'custom' && group.editable ? <NamedMembersEditor group={group} year={year} /> : null}
    </Drawer>
  );
}

/**
 * A custom group's named list, edited with a search over the people of the group's organisation
 * (GET /people: name, pinyin, initials); it starts from the whole current list, since saving
 * replaces it (PUT /training-groups/{id}/members).
 */
function NamedMembersEditor({ group, year }: { group: TrainingGroupView; year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const current = useAllMembers(group.id, year, true);
  const { setMembers } = useGroupMutations();
  const [picked, setPicked] = useState<string[] | null>(null);
  const known = (current.data ?? []).map((m) => ({ id: m.personId, name: `${m.name}（${m.orgName}）` }));
  const value = picked ?? known.map((k) => k.id);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
      <label htmlFor="named-members">{t('trainingGroups.namedMembers')}</label>
      <ErrorAlert error={current.error} />
      <PersonSelect id="named-members" mode="multiple" orgId={group.orgId} known={known} value={value} onChange={setPicked} placeholder={t('trainingGroups.namedPick')} disabled={!current.data} />
      <Button
        disabled={picked === null}
        loading={setMembers.isPending}
        onClick={() => setMembers.mutate({ id: group.id, personIds: value }, { onSuccess: () => (setPicked(null), void message.success(t('trainingGroups.membersSaved', { count: value.length }))) })}
      >
        {t('trainingGroups.saveMembers')}
      </Button>
    </Space>
  );
}

type PlanForm = { targetHours: number; directions: string[]; topics: string; courseIds: string[]; notes?: string };

function PlanModal({ group, year, onClose }: { group: TrainingGroupView; year: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const plans = usePlans(group.id);
  const directions = useDirectionName();
  const courses = useCourses({ pageSize: 200 });
  const { savePlan } = useGroupMutations();
  const plan = plans.data?.find((p) => p.year === year);
  const [form] = Form.useForm<PlanForm>();
  const submit = (v: PlanForm) =>
    savePlan.mutate(
      {
        id: group.id,
        year,
        input: {
          ...(plan ? { version: plan.version } : {}),
          targetHours: v.targetHours,
          directions: v.directions ?? [],
          courseIds: v.courseIds ?? [],
          topics: (v.topics ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((title) => ({ title })),
          notes: v.notes ?? null,
        },
      },
      { onSuccess: () => (void message.success(t('trainingGroups.planSaved')), onClose()) },
    );
  if (plans.isLoading) return null;
  return (
    <Modal open title={t('trainingGroups.planTitle', { name: group.name, year })} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ disabled: !group.editable }} okText={t('trainingGroups.savePlan')} confirmLoading={savePlan.isPending}>
      <ErrorAlert error={plans.error ?? savePlan.error} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        disabled={!group.editable}
        initialValues={plan ? { targetHours: plan.targetHours, directions: plan.directions, topics: plan.topics.map((x) => x.title).join('\n'), courseIds: plan.courses.map((c) => c.id), notes: plan.notes ?? undefined } : { targetHours: 32, directions: [], courseIds: [] }}
        onFinish={submit}
      >
        <Form.Item name="targetHours" label={t('trainingGroups.targetHours')} rules={[{ required: true }]}>
          <InputNumber min={0} max={500} />
        </Form.Item>
        <Form.Item name="directions" label={t('trainingGroups.directions')}>
          <Select mode="multiple" options={directions.options} />
        </Form.Item>
        <Form.Item name="topics" label={t('trainingGroups.topics')}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="courseIds" label={t('trainingGroups.courses')}>
          <Select mode="multiple" optionFilterProp="label" options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.lecturerName}）` }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('trainingGroups.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CreateModal({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TrainingGroupCreateInput>();
  const kind = Form.useWatch('kind', form);
  const { create } = useGroupMutations();
  return (
    <Modal open title={t('trainingGroups.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <ErrorAlert error={create.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ orgId }} onFinish={(v) => create.mutate(v, { onSuccess: (g) => (void message.success(t('trainingGroups.created', { name: g.name })), onClose()) })}>
        <Form.Item name="orgId" label={t('trainingGroups.declaredOn')} rules={[{ required: true }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="name" label={t('trainingGroups.name')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label={t('trainingGroups.kind')} rules={[{ required: true }]}>
          <Select options={trainingGroupKinds.map((k) => ({ value: k, label: pick(trainingGroupKindLabels[k]) }))} />
        </Form.Item>
        {kind === 'business_line' ? (
          <Form.Item name="businessLine" label={t('trainingGroups.businessLine')} rules={[{ required: true }]}>
            <Select options={businessLines.map((b) => ({ value: b, label: pick(businessLineLabels[b]) }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export function TrainingGroupsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [orgId, setOrgId] = useState<string | null>(homeOrgOf(me));
  const [year, setYear] = useState(thisYear());
  const groups = useGroups(orgId, year);
  const { remove } = useGroupMutations();
  const kindLabel = useGroupKindLabel();
  const [members, setMembersOf] = useState<TrainingGroupView | null>(null);
  const [plan, setPlanOf] = useState<TrainingGroupView | null>(null);
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<TrainingGroupView> = [
    { key: 'name', title: t('trainingGroups.name'), dataIndex: 'name' },
    { key: 'kind', title: t('trainingGroups.kind'), render: (_, g) => kindLabel(g) },
    { key: 'org', title: t('trainingGroups.declaredOn'), render: (_, g) => (g.editable ? g.orgName : <Space>{g.orgName}<Tag>{t('trainingGroups.readOnly')}</Tag></Space>) },
    {
      key: 'members',
      title: t('trainingGroups.members'),
      width: 90,
      render: (_, g) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setMembersOf(g)}>
          {g.memberCount}
        </Button>
      ),
    },
    {
      key: 'plans',
      title: t('trainingGroups.plans'),
      render: (_, g) => (
        <Button size="small" onClick={() => setPlanOf(g)}>
          {g.planYears.includes(year) ? `${year}` : t('trainingGroups.noPlan')}
        </Button>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, g) =>
        g.editable ? (
          <Popconfirm title={t('trainingGroups.removeConfirm', { name: g.name })} onConfirm={() => remove.mutate(g.id)}>
            <Button size="small" danger>
              {t('trainingGroups.remove')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('trainingGroups.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} disabled={!orgId} onClick={() => setCreating(true)}>
          {t('trainingGroups.create')}
        </Button>
      }
    >
      <p className="muted">{t('trainingGroups.hint')}</p>
      <div className="table-toolbar">
        <div style={{ width: 320 }}>
          <OrgSelect value={orgId} onChange={setOrgId} placeholder={t('trainingGroups.pickOrg')} />
        </div>
        <InputNumber aria-label={t('trainingGroups.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </div>
      <ErrorAlert error={groups.error ?? remove.error} style={{ marginBottom: 12 }} />
      <Table<TrainingGroupView> rowKey="id" size="middle" columns={columns} dataSource={groups.data ?? []} loading={groups.isFetching} locale={{ emptyText: t('trainingGroups.empty') }} pagination={false} />
      {members ? <MembersDrawer group={members} year={year} onClose={() => setMembersOf(null)} /> : null}
      {plan ? <PlanModal group={plan} year={year} onClose={() => setPlanOf(null)} /> : null}
      {creating && orgId ? <CreateModal orgId={orgId} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}
