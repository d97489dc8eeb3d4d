/**
 * /cs/:token — what a class session's QR code opens on a member's phone: the class and session, one
 * big 签到 button, and a plain message for every other outcome (closed, not enrolled, no member
 * record). Whether a sign-in is accepted is the server's decision.
 */
import { Button, Card, Result, Skeleton, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { classesApi } from '../../api/classes.ts';
import { errorText } from '../../components/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useClassMutation, useClassSigninView } from './queries.ts';
import '../member-life/member-life.css';

export function ClassSignInPage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const view = useClassSigninView(token);
  const signIn = useClassMutation(() => classesApi.signIn(token));
  if (view.isPending) {
    return (
      <div className="phone-page">
        <Skeleton active />
      </div>
    );
  }
  const error = signIn.error ?? view.error;
  const data = signIn.data ?? view.data;
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="phone-page signin-page">
      <Typography.Title level={4}>{t('classes.signinTitle')}</Typography.Title>
      {data ? (
        <Card size="small">
          <Typography.Title level={5}>{data.classTitle}</Typography.Title>
          <Typography.Paragraph>
            {data.topic}
            <br />
            {dayjs(data.startsAt).format('YYYY-MM-DD HH:mm')} – {dayjs(data.endsAt).format('HH:mm')} {data.venue ?? ''}
          </Typography.Paragraph>
        </Card>
      ) : null}
      {error ? (
        <Result
          status="warning"
          title={code === 'CLASS_SIGNIN_CLOSED' ? t('classes.signinClosed') : code === 'CLASS_SIGNIN_NOT_ENROLLED' ? t('classes.signinNotEnrolled') : errorText(error, t)}
          subTitle={error instanceof ApiError ? error.message : null}
          extra={<Link to="/my-classes">{t('classes.toMyClasses')}</Link>}
        />
      ) : data?.myStatus === 'present' ? (
        <Result
          icon={<CheckCircleFilled style={{ color: '#389e0d' }} />}
          title={signIn.isSuccess ? t('classes.signinDone') : t('classes.signinAlready')}
          subTitle={data.signedInAt ? t('classes.signinAt', { time: dayjs(data.signedInAt).format('YYYY-MM-DD HH:mm') }) : undefined}
          extra={<Link to="/my-classes">{t('classes.toMyClasses')}</Link>}
        />
      ) : data && !data.enrolled ? (
        <Result status="warning" title={t('classes.signinNotEnrolled')} />
      ) : data && !data.signin.open ? (
        <Result status="warning" title={t('classes.signinClosed')} />
      ) : (
        <div className="signin-page__action">
          <Button type="primary" size="large" block className="signin-page__button" loading={signIn.isPending} onClick={() => signIn.mutate(undefined)}>
            {t('classes.signinButton')}
          </Button>
        </div>
      )}
    </div>
  );
}
