/**
 * 新建活动: plan one activity of an organisation. Who should attend is derived by the server; only a
 * heart-to-heart talk names its participants. Only the kinds the chosen organisation can hold are
 * offered (canHoldKind, the rule the server applies): central-group study and democratic life
 * meetings when it has its own central study group, committee meetings when it has a committee.
 * Field checks come from the shared contract.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import {
  activityCreateInput,
  activityKindLabels,
  activityKinds,
  canHoldKind,
  centralGroupActivityKinds,
  isCentralGroupKind,
  studyFormLabels,
  studyForms,
  type ActivityCreateInput,
  type ActivityKind,
  type StudyForm,
} from '@pioneer/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { FieldDetail } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { applyServerErrors } from '../../../components/errors.ts';
import { homeOrgOf } from '../../../components/scope.ts';
import { schemaRule } from '../../../components/zodRules.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useCurrentUser } from '../../auth/session.tsx';
import { useCentralGroups } from '../../central-groups/queries.ts';
import { useOrg } from '../../orgs/queries.ts';
import { useCreateActivity } from '../queries.ts';
import { PersonSelect } from './PersonSelect.tsx';

type Values = {
  orgId: string | null;
  kind: ActivityKind;
  topic: string;
  start: Dayjs | null;
  durationMinutes: number | null;
  place?: string;
  onlineLink?: string;
  studyForm?: StudyForm;
  speakerMode: 'person' | 'name';
  speakerPersonId?: string | null;
  speakerName?: string;
  materials?: string;
  participantIds?: string[];
};

const FIELDS = [
  'orgId',
  'kind',
  'topic',
  'plannedStart',
  'plannedEnd',
  'place',
  'onlineLink',
  'studyForm',
  'speakerPersonId',
  'speakerName',
  'materials',
  'participantIds',
] as const;
const plannable = activityKinds.filter((k) => !isCentralGroupKind(k));

/**
 * Enter in a date picker confirms the typed date and time (the picker's own handling runs first);
 * it must not also submit the form around it, as the browser's implicit submission would.
 */
export const keepEnterInPicker = (event: KeyboardEvent<HTMLElement>) => {
  if (event.key === 'Enter') event.preventDefault();
};

export function NewActivityModal({ defaultOrgId, defaultDay, onClose }: { defaultOrgId?: string; defaultDay?: string; onClose: () => void }) {
  const { t, pick, lang } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const kind = Form.useWatch('kind', form);
  const orgId = Form.useWatch('orgId', form);
  const speakerMode = Form.useWatch('speakerMode', form);
  const shape = activityCreateInput.shape;
  // The organisation's own central group (the list covers its subtree: only its own group counts).
  const groups = useCentralGroups(orgId ?? null);
  const centralGroup = groups.data?.find((g) => g.orgId === orgId) ?? null;
  // Only the kinds the chosen organisation can hold (a branch without a committee holds no committee
  // meeting, a party committee no theme party day…); everything plannable until it has loaded.
  const org = useOrg(orgId ?? undefined);
  const holder = org.data && org.data.id === orgId ? { kind: org.data.kind, hasCommittee: org.data.hasCommittee, hasCentralGroup: centralGroup !== null } : null;
  const kinds: ActivityKind[] = holder
    ? activityKinds.filter((k) => canHoldKind(k, holder))
    : centralGroup
      ? [...plannable, ...centralGroupActivityKinds]
      : plannable;
  const firstKind = kinds[0];
  const kindHeld = kind === undefined || kinds.includes(kind);
  const holderKnown = holder !== null && !groups.isLoading;
  useEffect(() => {
    // The organisation changed under a kind it cannot hold: take the first kind it can.
    if (holderKnown && !kindHeld && firstKind) form.setFieldValue('kind', firstKind);
  }, [holderKnown, kindHeld, firstKind, form]);

  const onFinish = (v: Values) => {
    setFailure(null);
    const start = v.start!.second(0).millisecond(0);
    const input: ActivityCreateInput = {
      orgId: v.orgId!,
      kind: v.kind,
      topic: v.topic.trim(),
      plannedStart: start.format(),
      ...(v.durationMinutes ? { plannedEnd: start.add(v.durationMinutes, 'minute').format() } : {}),
      ...(v.place?.trim() ? { place: v.place.trim() } : {}),
      ...(v.onlineLink?.trim() ? { onlineLink: v.onlineLink.trim() } : {}),
      ...(v.studyForm ? { studyForm: v.studyForm } : {}),
      ...(v.speakerMode === 'person' && v.speakerPersonId ? { speakerPersonId: v.speakerPersonId } : {}),
      ...(v.speakerMode === 'name' && v.speakerName?.trim() ? { speakerName: v.speakerName.trim() } : {}),
      ...(v.materials?.trim() ? { materials: v.materials.trim() } : {}),
      ...(v.kind === 'heart_to_heart_talk' ? { participantIds: v.participantIds ?? [] } : {}),
      ...(isCentralGroupKind(v.kind) && centralGroup ? { centralGroupId: centralGroup.id } : {}),
    };
    create.mutate(input, {
      onSuccess: (detail) => {
        onClose();
        navigate(`/activities/${detail.id}`);
      },
      onError: (error) => setFailure({ error, details: applyServerErrors(form, error, FIELDS) }),
    });
  };

  return (
    <Modal open title={t('activities.newTitle')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 12 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={create.isPending}
        onFinish={onFinish}
        initialValues={{
          orgId: defaultOrgId ?? homeOrgOf(me),
          kind: 'theme_party_day',
          start: (defaultDay ? dayjs(defaultDay) : dayjs().add(1, 'day')).hour(14).minute(30).second(0),
          durationMinutes: 90,
          speakerMode: 'person',
        }}
      >
        <Form.Item label={t('activities.org')} name="orgId" rules={[{ required: true, message: t('activities.noOrg') }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item
          label={t('activities.kind')}
          name="kind"
          dependencies={['orgId']}
          rules={[
            { required: true },
            {
              // Changing the organisation may take its central group away from a chosen central-group kind.
              validator: (_, value: ActivityKind | undefined) =>
                value && isCentralGroupKind(value) && !centralGroup ? Promise.reject(new Error(t('activities.centralGroupMissing'))) : Promise.resolve(),
            },
          ]}
          extra={centralGroup ? t('activities.centralGroupOf', { group: centralGroup.name }) : t('activities.centralGroupElsewhere')}
        >
          <Select options={kinds.map((k) => ({ value: k, label: pick(activityKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item
          label={t('activities.topic')}
          name="topic"
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, schemaRule(shape.topic, t, lang)]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap size="middle" style={{ width: '100%' }}>
          <Form.Item label={t('activities.startAt')} name="start" rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" onKeyDown={keepEnterInPicker} />
          </Form.Item>
          <Form.Item label={t('activities.durationMinutes')} name="durationMinutes">
            <InputNumber min={5} max={720} step={15} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={t('activities.studyForm')} name="studyForm">
            <Select allowClear style={{ width: 180 }} options={studyForms.map((f) => ({ value: f, label: pick(studyFormLabels[f]) }))} />
          </Form.Item>
        </Space>
        <Form.Item label={t('activities.place')} name="place" rules={[schemaRule(shape.place, t, lang)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('activities.onlineLink')} name="onlineLink" rules={[schemaRule(shape.onlineLink, t, lang)]}>
          <Input maxLength={500} placeholder="https://" inputMode="url" />
        </Form.Item>
        {kind === 'heart_to_heart_talk' ? (
          <Form.Item label={t('activities.participants')} name="participantIds" extra={t('activities.participantsHint')}>
            {orgId ? <PersonSelect mode="multiple" orgId={orgId} /> : <Input disabled placeholder={t('activities.noOrg')} />}
          </Form.Item>
        ) : null}
        <Form.Item label={t('record.speaker')} name="speakerMode" style={{ marginBottom: 0 }}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: t('record.speakerMember') },
              { value: 'name', label: t('record.speakerName') },
            ]}
          />
        </Form.Item>
        {speakerMode === 'name' ? (
          <Form.Item name="speakerName" rules={[schemaRule(shape.speakerName, t, lang)]} style={{ marginTop: 8 }}>
            <Input maxLength={50} aria-label={t('record.speakerName')} />
          </Form.Item>
        ) : (
          <Form.Item name="speakerPersonId" style={{ marginTop: 8 }}>
            {orgId ? <PersonSelect orgId={orgId} /> : <Input disabled placeholder={t('activities.noOrg')} />}
          </Form.Item>
        )}
        <Form.Item label={t('record.materials')} name="materials" rules={[schemaRule(shape.materials, t, lang)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('activities.planSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
