/**
 * Issue a letter of transfer (组织关系转接介绍信) for a member: the receiving branch, the reason
 * and the validity (30 days by default). The member stays with the sender until it is accepted.
 */
import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { transferCreateInput, transferValidity, type PersonView } from '@pioneer/domain';
import type { FieldDetail } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { applyServerErrors } from '../../../components/errors.ts';
import { schemaRule } from '../../../components/zodRules.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useIssueTransfer } from '../queries.ts';

type FormValues = { toOrgId: string; reason: string; validDays: number };
const FIELDS = ['toOrgId', 'reason', 'validDays'] as const;

export function IssueTransferModal({ person, onClose, onIssued }: { person: PersonView; onClose: () => void; onIssued: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const issue = useIssueTransfer();
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const shape = transferCreateInput.shape;

  const onFinish = (values: FormValues) => {
    setFailure(null);
    issue.mutate(
      { personId: person.id, toOrgId: values.toOrgId, reason: values.reason.trim(), validDays: values.validDays },
      {
        onSuccess: (letter) => {
          void message.success(t('transfer.issued', { name: letter.personName, org: letter.toOrgName, date: letter.validUntil }));
          onIssued();
        },
        onError: (error) => setFailure({ error, details: applyServerErrors(form, error, FIELDS) }),
      },
    );
  };

  return (
    <Modal open title={t('transfer.issueTitle', { name: person.name })} okText={t('transfer.issue')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={issue.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('transfer.issueHint', { org: person.orgName })}</Typography.Paragraph>
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 16 }} />
      <Form<FormValues> form={form} layout="vertical" initialValues={{ validDays: transferValidity.defaultDays }} onFinish={onFinish} disabled={issue.isPending}>
        <Form.Item label={t('transfer.toOrg')} name="toOrgId" rules={[{ required: true, message: t('transfer.toOrgRequired') }]}>
          <OrgSelect exclude={(o) => o.id === person.orgId} kinds={['branch', 'general_branch']} />
        </Form.Item>
        <Form.Item label={t('transfer.reason')} name="reason" rules={[schemaRule(shape.reason, t, lang)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} placeholder={t('transfer.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('transfer.validDays')} name="validDays" rules={[schemaRule(shape.validDays, t, lang)]} extra={t('transfer.validDaysHint', { max: transferValidity.maxDays })}>
          <InputNumber min={transferValidity.minDays} max={transferValidity.maxDays} precision={0} suffix={t('common.days')} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
