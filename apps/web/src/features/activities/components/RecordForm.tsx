/**
 * The record fields of an activity (actual time, place or link, form of study, speaker, topic,
 * materials, minutes), laid out for a laptop: short fields side by side, the long texts below.
 * The page owns the form and saves it together with the attendance.
 */
import { memo } from 'react';
import { Col, DatePicker, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import { activityRecordInput, studyFormLabels, studyForms, type ActivityDetail, type ActivityRecordInput, type StudyForm } from '@pioneer/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { schemaRule } from '../../../components/zodRules.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { PersonSelect } from './PersonSelect.tsx';

export type RecordValues = {
  actualStart: Dayjs | null;
  actualEnd: Dayjs | null;
  topic: string;
  place?: string;
  onlineLink?: string;
  studyForm?: StudyForm | null;
  speakerMode: 'person' | 'name';
  speakerPersonId?: string | null;
  speakerName?: string;
  materials?: string;
  minutes?: string;
};

/** Form fields the server's per-field errors can land on. */
export const RECORD_FIELDS = [
  'actualStart',
  'actualEnd',
  'topic',
  'place',
  'onlineLink',
  'studyForm',
  'speakerPersonId',
  'speakerName',
  'materials',
  'minutes',
] as const;

export function recordValuesOf(a: ActivityDetail): RecordValues {
  return {
    actualStart: dayjs(a.actualStart ?? a.plannedStart),
    actualEnd: a.actualEnd ? dayjs(a.actualEnd) : a.plannedEnd ? dayjs(a.plannedEnd) : null,
    topic: a.topic,
    place: a.place ?? '',
    onlineLink: a.onlineLink ?? '',
    studyForm: a.studyForm,
    speakerMode: a.speakerName && !a.speakerPersonId ? 'name' : 'person',
    speakerPersonId: a.speakerPersonId,
    speakerName: a.speakerPersonId ? '' : (a.speakerName ?? ''),
    materials: a.materials ?? '',
    minutes: a.minutes ?? '',
  };
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

export function recordInputOf(v: RecordValues, version: number): ActivityRecordInput {
  return {
    version,
    actualStart: v.actualStart!.second(0).millisecond(0).format(),
    actualEnd: v.actualEnd ? v.actualEnd.second(0).millisecond(0).format() : null,
    topic: v.topic.trim(),
    place: text(v.place),
    onlineLink: text(v.onlineLink),
    studyForm: v.studyForm ?? null,
    speakerPersonId: v.speakerMode === 'person' ? (v.speakerPersonId ?? null) : null,
    speakerName: v.speakerMode === 'name' ? text(v.speakerName) : null,
    materials: text(v.materials),
    minutes: text(v.minutes),
  };
}

/** Memoised: marking attendance re-renders the page, not this card. */
export const RecordForm = memo(function RecordForm({
  form,
  activity,
  disabled,
}: {
  form: FormInstance<RecordValues>;
  activity: ActivityDetail;
  disabled: boolean;
}) {
  const { t, pick, lang } = useI18n();
  const speakerMode = Form.useWatch('speakerMode', form);
  const shape = activityRecordInput.shape;
  const known = activity.speakerPersonId && activity.speakerName ? [{ id: activity.speakerPersonId, name: activity.speakerName }] : [];
  return (
    <Form<RecordValues> form={form} layout="vertical" disabled={disabled} initialValues={recordValuesOf(activity)} className="record-form">
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('record.actualStart')} name="actualStart" rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('record.actualEnd')} name="actualEnd">
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('record.studyForm')} name="studyForm">
            <Select allowClear options={studyForms.map((f) => ({ value: f, label: pick(studyFormLabels[f]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('record.place')} name="place" rules={[schemaRule(shape.place, t, lang)]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('record.topic')}
            name="topic"
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, schemaRule(shape.topic, t, lang)]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('record.onlineLink')} name="onlineLink" rules={[schemaRule(shape.onlineLink, t, lang)]}>
            <Input maxLength={500} placeholder="https://" inputMode="url" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('record.speaker')} required={false}>
        <div className="record-form__speaker">
          <Form.Item name="speakerMode" noStyle>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'person', label: t('record.speakerMember') },
                { value: 'name', label: t('record.speakerName') },
              ]}
            />
          </Form.Item>
          {speakerMode === 'name' ? (
            <Form.Item name="speakerName" noStyle rules={[schemaRule(shape.speakerName, t, lang)]}>
              <Input maxLength={50} aria-label={t('record.speakerName')} style={{ maxWidth: 320 }} />
            </Form.Item>
          ) : (
            <Form.Item name="speakerPersonId" noStyle>
              <PersonSelect orgId={activity.orgId} known={known} />
            </Form.Item>
          )}
        </div>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item label={t('record.materials')} name="materials" rules={[schemaRule(shape.materials, t, lang)]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item label={t('record.minutes')} name="minutes" rules={[schemaRule(shape.minutes, t, lang)]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
});
