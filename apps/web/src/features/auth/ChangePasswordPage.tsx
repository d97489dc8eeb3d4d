/**
 * Password change: forced at first login (and after a reset), or chosen from the user menu.
 * Shows the policy as a checklist, checks the confirmation locally, and puts the server's
 * per-rule refusals under the field they concern.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { homePathFor } from '../../app/roles.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { applyServerErrors } from '../../components/errors.ts';
import { ApiError, type FieldDetail } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PasswordPolicy } from './PasswordPolicy.tsx';
import { useChangePassword, useCurrentUser, useLogout } from './session.tsx';

type FormValues = { currentPassword: string; newPassword: string; confirm: string };
const FIELDS = ['currentPassword', 'newPassword'] as const;
/** Refusals that concern one field but come without details. */
const FIELD_OF_CODE: Record<string, (typeof FIELDS)[number]> = { PASSWORD_CURRENT_WRONG: 'currentPassword', PASSWORD_UNCHANGED: 'newPassword' };

export function ChangePasswordPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const change = useChangePassword();
  const logout = useLogout();
  const [unmatched, setUnmatched] = useState<FieldDetail[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const forced = me.mustChangePassword;

  const onFinish = ({ currentPassword, newPassword: next }: FormValues) => {
    setFailure(null);
    change.mutate(
      { currentPassword, newPassword: next },
      {
        onSuccess: () => navigate(homePathFor(me), { replace: true }),
        onError: (error) => {
          const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
          if (field) {
            form.setFields([{ name: field, errors: [error.message] }]);
            return;
          }
          const rest = applyServerErrors(form, error, FIELDS);
          setUnmatched(rest);
          if (!(error instanceof ApiError) || error.details.length === 0 || rest.length > 0) setFailure(error);
        },
      },
    );
  };

  return (
    <div className="auth-page">
      <div className="auth-page__lang">
        <LanguageSwitch />
      </div>
      <Card className="auth-card auth-card--wide">
        <Typography.Title level={3}>{t('password.title')}</Typography.Title>
        {forced ? <Alert type="warning" showIcon title={t('password.forced', { name: me.displayName })} style={{ marginBottom: 16 }} /> : null}
        <ErrorAlert error={failure} details={unmatched} style={{ marginBottom: 16 }} />
        <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending} requiredMark={false}>
          <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item label={t('password.new')} name="newPassword" rules={[{ required: true, message: t('password.newRequired') }]} extra={<PasswordPolicy password={newPassword} username={me.username} />}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('password.confirm')}
            name="confirm"
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: string) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.confirmMismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              {t('password.submit')}
            </Button>
            {forced ? (
              <Button onClick={() => logout.mutate()} disabled={logout.isPending}>
                {t('header.logout')}
              </Button>
            ) : (
              <Button onClick={() => navigate(homePathFor(me))}>{t('common.cancel')}</Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
