/**
 * Create or edit a person record. Shape comes from personInput and the record-level rules from
 * checkPersonRecord (both @pioneer/domain, as on the server), shown under their fields before
 * anything is sent; the server's own refusals (e.g. an ID number registered elsewhere) are mapped
 * onto the fields by details[].path. A valid ID number fills in birth date and sex, which are
 * then read from it rather than typed a second time.
 */
import { useState } from 'react';
import { Alert, Checkbox, Col, Divider, Form, Input, Modal, Radio, Row, Select } from 'antd';
import {
  businessLineLabels,
  businessLines,
  checkIdNumber,
  checkPersonRecord,
  isPartyMember,
  personCategories,
  personInput,
  personStatuses,
  type BusinessLine,
  type PersonCategory,
  type PersonInput,
  type PersonStatus,
  type PersonView,
} from '@pioneer/domain';
import { ApiError, type FieldDetail } from '../../../api/client.ts';
import { DateInput, todayIso } from '../../../components/DateInput.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { applyServerErrors } from '../../../components/errors.ts';
import { idNumberRule, phoneRule } from '../../../components/ruleValidators.ts';
import { schemaRule } from '../../../components/zodRules.ts';
import { ruleText, useI18n } from '../../../i18n/index.tsx';
import { useCreatePerson, useUpdatePerson } from '../queries.ts';

export type PersonFormValues = {
  name: string;
  idNumber: string;
  sex?: 'male' | 'female';
  birthDate?: string | null;
  ethnicity?: string | null;
  education?: string | null;
  phone?: string | null;
  address?: string | null;
  post?: string | null;
  category?: PersonCategory;
  joinedOn?: string | null;
  confirmedOn?: string | null;
  status: PersonStatus;
  lostContactSince?: string | null;
  isLeadingCadre: boolean;
  isPartyAffairsWorker: boolean;
  isSecretary: boolean;
  isCommitteeMember: boolean;
  isInfirm: boolean;
  isRetired: boolean;
  studyExempt: boolean;
  studyExemptReason?: string | null;
  secretarySince?: string | null;
  businessLine?: BusinessLine | null;
};

const FIELDS = Object.keys(personInput.shape).filter((f) => f !== 'orgId');
const FLAGS = ['isLeadingCadre', 'isSecretary', 'isCommitteeMember', 'isPartyAffairsWorker', 'isInfirm', 'isRetired', 'studyExempt'] as const;
/** Refusals that name one field without details. */
const FIELD_OF_CODE: Record<string, string> = { PERSON_ID_NUMBER_TAKEN: 'idNumber', ID_NUMBER_TAKEN: 'idNumber' };

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** The form's values as the API's record: blanks become null, dates that do not apply are dropped. */
export function toPersonRecord(v: PersonFormValues): Omit<PersonInput, 'orgId'> {
  const member = v.category ? isPartyMember(v.category) : false;
  return {
    name: v.name?.trim() ?? '',
    idNumber: v.idNumber?.trim() ?? '',
    sex: v.sex as PersonInput['sex'],
    birthDate: v.birthDate ?? '',
    ethnicity: blankToNull(v.ethnicity),
    education: blankToNull(v.education),
    phone: blankToNull(v.phone),
    address: blankToNull(v.address),
    post: blankToNull(v.post),
    category: v.category as PersonCategory,
    joinedOn: member ? (v.joinedOn ?? null) : null,
    confirmedOn: v.category === 'full' ? (v.confirmedOn ?? null) : null,
    status: v.status,
    lostContactSince: v.status === 'lost_contact' ? (v.lostContactSince ?? null) : null,
    isLeadingCadre: v.isLeadingCadre,
    isPartyAffairsWorker: v.isPartyAffairsWorker,
    isSecretary: v.isSecretary,
    isCommitteeMember: v.isCommitteeMember,
    isInfirm: v.isInfirm,
    isRetired: v.isRetired,
    studyExempt: v.studyExempt,
    studyExemptReason: v.studyExempt ? blankToNull(v.studyExemptReason) : null,
    secretarySince: v.isSecretary ? (v.secretarySince ?? null) : null,
    businessLine: v.businessLine ?? null,
  };
}

function initialValuesOf(person: PersonView | null): Partial<PersonFormValues> {
  if (!person) {
    return { status: 'normal', ...Object.fromEntries(FLAGS.map((f) => [f, false])) };
  }
  return {
    name: person.name,
    // The full number is not in the view; the field stays empty unless the user replaces it.
    idNumber: '',
    sex: person.sex,
    birthDate: person.birthDate,
    ethnicity: person.ethnicity,
    education: person.education,
    phone: null,
    address: person.address,
    post: person.post,
    category: person.category,
    joinedOn: person.joinedOn,
    confirmedOn: person.confirmedOn,
    status: person.status,
    lostContactSince: person.lostContactSince,
    isLeadingCadre: person.isLeadingCadre,
    isPartyAffairsWorker: person.isPartyAffairsWorker,
    isSecretary: person.isSecretary,
    isCommitteeMember: person.isCommitteeMember,
    isInfirm: person.isInfirm,
    isRetired: person.isRetired,
    studyExempt: person.studyExempt,
    studyExemptReason: person.studyExemptReason,
    secretarySince: person.secretarySince,
    businessLine: person.businessLine,
  };
}

type Props = {
  /** Create in this organisation, or edit this person. */
  orgId?: string;
  person?: PersonView | null;
  onClose: () => void;
  onSaved: (person: PersonView) => void;
};

export function PersonFormModal({ orgId, person = null, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<PersonFormValues>();
  const create = useCreatePerson();
  const update = useUpdatePerson(person?.id ?? '');
  const saving = create.isPending || update.isPending;
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const editing = person !== null;

  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const category = Form.useWatch('category', form);
  const status = Form.useWatch('status', form);
  const studyExempt = Form.useWatch('studyExempt', form);
  const isSecretary = Form.useWatch('isSecretary', form);
  // When the number is valid it is the source of birth date and sex.
  const fromId = idNumber ? checkIdNumber(idNumber, todayIso()) : null;
  const derived = fromId?.ok === true;
  const member = category ? isPartyMember(category) : false;
  const shape = personInput.shape;
  const rule = (field: keyof typeof shape) => schemaRule(shape[field], t, lang);

  const idRule = idNumberRule(lang);

  const onValuesChange = (changed: Partial<PersonFormValues>) => {
    if (changed.idNumber === undefined) return;
    const check = checkIdNumber(changed.idNumber, todayIso());
    if (check.ok) {
      form.setFieldsValue({ birthDate: check.info.birthDate, sex: check.info.sex });
      void form.validateFields(['birthDate', 'sex']);
    }
  };

  const onError = (error: unknown) => {
    const field = error instanceof ApiError && error.details.length === 0 ? FIELD_OF_CODE[error.code] : undefined;
    if (field) {
      form.setFields([{ name: field as keyof PersonFormValues, errors: [(error as ApiError).message] }]);
      return;
    }
    setFailure({ error, details: applyServerErrors(form, error, FIELDS) });
  };

  const onFinish = (values: PersonFormValues) => {
    setFailure(null);
    const record = toPersonRecord(values);
    // When editing, an empty ID field means "keep the number on file": the record rules then
    // check everything but the number, which the server already holds and checked.
    const keepId = editing && !record.idNumber;
    const checked = checkPersonRecord(keepId ? { ...record, idNumber: '' } : record, todayIso());
    const issues = checked.issues.filter((i) => !(keepId && i.field === 'idNumber'));
    if (issues.length > 0) {
      const byField = new Map<string, string[]>();
      for (const i of issues) byField.set(i.field, [...(byField.get(i.field) ?? []), ruleText(lang, i.code) ?? i.code]);
      form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof PersonFormValues, errors })));
      return;
    }
    if (person) {
      // The full numbers are not in the view: fields left empty keep what is on file.
      const { idNumber: newId, phone, ...rest } = record;
      update.mutate(
        { ...rest, ...(keepId ? {} : { idNumber: newId }), ...(phone ? { phone } : {}), version: person.version },
        { onSuccess: onSaved, onError },
      );
    } else {
      create.mutate({ ...record, orgId: orgId! }, { onSuccess: onSaved, onError });
    }
  };

  return (
    <Modal
      open
      width={880}
      title={person ? t('person.editTitle', { name: person.name }) : t('person.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 16 }} />
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValuesOf(person)}
        onValuesChange={onValuesChange}
        onFinish={onFinish}
        disabled={saving}
        scrollToFirstError
      >
        <Divider titlePlacement="start" plain>
          {t('person.sectionBasic')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={t('person.name')} name="name" rules={[rule('name')]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              label={t('person.idNumber')}
              name="idNumber"
              validateTrigger="onBlur"
              rules={editing ? [idRule] : [rule('idNumber'), idRule]}
              extra={editing ? t('person.idNumberKeep', { masked: person.idNumberMasked }) : derived ? t('person.idDerived') : t('person.idNumberHint')}
            >
              <Input maxLength={30} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('person.sex')} name="sex" rules={[rule('sex')]}>
              <Radio.Group disabled={derived}>
                <Radio value="male">{t('sex.male')}</Radio>
                <Radio value="female">{t('sex.female')}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('person.birthDate')} name="birthDate" rules={[rule('birthDate')]}>
              <DateInput notAfterToday disabled={derived} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('person.ethnicity')} name="ethnicity" rules={[rule('ethnicity')]}>
              <Input maxLength={20} placeholder={t('person.ethnicityPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('person.phone')}
              name="phone"
              rules={[rule('phone'), phoneRule(lang)]}
              validateTrigger="onBlur"
              extra={editing && person.phoneMasked ? t('person.phoneKeep', { masked: person.phoneMasked }) : undefined}
            >
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('person.education')} name="education" rules={[rule('education')]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('person.post')} name="post" rules={[rule('post')]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('person.address')} name="address" rules={[rule('address')]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('person.sectionParty')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={t('person.category')} name="category" rules={[rule('category')]}>
              <Select options={personCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
            </Form.Item>
          </Col>
          {member ? (
            <Col xs={24} md={8}>
              <Form.Item label={t('person.joinedOn')} name="joinedOn" rules={[rule('joinedOn')]} extra={t('person.joinedOnHint')}>
                <DateInput notAfterToday allowClear />
              </Form.Item>
            </Col>
          ) : null}
          {category === 'full' ? (
            <Col xs={24} md={8}>
              <Form.Item label={t('person.confirmedOn')} name="confirmedOn" rules={[rule('confirmedOn')]}>
                <DateInput notAfterToday allowClear />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item label={t('person.status')} name="status" rules={[rule('status')]}>
              <Select options={personStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            </Form.Item>
          </Col>
          {status === 'lost_contact' ? (
            <Col xs={24} md={8}>
              <Form.Item label={t('person.lostContactSince')} name="lostContactSince" rules={[rule('lostContactSince')]}>
                <DateInput notAfterToday allowClear />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Divider titlePlacement="start" plain>
          {t('person.sectionFlags')}
        </Divider>
        <Row gutter={[16, 0]}>
          {FLAGS.map((flag) => (
            <Col xs={12} md={6} key={flag}>
              <Form.Item name={flag} valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox>{t(`person.${flag}`)}</Checkbox>
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={[16, 0]}>
          {isSecretary ? (
            <Col xs={24} md={8}>
              <Form.Item label={t('trainingNeeds.secretarySince')} name="secretarySince" rules={[rule('secretarySince')]}>
                <DateInput notAfterToday allowClear />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item label={t('trainingNeeds.businessLine')} name="businessLine">
              <Select allowClear options={businessLines.map((b) => ({ value: b, label: businessLineLabels[b][lang] }))} />
            </Form.Item>
          </Col>
        </Row>
        {studyExempt ? (
          <Form.Item label={t('person.studyExemptReason')} name="studyExemptReason" rules={[rule('studyExemptReason')]}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} placeholder={t('person.studyExemptReasonPlaceholder')} />
          </Form.Item>
        ) : null}
        {studyExempt ? <Alert type="info" showIcon title={t('person.studyExemptInfo')} /> : null}
      </Form>
    </Modal>
  );
}
