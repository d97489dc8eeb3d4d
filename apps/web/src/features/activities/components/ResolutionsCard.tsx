/**
 * 决议和表决: the votes of an assembly or committee meeting. Only ayes, nays and abstentions are
 * typed; how many should attend with a vote and how many were present come from the attendance
 * record, and whether the motion passed (and why) is the server's verdict, shown as it says it.
 * A vote the server refuses (no quorum, impossible counts) is explained in place.
 */
import { memo } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { resolutionInput, type ActivityDetail, type ResolutionInput } from '@pioneer/domain';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { schemaRule } from '../../../components/zodRules.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAddResolution } from '../queries.ts';

/** Memoised: marking attendance re-renders the page, not this card. */
export const ResolutionsCard = memo(function ResolutionsCard({ activity, disabled }: { activity: ActivityDetail; disabled: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResolutionInput>();
  const add = useAddResolution(activity.id);
  const shape = resolutionInput.shape;

  return (
    <Card size="small" title={t('resolutions.title')}>
      {activity.resolutions.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resolutions.empty')} /> : null}
      {activity.resolutions.map((r) => (
        <div key={r.id} className="record-line record-line--block" data-testid="resolution">
          <Space size={6} wrap>
            <Tag color={r.passed ? 'success' : 'error'}>{r.passed ? t('resolutions.passed') : t('resolutions.failed')}</Tag>
            <strong>{r.title}</strong>
            <span className="muted">
              {t('resolutions.tally', { ayes: r.ayes, nays: r.nays, abstentions: r.abstentions })} ·{' '}
              {t('resolutions.counts', { voting: r.votingMembers, present: r.presentVoting })}
            </span>
          </Space>
          <Typography.Paragraph type={r.passed ? 'success' : 'danger'} className="resolution-verdict">
            {r.verdict[lang]}
          </Typography.Paragraph>
        </div>
      ))}
      {disabled ? null : (
        <Form<ResolutionInput>
          form={form}
          layout="inline"
          className="record-add"
          disabled={add.isPending}
          initialValues={{ ayes: 0, nays: 0, abstentions: 0 }}
          onFinish={(v) =>
            add.mutate(
              { ...v, title: v.title.trim() },
              {
                onSuccess: (r) => {
                  form.resetFields();
                  void (r.resolution.passed ? message.success : message.warning)(r.resolution.verdict[lang]);
                },
              },
            )
          }
        >
          <ErrorAlert error={add.error} style={{ marginBottom: 8, width: '100%' }} />
          <Form.Item
            name="title"
            rules={[{ required: true, whitespace: true, message: t('resolutions.motionRequired') }, schemaRule(shape.title, t, lang)]}
            style={{ flex: '1 1 260px', marginBottom: 8 }}
          >
            <Input placeholder={t('resolutions.motion')} aria-label={t('resolutions.motion')} maxLength={300} />
          </Form.Item>
          <Form.Item label={t('resolutions.ayes')} name="ayes" rules={[{ required: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
            <InputNumber min={0} precision={0} style={{ width: 72 }} />
          </Form.Item>
          <Form.Item label={t('resolutions.nays')} name="nays" rules={[{ required: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
            <InputNumber min={0} precision={0} style={{ width: 72 }} />
          </Form.Item>
          <Form.Item
            label={t('resolutions.abstentions')}
            name="abstentions"
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ marginBottom: 8 }}
          >
            <InputNumber min={0} precision={0} style={{ width: 72 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} style={{ marginBottom: 8 }}>
            {t('resolutions.add')}
          </Button>
        </Form>
      )}
    </Card>
  );
});
