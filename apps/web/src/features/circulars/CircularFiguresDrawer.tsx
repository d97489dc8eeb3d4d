/**
 * The figures a stored circular was generated from, laid out as the document reads: totals, the
 * organisations that met every requirement, those that fell short and how, open make-up study,
 * the audits of central-group study and the closing requirements.
 */
import { Alert, Descriptions, Drawer, Empty, Space, Table, Tag, Typography } from 'antd';
import type { CircularFigures } from '@pioneer/domain';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePeriodLabel } from '../../components/PeriodPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FullPageSpin } from '../../app/guards.tsx';
import { ReasonList } from '../compliance/components/Verdicts.tsx';
import { useCircular } from './queries.ts';

export function CircularFiguresDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const circular = useCircular(id);
  const c = circular.data;
  return (
    <Drawer open onClose={onClose} size="large" title={c ? `${c.title}（${t('circular.versionN', { version: c.version })}）` : t('circular.viewFigures')}>
      {circular.isPending ? <FullPageSpin /> : null}
      <ErrorAlert error={circular.error} />
      {c ? <FiguresView figures={c.figures} /> : null}
    </Drawer>
  );
}

export function FiguresView({ figures: f }: { figures: CircularFigures }) {
  const { t } = useI18n();
  const periodLabel = usePeriodLabel();
  const interim = f.issuedOn < f.periodEnd;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {interim ? <Alert type="info" showIcon title={t('circular.interim', { day: f.issuedOn })} /> : null}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('circular.issuer')}>{f.issuer.name}</Descriptions.Item>
        <Descriptions.Item label={t('circular.period')}>
          {periodLabel(f.period)}（{f.periodStart} – {f.periodEnd}）
        </Descriptions.Item>
        <Descriptions.Item label={t('circular.issuedOn')}>{f.issuedOn}</Descriptions.Item>
        <Descriptions.Item label={t('circular.orgsJudged')}>{f.totals.orgsJudged}</Descriptions.Item>
        <Descriptions.Item label={t('circular.orgsAllMet')}>{f.totals.orgsAllMet}</Descriptions.Item>
        <Descriptions.Item label={t('circular.attendance')}>{t('circular.attendanceCounts', { present: f.totals.attendancePresent, expected: f.totals.attendanceExpected })}</Descriptions.Item>
      </Descriptions>

      <section>
        <Typography.Title level={5}>{t('circular.allMetTitle', { count: f.allMet.length })}</Typography.Title>
        {f.allMet.length ? (
          <Space size={[4, 4]} wrap>
            {f.allMet.map((o) => (
              <Tag key={o.orgId} color="success">
                {o.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('circular.none')} />
        )}
      </section>

      <section>
        <Typography.Title level={5}>{t('circular.shortfallsTitle', { count: f.shortfalls.length })}</Typography.Title>
        <Table
          rowKey="orgId"
          size="small"
          pagination={f.shortfalls.length > 10 ? { pageSize: 10 } : false}
          dataSource={f.shortfalls}
          columns={[
            { key: 'org', title: t('compliance.org'), dataIndex: 'name', width: 220 },
            { key: 'reasons', title: t('compliance.reasons'), render: (_, r) => <ReasonList reasons={r.reasons} /> },
          ]}
        />
      </section>

      <section>
        <Typography.Title level={5}>{t('circular.makeupTitle', { count: f.makeup.length })}</Typography.Title>
        <Table
          rowKey="orgId"
          size="small"
          pagination={f.makeup.length > 10 ? { pageSize: 10 } : false}
          dataSource={f.makeup}
          columns={[
            { key: 'org', title: t('compliance.org'), dataIndex: 'name' },
            { key: 'open', title: t('circular.makeupOpen'), dataIndex: 'open', width: 120 },
          ]}
        />
      </section>

      <section>
        <Typography.Title level={5}>{t('circular.auditsTitle')}</Typography.Title>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('circular.auditGroups')}>{f.audits.groups}</Descriptions.Item>
          <Descriptions.Item label={t('circular.auditGroupsAudited')}>{f.audits.groupsAudited}</Descriptions.Item>
          <Descriptions.Item label={t('circular.auditSessionsHeld')}>{f.audits.sessionsHeld}</Descriptions.Item>
          <Descriptions.Item label={t('circular.auditSessionsAudited')}>{f.audits.sessionsAudited}</Descriptions.Item>
          <Descriptions.Item label={t('circular.auditGroupsNotAudited')} span={2}>
            {f.audits.groupsNotAudited.length ? f.audits.groupsNotAudited.map((g) => <Tag key={g} color="warning">{g}</Tag>) : t('circular.none')}
          </Descriptions.Item>
        </Descriptions>
      </section>

      <section>
        <Typography.Title level={5}>{t('circular.requirementsTitle')}</Typography.Title>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {f.requirements.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ol>
      </section>
    </Space>
  );
}
