/**
 * 考核规则: the versions of the rule set of organisational life, each with its effective date, its
 * requirements (activity, which organisations, how often, on what basis), default study hours and
 * the make-up deadline. A committee officer of the root organisation may publish a new version
 * starting from the one in effect; the server checks it (effective after today, ids keep their
 * meaning…) and its messages are shown as they come.
 */
import { useState } from 'react';
import { App, Alert, Button, Card, Collapse, Descriptions, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { activityKindLabels, activityKinds, orgKindLabels, ruleSetInEffect, type Requirement, type RuleSet, type RuleSetView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { FullPageSpin } from '../../app/guards.tsx';
import { capabilitiesOf } from '../../app/roles.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { homeOrgOf } from '../../components/scope.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { useOrg } from '../orgs/queries.ts';
import { useAddRuleSet, useRuleSets } from './queries.ts';
import { activityName } from './shape.ts';

const perLabel: Record<Requirement['per'], MessageKey> = { month: 'periodPicker.month', quarter: 'periodPicker.quarter', year: 'periodPicker.year' };

export function RuleSetsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const homeOrg = useOrg(homeOrgOf(me) ?? undefined);
  // Rule sets hold for the whole deployment, so only the root's officers publish them (the server decides).
  const mayAdd = capabilitiesOf(me).committeeOfficer && homeOrg.data?.parentId === null;
  const sets = useRuleSets();
  const [adding, setAdding] = useState(false);

  if (sets.isPending) return <FullPageSpin />;
  const list = [...(sets.data ?? [])].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const today = dayjs().format('YYYY-MM-DD');
  const current = ruleSetInEffect(list, today);

  return (
    <Card
      title={t('ruleSets.title')}
      extra={
        mayAdd && current ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('ruleSets.addFromCurrent')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('ruleSets.intro')}</Typography.Paragraph>
      <ErrorAlert error={sets.error} />
      {list.length === 0 && !sets.error ? <Empty description={t('ruleSets.empty')} /> : null}
      <Collapse
        defaultActiveKey={current ? [current.id] : []}
        items={list.map((s) => ({
          key: s.id,
          label: (
            <Space size={8} wrap>
              <strong>{s.version}</strong>
              <span>
                {t('ruleSets.effectiveFrom')} {s.effectiveFrom}
              </span>
              {s.id === current?.id ? (
                <Tag color="success">{t('ruleSets.inEffect')}</Tag>
              ) : s.effectiveFrom > today ? (
                <Tag color="processing">{t('ruleSets.upcoming')}</Tag>
              ) : (
                <Tag>{t('ruleSets.past')}</Tag>
              )}
            </Space>
          ),
          children: <RuleSetDetail view={s} />,
        }))}
      />
      {adding && current ? <AddRuleSetModal base={current} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

function RuleSetDetail({ view }: { view: RuleSetView }) {
  const { t, pick, lang } = useI18n();
  const set = view.ruleSet;
  const columns: TableColumnsType<Requirement> = [
    {
      key: 'kind',
      title: t('ruleSets.activityKind'),
      width: 200,
      render: (_, r) => (
        <Tooltip title={r.id}>
          <span>{activityName(r.activityKind, r.studyForm, lang)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'applies',
      title: t('ruleSets.appliesTo'),
      width: 240,
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.appliesTo.orgKinds.map((k) => (
            <Tag key={k}>{pick(orgKindLabels[k])}</Tag>
          ))}
          {r.appliesTo.onlyWithCommittee ? <span className="muted">{t('ruleSets.onlyWithCommittee')}</span> : null}
          {r.appliesTo.onlyCentralGroup ? <span className="muted">{t('ruleSets.onlyCentralGroup')}</span> : null}
        </Space>
      ),
    },
    { key: 'freq', title: t('ruleSets.frequency'), width: 150, render: (_, r) => t('ruleSets.perMin', { per: t(perLabel[r.per]), min: r.min }) },
    { key: 'source', title: t('ruleSets.source'), dataIndex: 'source' },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {view.note ? <Alert type="info" title={view.note} /> : null}
      <Table<Requirement> rowKey="id" size="small" pagination={false} columns={columns} dataSource={set.requirements} scroll={{ x: 900 }} />
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered title={t('ruleSets.creditHours')}>
        {activityKinds.map((k) => (
          <Descriptions.Item key={k} label={pick(activityKindLabels[k])}>
            {set.creditHours[k] === null || set.creditHours[k] === undefined ? <span className="muted">{t('ruleSets.noCredit')}</span> : set.creditHours[k]}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text type="secondary">
        {t('ruleSets.makeupDueDays', { days: set.makeupDueDays })} · {t('ruleSets.createdAt')} {dayjs(view.createdAt).format('YYYY-MM-DD HH:mm')}
      </Typography.Text>
    </Space>
  );
}

type AddForm = { version: string; effectiveFrom: string | null; note?: string; makeupDueDays: number; mins: Record<string, number> };

/** A new version: the current set with a new version name, effective date and, where wanted, other minimums. */
function AddRuleSetModal({ base, onClose }: { base: RuleSetView; onClose: () => void }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddForm>();
  const add = useAddRuleSet();
  const details = add.error instanceof ApiError ? add.error.details : [];

  const submit = (values: AddForm) => {
    const ruleSet: RuleSet = {
      ...base.ruleSet,
      version: values.version,
      effectiveFrom: values.effectiveFrom ?? '',
      makeupDueDays: values.makeupDueDays,
      requirements: base.ruleSet.requirements.map((r) => ({ ...r, min: values.mins[r.id] ?? r.min })),
    };
    add.mutate(
      { ruleSet, note: values.note?.trim() || undefined },
      {
        onSuccess: (saved) => {
          void message.success(t('ruleSets.saved', { version: saved.version, date: saved.effectiveFrom }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      width={860}
      title={t('ruleSets.addTitle', { version: base.version })}
      okText={t('ruleSets.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('ruleSets.addHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={add.error} details={details} style={{ marginBottom: 16 }} />
      <Form<AddForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ version: '', effectiveFrom: null, makeupDueDays: base.ruleSet.makeupDueDays, mins: Object.fromEntries(base.ruleSet.requirements.map((r) => [r.id, r.min])) }}
      >
        <Space size="middle" wrap align="start">
          <Form.Item label={t('ruleSets.version')} name="version" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input placeholder={t('ruleSets.versionPlaceholder')} maxLength={64} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label={t('ruleSets.effectiveFrom')} name="effectiveFrom" rules={[{ required: true, message: t('validation.required') }]}>
            <DateInput style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label={t('ruleSets.makeupDueDaysLabel')} name="makeupDueDays" rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={1} max={366} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item label={t('ruleSets.note')} name="note">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Typography.Title level={5}>{t('ruleSets.requirements')}</Typography.Title>
        <Table<Requirement>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={base.ruleSet.requirements}
          columns={[
            { key: 'kind', title: t('ruleSets.activityKind'), render: (_, r) => activityName(r.activityKind, r.studyForm, lang) },
            { key: 'applies', title: t('ruleSets.appliesTo'), render: (_, r) => r.appliesTo.orgKinds.map((k) => pick(orgKindLabels[k])).join('、') },
            {
              key: 'min',
              title: t('ruleSets.frequency'),
              width: 190,
              render: (_, r) => (
                <Space size={4}>
                  <span>{t(perLabel[r.per])}</span>
                  <Form.Item name={['mins', r.id]} noStyle>
                    <InputNumber min={0} max={366} precision={0} size="small" aria-label={`${r.id} min`} />
                  </Form.Item>
                </Space>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}
