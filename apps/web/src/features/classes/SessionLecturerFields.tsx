/**
 * The lecturer of a class session inside the session form: a lecturer of the pool (searched by
 * name, pinyin or unit through GET /lecturers) with one of their courses (GET /lecturer-courses,
 * each shown with its direction, which goes onto the participants' credits), or a typed name for a
 * speaker who is not in the pool. The server checks that the course is the lecturer's.
 */
import { useState } from 'react';
import { Form, Input, Radio, Select } from 'antd';
import type { ClassSessionInput } from '@pioneer/domain';
import { useI18n } from '../../i18n/index.tsx';
import { useDirectionName } from '../teachers/components.tsx';
import { useCourses, useLecturers } from '../teachers/queries.ts';

export type SessionLecturerValues = { lecturerSource: 'pool' | 'typed'; lecturerId?: string; courseId?: string; lecturerName?: string };

/** The fields of the session input the chosen source sends (the other source's fields are left out). */
export function sessionLecturerInput(v: SessionLecturerValues): Pick<ClassSessionInput, 'lecturerId' | 'courseId' | 'lecturerName'> {
  return v.lecturerSource === 'pool' ? { lecturerId: v.lecturerId, courseId: v.courseId ?? null } : { lecturerName: v.lecturerName };
}

function LecturerSelect({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useLecturers({ q: q.trim() || undefined, pageSize: 20 });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t('classes.lecturerPick')}
      notFoundContent={found.isFetching ? t('common.loading') : t('common.noMatch')}
      options={(found.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}${l.unit ? `（${l.unit}）` : ''}` }))}
    />
  );
}

function CourseSelect({ lecturerId, value, onChange, id }: { lecturerId: string | undefined; value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const directions = useDirectionName();
  const courses = useCourses({ lecturerId, pageSize: 100 }, Boolean(lecturerId));
  return (
    <Select
      id={id}
      allowClear
      disabled={!lecturerId}
      value={value}
      onChange={onChange}
      placeholder={t('classes.coursePick')}
      notFoundContent={t('classes.noCourses')}
      options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title} · ${directions.name(c.direction)}` }))}
    />
  );
}

/** Form items of the session's lecturer; place inside the session form. */
export function SessionLecturerFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance<SessionLecturerValues>();
  const source = Form.useWatch('lecturerSource', form) ?? 'pool';
  const lecturerId = Form.useWatch('lecturerId', form);
  return (
    <>
      <Form.Item name="lecturerSource" label={t('classes.lecturer')}>
        <Radio.Group
          optionType="button"
          onChange={() => form.setFieldsValue({ lecturerId: undefined, courseId: undefined, lecturerName: undefined })}
          options={[
            { value: 'pool', label: t('classes.lecturerFromPool') },
            { value: 'typed', label: t('classes.lecturerTyped') },
          ]}
        />
      </Form.Item>
      {source === 'pool' ? (
        <>
          <Form.Item name="lecturerId" label={t('classes.poolLecturer')} rules={[{ required: true, message: t('classes.lecturerRequired') }]}>
            <LecturerSelect onChange={() => form.setFieldsValue({ courseId: undefined })} />
          </Form.Item>
          <Form.Item name="courseId" label={t('classes.courseOptional')} extra={t('classes.courseHint')}>
            <CourseSelect lecturerId={lecturerId} />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="lecturerName" label={t('classes.lecturerName')} extra={t('classes.lecturerHint')} rules={[{ required: true, message: t('classes.lecturerRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
      )}
    </>
  );
}
