/**
 * Pieces of the teacher pool pages: direction and format labels, the lecturer form (add or
 * propose), the lecturer drawer with courses and the officer's decisions, the request form, and
 * the party lesson's speaker picker that the activity page can place beside its speaker field.
 */
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Tag } from 'antd';
import { courseFormatLabels, courseFormats, type CourseFormat, type LecturerCreateInput, type LecturerDetail, type LecturerRequestInput } from '@pioneer/domain';
import { capabilitiesOf } from '../../app/roles.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { homeOrgOf } from '../../components/scope.ts';
import { PersonSelect } from '../activities/components/PersonSelect.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { useActivityLecturer, useDirections, useLecturer, useLecturers, useTeacherMutations } from './queries.ts';

/** Direction names by code in the current language. */
export function useDirectionName() {
  const { pick } = useI18n();
  const directions = useDirections();
  const names = new Map((directions.data ?? []).map((d) => [d.code, pick({ 'zh-CN': d.nameZh, en: d.nameEn })]));
  return { name: (code: string) => names.get(code) ?? code, options: (directions.data ?? []).map((d) => ({ value: d.code, label: names.get(d.code)! })) };
}

export function useFormatOptions() {
  const { pick } = useI18n();
  return { label: (f: string) => pick(courseFormatLabels[f as CourseFormat]), options: courseFormats.map((f) => ({ value: f, label: pick(courseFormatLabels[f]) })) };
}

export function LecturerStatusTag({ status }: { status: LecturerDetail['status'] }) {
  const { t } = useI18n();
  const color = { proposed: 'processing', active: 'success', rejected: 'error', retired: 'default' }[status];
  return <Tag color={color}>{t(`teachers.status.${status}`)}</Tag>;
}

/** Officers add a lecturer to the pool; secretaries propose one from an organisation they manage. */
export function LecturerFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const officer = capabilitiesOf(me).committeeOfficer;
  const [form] = Form.useForm<LecturerCreateInput>();
  const kind = Form.useWatch('kind', form) ?? 'external';
  const proposedBy = Form.useWatch('proposedByOrgId', form);
  // An internal lecturer is picked among the people the user manages (a secretary: of the proposing organisation).
  const pickFrom = (officer ? null : proposedBy) ?? homeOrgOf(me);
  const directions = useDirectionName();
  const { createLecturer } = useTeacherMutations();
  const submit = (values: LecturerCreateInput) =>
    createLecturer.mutate(officer ? values : { ...values, proposedByOrgId: values.proposedByOrgId ?? homeOrgOf(me) ?? undefined }, {
      onSuccess: () => {
        void message.success(officer ? t('teachers.saved') : t('teachers.proposed'));
        form.resetFields();
        onClose();
      },
    });
  return (
    <Modal open={open} title={officer ? t('teachers.addTitleOfficer') : t('teachers.addTitleSecretary')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={createLecturer.isPending} destroyOnHidden>
      <ErrorAlert error={createLecturer.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ kind: 'external', directions: [] }} onFinish={submit}>
        <Form.Item name="kind" label={t('teachers.kind')}>
          <Radio.Group options={[{ value: 'external', label: t('teachers.external') }, { value: 'internal', label: t('teachers.internal') }]} />
        </Form.Item>
        {kind === 'internal' ? (
          <Form.Item name="personId" label={t('teachers.person')} extra={t('teachers.personHint')} rules={[{ required: true }]}>
            {pickFrom ? <PersonSelect orgId={pickFrom} placeholder={t('teachers.personPick')} /> : <Input disabled />}
          </Form.Item>
        ) : (
          <>
            <Form.Item name="name" label={t('teachers.name')} rules={[{ required: true }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="unit" label={t('teachers.unit')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={t('teachers.titleCol')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="directions" label={t('teachers.direction')} rules={[{ required: true }]}>
          <Select mode="multiple" options={directions.options} />
        </Form.Item>
        <Form.Item name="phone" label={t('teachers.phone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="bio" label={t('teachers.bio')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {officer ? null : (
          <Form.Item name="proposedByOrgId" label={t('teachers.proposedBy')}>
            <OrgSelect />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** A unit asks a lecturer to teach a party lesson or a class session. */
export function RequestModal({ lecturer, onClose }: { lecturer: LecturerDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<LecturerRequestInput>();
  const target = Form.useWatch('targetType', form) ?? 'party_lesson';
  const { request } = useTeacherMutations();
  const submit = (values: LecturerRequestInput) =>
    request.mutate(
      { ...values, lecturerId: lecturer.id, activityId: values.activityId || undefined, classSessionId: values.classSessionId || undefined, courseId: values.courseId || undefined },
      {
        onSuccess: () => {
          void message.success(t('teachers.requestSent'));
          onClose();
        },
      },
    );
  return (
    <Modal open title={t('teachers.requestTitle', { name: lecturer.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={request.isPending} destroyOnHidden>
      <ErrorAlert error={request.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ orgId: homeOrgOf(me), targetType: 'party_lesson' }} onFinish={submit}>
        <Form.Item name="orgId" label={t('teachers.requestOrg')} rules={[{ required: true }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="targetType" label={t('teachers.target')}>
          <Radio.Group
            options={[
              { value: 'party_lesson', label: t('teachers.target.party_lesson') },
              { value: 'class_session', label: t('teachers.target.class_session') },
            ]}
          />
        </Form.Item>
        <Form.Item name="courseId" label={t('teachers.course')}>
          <Select allowClear options={lecturer.courses.filter((c) => c.status === 'active').map((c) => ({ value: c.id, label: c.title }))} />
        </Form.Item>
        {target === 'party_lesson' ? (
          <Form.Item name="activityId" label={t('teachers.activityId')}>
            <Input />
          </Form.Item>
        ) : (
          <Form.Item name="classSessionId" label={t('teachers.classSessionId')}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="purpose" label={t('teachers.purpose')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="preferredDate" label={t('teachers.preferredDate')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
          <Input placeholder="2026-07-01" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A lecturer with their courses; officers decide proposals and add courses, managers request. */
export function LecturerDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const caps = capabilitiesOf(useCurrentUser());
  const lecturer = useLecturer(id);
  const directions = useDirectionName();
  const formats = useFormatOptions();
  const mutations = useTeacherMutations();
  const [requesting, setRequesting] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [courseForm] = Form.useForm();
  const l = lecturer.data;
  return (
    <Drawer open title={l?.name ?? t('teachers.detail')} onClose={onClose} size="large">
      <ErrorAlert error={lecturer.error ?? mutations.approve.error ?? mutations.reject.error ?? mutations.addCourse.error} style={{ marginBottom: 12 }} />
      {l ? (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('teachers.kind')}>{l.kind === 'internal' ? t('teachers.internal') : t('teachers.external')}</Descriptions.Item>
            <Descriptions.Item label={t('teachers.titleCol')}>{l.title ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('teachers.unit')}>{l.unit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('teachers.direction')}>{l.directions.map((d) => <Tag key={d}>{directions.name(d)}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('teachers.phone')}>{l.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('teachers.status')}>
              <LecturerStatusTag status={l.status} /> {l.rejectReason ? `${t('teachers.reason')}：${l.rejectReason}` : null}
            </Descriptions.Item>
            {l.proposedByOrgName ? <Descriptions.Item label={t('teachers.proposedBy')}>{l.proposedByOrgName}</Descriptions.Item> : null}
            <Descriptions.Item label={t('teachers.bio')}>{l.bio ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Space wrap>
            {caps.manager && l.status === 'active' ? (
              <Button type="primary" onClick={() => setRequesting(true)}>
                {t('teachers.request')}
              </Button>
            ) : null}
            {caps.committeeOfficer && l.status === 'proposed' ? (
              <>
                <Button type="primary" onClick={() => mutations.approve.mutate(l.id)} loading={mutations.approve.isPending}>
                  {t('teachers.approve')}
                </Button>
                <Button danger onClick={() => setRejecting(true)}>
                  {t('teachers.reject')}
                </Button>
              </>
            ) : null}
          </Space>
          <List
            header={t('teachers.courses')}
            size="small"
            bordered
            locale={{ emptyText: t('teachers.noCourses') }}
            dataSource={l.courses}
            renderItem={(c) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <span>
                    {c.title} {c.status === 'retired' ? <Tag>{t('teachers.status.retired')}</Tag> : null}
                  </span>
                  <span className="muted">
                    {directions.name(c.direction)} · {formats.label(c.format)} · {c.minutes} min
                  </span>
                </Space>
              </List.Item>
            )}
          />
          {caps.committeeOfficer ? (
            <Form form={courseForm} layout="inline" onFinish={(input) => mutations.addCourse.mutate({ lecturerId: l.id, input }, { onSuccess: () => courseForm.resetFields() })}>
              <Form.Item name="title" rules={[{ required: true }]}>
                <Input placeholder={t('teachers.courseTitle')} />
              </Form.Item>
              <Form.Item name="direction" rules={[{ required: true }]}>
                <Select placeholder={t('teachers.direction')} options={directions.options} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="format" rules={[{ required: true }]}>
                <Select placeholder={t('teachers.format')} options={formats.options} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="minutes" rules={[{ required: true }]}>
                <InputNumber min={10} max={6000} placeholder={t('teachers.minutes')} />
              </Form.Item>
              <Button htmlType="submit" loading={mutations.addCourse.isPending}>
                {t('teachers.addCourse')}
              </Button>
            </Form>
          ) : null}
        </Space>
      ) : null}
      {requesting && l ? <RequestModal lecturer={l} onClose={() => setRequesting(false)} /> : null}
      <Modal
        open={rejecting}
        title={t('teachers.reject')}
        onCancel={() => setRejecting(false)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => l && mutations.reject.mutate({ id: l.id, reason }, { onSuccess: () => setRejecting(false) })}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('teachers.rejectReason')} />
      </Modal>
    </Drawer>
  );
}

/**
 * The party lesson's speaker from the pool. The activity page places it beside its speaker field
 * (one line there); choosing sets the activity's speaker, clearing drops the pool's lecturer.
 */
export function LecturerSpeakerPicker({ activityId }: { activityId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const current = useActivityLecturer(activityId);
  const found = useLecturers({ q: q.trim() || undefined, pageSize: 20 });
  const { setSpeaker } = useTeacherMutations();
  const options = (found.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}${l.unit ? `（${l.unit}）` : ''}` }));
  if (current.data?.lecturerId && !options.some((o) => o.value === current.data.lecturerId)) options.unshift({ value: current.data.lecturerId, label: current.data.lecturerName ?? '' });
  return (
    <Space>
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        allowClear
        style={{ minWidth: 240 }}
        placeholder={t('teachers.fromPool')}
        aria-label={t('teachers.fromPool')}
        value={current.data?.lecturerId ?? undefined}
        options={options}
        onChange={(lecturerId: string | undefined) =>
          setSpeaker.mutate(
            { activityId, lecturerId: lecturerId ?? null },
            { onSuccess: (v) => void message.success(v.lecturerName ? t('teachers.speakerSet', { name: v.lecturerName }) : t('teachers.speakerCleared')) },
          )
        }
      />
      <ErrorAlert error={setSpeaker.error} />
    </Space>
  );
}
