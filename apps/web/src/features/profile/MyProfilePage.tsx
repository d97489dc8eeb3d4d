/**
 * A member's own record on a phone-width page: everything read-only except the fields a member
 * may keep up to date themselves (phone, address, education — ownProfileInput).
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ownProfileInput, type OwnProfileInput, type PersonView } from '@pioneer/domain';
import type { FieldDetail } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CategoryTag, StatusTags } from '../../components/PersonTags.tsx';
import { applyServerErrors } from '../../components/errors.ts';
import { phoneRule } from '../../components/ruleValidators.ts';
import { schemaRule } from '../../components/zodRules.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useMyProfile, useUpdateMyProfile } from '../people/queries.ts';

type FormValues = { phone?: string; address?: string; education?: string };
const FIELDS = ['phone', 'address', 'education'] as const;

export function MyProfilePage() {
  const { t } = useI18n();
  const profile = useMyProfile();
  const [editing, setEditing] = useState(false);

  return (
    <div className="phone-page">
      <Typography.Title level={4}>{t('profile.title')}</Typography.Title>
      {profile.isPending ? <Skeleton active /> : null}
      {profile.isError ? <Result status="info" title={<ErrorAlert error={profile.error} />} /> : null}
      {profile.data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={t('profile.party')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'name', label: t('person.name'), children: profile.data.name },
                { key: 'org', label: t('person.org'), children: profile.data.orgName },
                { key: 'category', label: t('person.category'), children: <CategoryTag category={profile.data.category} /> },
                { key: 'joinedOn', label: t('person.joinedOn'), children: profile.data.joinedOn ?? '—' },
                { key: 'confirmedOn', label: t('person.confirmedOn'), children: profile.data.confirmedOn ?? '—' },
                { key: 'status', label: t('person.status'), children: <StatusTags person={profile.data} /> },
              ]}
            />
          </Card>
          <Card size="small" title={t('profile.personal')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'sex', label: t('person.sex'), children: t(`sex.${profile.data.sex}`) },
                { key: 'birthDate', label: t('person.birthDate'), children: profile.data.birthDate },
                { key: 'idNumber', label: t('person.idNumber'), children: <span className="mono">{profile.data.idNumberMasked}</span> },
                { key: 'ethnicity', label: t('person.ethnicity'), children: profile.data.ethnicity ?? '—' },
                { key: 'post', label: t('person.post'), children: profile.data.post ?? '—' },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('profile.contact')}
            extra={
              editing ? null : (
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
              )
            }
          >
            {editing ? (
              <ProfileForm person={profile.data} onDone={() => setEditing(false)} />
            ) : (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'phone', label: t('person.phone'), children: <span className="mono">{profile.data.phoneMasked ?? '—'}</span> },
                  { key: 'address', label: t('person.address'), children: profile.data.address ?? '—' },
                  { key: 'education', label: t('person.education'), children: profile.data.education ?? '—' },
                ]}
              />
            )}
          </Card>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('profile.otherFields')}
          </Typography.Paragraph>
        </Space>
      ) : null}
    </div>
  );
}

function ProfileForm({ person, onDone }: { person: PersonView; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateMyProfile();
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const shape = ownProfileInput.shape;

  const onFinish = (v: FormValues) => {
    setFailure(null);
    const input: OwnProfileInput = {
      // The phone on file is only shown masked: an empty field keeps it.
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      address: v.address?.trim() || null,
      education: v.education?.trim() || null,
    };
    update.mutate(input, {
      onSuccess: () => {
        void message.success(t('profile.saved'));
        onDone();
      },
      onError: (error) => setFailure({ error, details: applyServerErrors(form, error, FIELDS) }),
    });
  };

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={{ address: person.address ?? '', education: person.education ?? '' }} onFinish={onFinish} disabled={update.isPending}>
      <ErrorAlert error={failure?.error} details={failure?.details} style={{ marginBottom: 12 }} />
      <Form.Item label={t('person.phone')} name="phone" rules={[schemaRule(shape.phone, t, lang), phoneRule(lang)]} extra={person.phoneMasked ? t('person.phoneKeep', { masked: person.phoneMasked }) : undefined}>
        <Input inputMode="tel" maxLength={30} autoComplete="tel" />
      </Form.Item>
      <Form.Item label={t('person.address')} name="address" rules={[schemaRule(shape.address, t, lang)]}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} autoComplete="street-address" />
      </Form.Item>
      <Form.Item label={t('person.education')} name="education" rules={[schemaRule(shape.education, t, lang)]}>
        <Input maxLength={30} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
