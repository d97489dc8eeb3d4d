/**
 * 我的学时 (phone width): the member's progress against this year's requirement with the reasons
 * and the articles it rests on, the ledger by source and entry, recommendations from their own
 * gaps, and manual-entry requests. Only the member's own figures: no rankings, no comparison.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Progress, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { studyCreditSourceLabels, type ManualCreditInput } from '@pioneer/domain';
import { DateInput } from '../../components/DateInput.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useMyLedger, useMyManual, useMyProgress, useRequestMine } from './queries.ts';
import { reasonText } from './reason.ts';

const statusColor = { met: 'green', short: 'orange', exempt: 'blue' } as const;

export function MyHoursPage() {
  const { t, lang } = useI18n();
  const [year, setYear] = useState(dayjs().year());
  const progress = useMyProgress(year);
  const ledger = useMyLedger(year);
  const p = progress.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 480 }}>
      <Space>
        <Typography.Text>{t('trainingNeeds.year')}</Typography.Text>
        <Select aria-label={t('trainingNeeds.year')} value={year} onChange={setYear} options={[0, 1, 2].map((i) => ({ value: dayjs().year() - i, label: String(dayjs().year() - i) }))} />
      </Space>
      {progress.error ? <ErrorAlert error={progress.error} /> : null}
      {p ? (
        <Card title={t('trainingNeeds.requirement')} extra={<Tag color={statusColor[p.status]}>{t(`trainingNeeds.status.${p.status}`)}</Tag>}>
          {p.hoursRequired !== null ? (
            <>
              <Progress percent={Math.min(100, Math.round((p.hoursDone / p.hoursRequired) * 100))} status={p.status === 'met' ? 'success' : 'active'} />
              <Typography.Paragraph>{t('trainingNeeds.hoursOf', { done: p.hoursDone, required: p.hoursRequired })}</Typography.Paragraph>
            </>
          ) : (
            <Typography.Paragraph>{t('trainingNeeds.noHours')}</Typography.Paragraph>
          )}
          {p.centralisedRequired > 0 ? <Typography.Paragraph>{t('trainingNeeds.centralised', { done: p.centralisedDone, required: p.centralisedRequired })}</Typography.Paragraph> : null}
          <ul style={{ paddingInlineStart: 20 }}>
            {p.reasons.map((r, i) => (
              <li key={i}>{reasonText(r, lang)}</li>
            ))}
          </ul>
          {p.missed ? <Alert type="error" showIcon title={p.missed.reasons.map((r) => reasonText(r, lang)).join('；')} description={reasonText(p.missed.action, lang)} /> : null}
          {p.weak ? <Alert type="warning" showIcon title={p.weak.reasons.map((r) => reasonText(r, lang)).join('；')} description={reasonText(p.weak.action, lang)} /> : null}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            {t('trainingNeeds.sources')}：{p.requirement.sources.join('；')}
          </Typography.Paragraph>
        </Card>
      ) : null}
      {ledger.data ? (
        <Card title={t('trainingNeeds.bySource')}>
          <List
            size="small"
            dataSource={ledger.data.bySourceType.filter((s) => s.hours !== 0)}
            locale={{ emptyText: t('trainingNeeds.noEntries') }}
            renderItem={(s) => (
              <List.Item extra={<strong>{s.hours}</strong>}>{studyCreditSourceLabels[s.sourceType][lang]}</List.Item>
            )}
          />
          <Typography.Title level={5}>{t('trainingNeeds.entries')}</Typography.Title>
          <List
            size="small"
            dataSource={ledger.data.entries}
            locale={{ emptyText: t('trainingNeeds.noEntries') }}
            renderItem={(e) => (
              <List.Item extra={<strong>{e.hours}</strong>}>
                <List.Item.Meta title={e.description} description={`${e.creditedOn} · ${studyCreditSourceLabels[e.sourceType][lang]}`} />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {p ? (
        <Card title={t('trainingNeeds.recommendations')}>
          <List
            dataSource={p.recommendations}
            locale={{ emptyText: t('trainingNeeds.noRecommendations') }}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={reasonText(r.reason, lang)}
                  description={[
                    r.courses.length > 0 ? `${t('trainingNeeds.courses')}：${r.courses.map((c) => c.title).join('、')}` : null,
                    r.classes.length > 0 ? `${t('trainingNeeds.classes')}：${r.classes.map((c) => c.title).join('、')}` : null,
                  ]
                    .filter(Boolean)
                    .join('；')}
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <ManualRequest />
    </Space>
  );
}

function ManualRequest() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ManualCreditInput>();
  const mine = useMyManual();
  const request = useRequestMine();
  return (
    <Card title={t('trainingNeeds.manualTitle')}>
      <Typography.Paragraph type="secondary">{t('trainingNeeds.manualHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          request.mutate(values, {
            onSuccess: () => {
              form.resetFields();
              void message.success(t('trainingNeeds.submitted'));
            },
          })
        }
      >
        <Form.Item name="studiedOn" label={t('trainingNeeds.studiedOn')} rules={[{ required: true }]}>
          <DateInput notAfterToday />
        </Form.Item>
        <Form.Item name="hours" label={t('trainingNeeds.hours')} rules={[{ required: true }]}>
          <InputNumber min={0.5} max={8} step={0.5} />
        </Form.Item>
        <Form.Item name="description" label={t('trainingNeeds.description')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        {request.error ? <Alert type="error" title={errorText(request.error, t)} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={request.isPending}>
          {t('trainingNeeds.submit')}
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('trainingNeeds.myRequests')}
      </Typography.Title>
      <List
        size="small"
        dataSource={mine.data?.items ?? []}
        renderItem={(m) => (
          <List.Item extra={<Tag>{t(`trainingNeeds.manualStatus.${m.status}`)}</Tag>}>
            <List.Item.Meta title={`${m.studiedOn} · ${m.hours} ${t('trainingNeeds.hours')}`} description={[m.description, m.decisionNote].filter(Boolean).join(' — ')} />
          </List.Item>
        )}
      />
    </Card>
  );
}
