/**
 * 组织生活看板: how a subtree meets the rules of organisational life in a month, quarter or year —
 * KPI cards, compliance by requirement, a 12-month trend of compliance and attendance, and the
 * organisations that fall short with the server's verdict lines. A click on an organisation opens
 * its verdicts and the activities counted; a click on an activity opens its attendance. Every
 * figure and verdict comes from the server; the drill-down state lives in the address
 * (?org=&activity=) so the back button walks back through it.
 */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import type { Shortfall } from '@pioneer/domain';
import dayjs from 'dayjs';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { PeriodPicker } from '../../components/PeriodPicker.tsx';
import { useScope } from '../../components/scope.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ReasonList, useOrgKindLabel } from './components/Verdicts.tsx';
import { OrgComplianceDrawer } from './OrgComplianceDrawer.tsx';
import { useComplianceSummary, useShortfalls, useTrend } from './queries.ts';
import { complianceBarOption, percent, trendEndMonth, trendOption, type ChartTexts } from './shape.ts';

const kinds = ['month', 'quarter', 'year'] as const;

export function ComplianceDashboardPage() {
  const { t, lang } = useI18n();
  const scope = useScope({ kinds, defaultKind: 'quarter' });
  const orgKindLabel = useOrgKindLabel();
  const page = Number(scope.params.get('page') ?? '1') || 1;
  const pageSize = Number(scope.params.get('pageSize') ?? '20') || 20;
  const drillOrg = scope.params.get('org');
  const drillActivity = scope.params.get('activity');

  const summary = useComplianceSummary(scope.orgId, scope.period);
  const shortfalls = useShortfalls(scope.orgId, scope.period, page, pageSize);
  const trend = useTrend(scope.orgId, trendEndMonth(scope.period, dayjs().format('YYYY-MM-DD')));

  const texts = useMemo<ChartTexts>(
    () => ({ met: t('compliance.met'), notMet: t('compliance.notMet'), judged: t('compliance.judged'), complianceRate: t('compliance.rateAllMet'), attendanceRate: t('compliance.attendanceRate') }),
    [t],
  );
  const barOption = useMemo(() => complianceBarOption(summary.data?.requirements ?? [], lang, texts), [summary.data, lang, texts]);
  const lineOption = useMemo(() => trendOption(trend.data?.points ?? [], texts), [trend.data, texts]);

  const openOrg = (id: string | null) => scope.set({ org: id, activity: null }, { push: true });
  const setPeriod = (key: string) => scope.set({ period: key, page: null });
  const setOrg = (id: string | null) => scope.set({ orgId: id, page: null, org: null, activity: null });

  const columns: TableColumnsType<Shortfall> = [
    {
      key: 'org',
      title: t('compliance.org'),
      width: 260,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => openOrg(r.orgId)}>
            {r.orgName}
          </Button>
          <span className="muted">{orgKindLabel(r.orgKind)}</span>
        </Space>
      ),
    },
    { key: 'reasons', title: t('compliance.reasons'), render: (_, r) => <ReasonList reasons={r.reasons.map((v) => v.text)} /> },
  ];

  const s = summary.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('compliance.dashboardTitle')}
        extra={
          <Space size={8}>
            {scope.orgId ? (
              <Button icon={<ApartmentOutlined />} onClick={() => openOrg(scope.orgId)}>
                {t('compliance.thisOrg')}
              </Button>
            ) : null}
            <Link to="/compliance/rule-sets">{t('compliance.ruleSetsLink')}</Link>
          </Space>
        }
      >
        <div className="table-toolbar" style={{ marginBottom: 0 }}>
          <div style={{ width: 320 }}>
            <OrgSelect value={scope.orgId} onChange={setOrg} placeholder={t('compliance.pickOrg')} />
          </div>
          <PeriodPicker kinds={kinds} value={scope.period} onChange={setPeriod} />
          {s ? <Typography.Text type="secondary">{t('compliance.scopeLine', { org: s.orgName, period: s.periodLabel })}</Typography.Text> : null}
        </div>
      </Card>
      {!scope.orgId ? <Empty description={t('compliance.pickOrgFirst')} /> : null}
      <ErrorAlert error={summary.error} />

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Card loading={summary.isPending && Boolean(scope.orgId)} style={{ height: '100%' }}>
            <Statistic title={t('compliance.kpiJudged')} value={s?.orgsJudged ?? '—'} />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card loading={summary.isPending && Boolean(scope.orgId)} style={{ height: '100%' }}>
            <Statistic title={t('compliance.kpiAllMet')} value={s?.orgsAllMet ?? '—'} suffix={s ? <span className="muted kpi-suffix">{percent(s.rate)}</span> : null} />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card loading={summary.isPending && Boolean(scope.orgId)} style={{ height: '100%' }}>
            <Statistic title={t('compliance.kpiShortfalls')} value={shortfalls.data?.total ?? '—'} styles={{ content: { color: shortfalls.data?.total ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card loading={summary.isPending && Boolean(scope.orgId)} style={{ height: '100%' }}>
            <Statistic title={t('compliance.kpiAttendance')} value={s ? percent(s.attendance.rate) : '—'} />
            {s ? <Typography.Text type="secondary">{t('compliance.attendanceCounts', { present: s.attendance.present, expected: s.attendance.expected })}</Typography.Text> : null}
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('compliance.byRequirement')} size="small">
            {s && s.requirements.length === 0 ? (
              <Empty description={t('compliance.nothingJudged')} />
            ) : (
              <EChart option={barOption} label={t('compliance.byRequirement')} height={320} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('compliance.trendTitle')} size="small">
            <ErrorAlert error={trend.error} />
            <EChart option={lineOption} label={t('compliance.trendTitle')} height={320} />
          </Card>
        </Col>
      </Row>

      <Card title={t('compliance.shortfallsTitle')} size="small">
        <ErrorAlert error={shortfalls.error} style={{ marginBottom: 12 }} />
        <Table<Shortfall>
          rowKey="orgId"
          size="middle"
          columns={columns}
          dataSource={shortfalls.data?.items ?? []}
          loading={shortfalls.isFetching}
          locale={{ emptyText: t('compliance.noShortfalls') }}
          pagination={{ current: page, pageSize, total: shortfalls.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          onChange={(p) => scope.set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
        />
      </Card>

      {drillOrg ? (
        <OrgComplianceDrawer
          orgId={drillOrg}
          period={scope.period}
          activityId={drillActivity}
          onOpenActivity={(id) => scope.set({ activity: id }, { push: true })}
          onCloseActivity={() => scope.set({ activity: null }, { push: true })}
          onClose={() => openOrg(null)}
        />
      ) : null}
    </Space>
  );
}
