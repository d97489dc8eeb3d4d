/**
 * /classes — training classes for managers: the year's classes on, above and below their
 * organisations (organisers manage theirs, units nominate into those above them), creating one,
 * and the year's figures the source documents report: classes held (班次) and person-times (人次).
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { classTypeLabels, classTypes, trainingTargetGroupLabels, trainingTargetGroups, type ClassCreateInput, type ClassSummaryView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { homeOrgOf } from '../../components/scope.ts';
import { classesApi } from '../../api/classes.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useRotations } from '../rotations/queries.ts';
import { useClassMutation, useClasses, useClassStatistics } from './queries.ts';

export function ClassesPage() {
  const { t, pick } = useI18n();
  const [year, setYear] = useState(dayjs().year());
  const list = useClasses(year);
  const stats = useClassStatistics(year);
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('classes.title')}
        </Typography.Title>
        <Space>
          <Select value={year} onChange={setYear} options={[year - 1, year, year + 1].map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('classes.create')}
          </Button>
        </Space>
      </Space>
      <ErrorAlert error={list.error ?? stats.error} />
      <Table<ClassSummaryView>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('classes.noClasses') }}
        columns={[
          { title: t('classes.name'), render: (_, c) => <Link to={`/classes/${c.id}`}>{c.title}</Link> },
          { title: t('classes.org'), dataIndex: 'orgName' },
          { title: t('classes.type'), render: (_, c) => pick(classTypeLabels[c.type]) },
          { title: t('classes.rotation'), render: (_, c) => c.rotationTitle ?? '—' },
          { title: t('classes.enrolled'), render: (_, c) => `${c.enrolled} / ${c.capacity}${c.requested ? ` (+${c.requested})` : ''}` },
          { title: t('classes.hours'), dataIndex: 'totalHours' },
          { title: t('classes.dates'), render: (_, c) => (c.firstDay ? `${c.firstDay}${c.lastDay !== c.firstDay ? ` – ${c.lastDay}` : ''}` : '—') },
          { title: t('classes.status'), render: (_, c) => <Tag color={c.status === 'open' ? 'blue' : 'green'}>{t(c.status === 'open' ? 'classes.statusOpen' : 'classes.statusCompleted')}</Tag> },
        ]}
      />
      <Card size="small" title={`${year} ${t('classes.statistics')}`}>
        <Table
          size="small"
          rowKey="type"
          pagination={false}
          dataSource={[...(stats.data?.byType ?? []).map((r) => ({ ...r, label: pick(classTypeLabels[r.type]) })), ...(stats.data ? [{ type: 'total', label: t('classes.total'), ...stats.data.total }] : [])]}
          columns={[
            { title: t('classes.type'), dataIndex: 'label' },
            { title: t('classes.statClasses'), dataIndex: 'classes' },
            { title: t('classes.statPersonTimes'), dataIndex: 'personTimes' },
            { title: t('classes.statCompleted'), dataIndex: 'completedPersons' },
          ]}
        />
      </Card>
      {creating ? <CreateClass year={year} onClose={() => setCreating(false)} /> : null}
    </Space>
  );
}

type CreateValues = Omit<ClassCreateInput, 'year'>;

function CreateClass({ year, onClose }: { year: number; onClose: () => void }) {
  const { t, pick } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const rotations = useRotations(year);
  const create = useClassMutation((input: ClassCreateInput) => classesApi.create(input));
  const [form] = Form.useForm<CreateValues>();
  return (
    <Modal open title={t('classes.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <ErrorAlert error={create.error} />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ orgId: homeOrgOf(me) ?? undefined, type: 'thematic', targetGroup: 'all_members', capacity: 50, selfEnrolment: false, rotationId: null }}
        onFinish={(v) =>
          create.mutate({ ...v, year }, { onSuccess: (cls) => (void message.success(t('classes.saved')), onClose(), void navigate(`/classes/${cls.id}`)) })
        }
      >
        <Form.Item name="orgId" label={t('classes.org')} rules={[{ required: true }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="title" label={t('classes.name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="type" label={t('classes.type')}>
          <Select options={classTypes.map((c) => ({ value: c, label: pick(classTypeLabels[c]) }))} />
        </Form.Item>
        <Form.Item name="targetGroup" label={t('classes.targetGroup')}>
          <Select options={trainingTargetGroups.map((g) => ({ value: g, label: pick(trainingTargetGroupLabels[g]) }))} />
        </Form.Item>
        <Form.Item name="rotationId" label={t('classes.rotation')}>
          <Select
            options={[{ value: null, label: t('classes.noRotation') }, ...(rotations.data?.items ?? []).filter((r) => r.status === 'open').map((r) => ({ value: r.id, label: r.title }))]}
          />
        </Form.Item>
        <Form.Item name="capacity" label={t('classes.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={5000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="selfEnrolment" label={t('classes.selfEnrolment')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="venue" label={t('classes.venue')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
