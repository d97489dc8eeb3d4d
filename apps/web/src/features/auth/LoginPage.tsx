/**
 * Login by username or phone number. Shows the server's reason for a refusal (wrong password,
 * locked account, rate limit) in the UI language, and continues to the forced password change
 * when the account must change its password first.
 */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation } from 'react-router';
import { homePathFor } from '../../app/roles.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { errorText } from '../../components/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useLogin, useMe } from './session.tsx';

type FormValues = { login: string; password: string };

export function LoginPage() {
  const { t } = useI18n();
  const location = useLocation();
  const { data: me } = useMe();
  const login = useLogin();
  const from = (location.state as { from?: string } | null)?.from;

  if (me) return <Navigate to={me.mustChangePassword ? '/change-password' : (from ?? homePathFor(me))} replace />;

  // On success the session query holds the account and the redirect above takes over.
  const onFinish = (values: FormValues) => login.mutate(values);

  return (
    <div className="auth-page">
      <div className="auth-page__lang">
        <LanguageSwitch />
      </div>
      <Card className="auth-card">
        <div className="auth-card__brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
        </div>
        {login.isError ? <Alert type="error" showIcon role="alert" title={errorText(login.error, t)} style={{ marginBottom: 16 }} /> : null}
        <Form<FormValues> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
          <Form.Item label={t('login.username')} name="login" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
