/**
 * Create an organisation (under a parent, or the root working committee) or edit one. The kinds
 * offered are those allowedChildKinds (@pioneer/domain) permits under the parent, so a 党小组 is
 * never offered under a 党委; the server's refusals land under their fields.
 */
import { useState } from 'react';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { allowedChildKinds, orgCreateInput, orgKindLabels, type OrgKind, type OrgView } from '@pioneer/domain';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { DateInput } from '../../../components/DateInput.tsx';
import { applyServerErrors } from '../../../components/errors.ts';
import { schemaRule } from '../../../components/zodRules.ts';
import { ApiError, type FieldDetail } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useCreateOrg, useUpdateOrg } from '../queries.ts';

type FormValues = { code: string; name: string; kind: OrgKind; establishedOn: string | null; hasCommittee: boolean };
const FIELDS = ['code', 'name', 'kind', 'establishedOn', 'hasCommittee'] as const;
/** Refusals that concern one field but come without details. */
const FIELD_OF_CODE: Record<string, (typeof FIELDS)[number]> = { ORG_CODE_TAKEN: 'code', ORG_KIND_NOT_ALLOWED: 'kind' };

export type OrgFormMode = { kind: 'create'; parent: OrgView | null } | { kind: 'edit'; org: OrgView };

export function OrgFormModal({ mode, onClose, onSaved }: { mode: OrgFormMode; onClose: () => void; onSaved: (org: OrgView) => void }) {
  const { t, lang, pick } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const editing = mode.kind === 'edit' ? mode.org : null;
  const create = useCreateOrg();
  const update = useUpdateOrg(editing?.id ?? '');
  const saving = create.isPending || update.isPending;
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);

  const kinds: OrgKind[] = editing ? [editing.kind] : mode.kind === 'create' && mode.parent ? allowedChildKinds(mode.parent.kind) : ['working_committee'];
  const shape = orgCreateInput.shape;
  const initialValues: Partial<FormValues> = editing
    ? { code: editing.code, name: editing.name, kind: editing.kind, establishedOn: editing.establishedOn, hasCommittee: editing.hasCommittee }
    : { kind: kinds.length === 1 ? kinds[0] : undefined, establishedOn: null, hasCommittee: false };

  const title = editing
    ? t('org.editTitle', { name: editing.name })
    : mode.kind === 'create' && mode.parent
      ? t('org.createChildTitle', { parent: mode.parent.name })
      : t('org.createRootTitle');

  const onError = (error: unknown) => {
    const field = error instanceof ApiError && error.details.length === 0 ? FIELD_OF_CODE[error.code] : undefined;
    if (field) {
      form.setFields([{ name: field, errors: [(error as ApiError).message] }]);
      return;
    }
    setFailure({ error, details: applyServerErrors(form, error, FIELDS) });
  };

  const onFinish = (values: FormValues) => {
    setFailure(null);
    const common = { code: values.code.trim(), name: values.name.trim(), establishedOn: values.establishedOn ?? null, hasCommittee: values.hasCommittee };
    if (editing) update.mutate(common, { onSuccess: onSaved, onError });
    else create.mutate({ ...common, kind: values.kind, parentId: mode.kind === 'create' ? (mode.parent?.id ?? null) : null }, { onSuccess: onSaved, onError });
  };

  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 16 }} />
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={saving}>
        <Form.Item label={t('org.name')} name="name" rules={[schemaRule(shape.name, t, lang)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('org.code')} name="code" rules={[schemaRule(shape.code, t, lang)]} extra={t('org.codeHint')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label={t('org.kind')} name="kind" rules={[schemaRule(shape.kind, t, lang)]}>
          <Select disabled={Boolean(editing) || kinds.length === 1} options={kinds.map((k) => ({ value: k, label: pick(orgKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item label={t('org.establishedOn')} name="establishedOn">
          <DateInput notAfterToday allowClear />
        </Form.Item>
        <Form.Item label={t('org.hasCommittee')} name="hasCommittee" valuePropName="checked" extra={t('org.hasCommitteeHint')}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
