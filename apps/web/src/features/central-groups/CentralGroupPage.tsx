/**
 * One central study group (理论学习中心组): its members (with their own branches), the year's
 * study plan, the study sessions with one-study-one-report and auditing, members' writings and
 * study-note reviews. The year and tab live in the address.
 */
import { Card, Result, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../app/guards.tsx';
import { capabilitiesOf, hasRole } from '../../app/roles.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PeriodPicker, periodKeyOf } from '../../components/PeriodPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import '../compliance/compliance.css';
import './central-groups.css';
import { MembersCard } from './components/MembersCard.tsx';
import { NoteReviewsCard } from './components/NoteReviewsCard.tsx';
import { SessionsCard } from './components/SessionsCard.tsx';
import { StudyPlanCard } from './components/StudyPlanCard.tsx';
import { WritingsCard } from './components/WritingsCard.tsx';
import { useCentralGroup } from './queries.ts';

const tabs = ['members', 'plan', 'sessions', 'writings', 'notes'] as const;
type Tab = (typeof tabs)[number];

export function CentralGroupPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useCurrentUser();
  const caps = capabilitiesOf(me);
  const [params, setParams] = useSearchParams();
  const year = /^\d{4}$/.test(params.get('year') ?? '') ? Number(params.get('year')) : Number(periodKeyOf('year'));
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'members';
  const group = useCentralGroup(id);

  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  if (group.isPending) return <FullPageSpin />;
  if (group.isError) return <Result status="warning" title={<ErrorAlert error={group.error} />} />;
  const g = group.data;
  const leader = g.members.find((m) => m.role === 'leader');
  // The server lets the group's leader or a secretary over the organisation approve; this only hides the buttons from others.
  const mayDecide = hasRole(me, 'secretary') || (me.personId !== null && me.personId === leader?.personId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/central-groups">
        <ArrowLeftOutlined /> {t('cg.backToList')}
      </Link>
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <span>{g.name}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {g.orgName} · {t('cg.memberCount', { count: g.memberCount })}
              {leader ? ` · ${t('cg.roleLeader')} ${leader.name}` : ''}
            </Typography.Text>
          </Space>
        }
        extra={<PeriodPicker kinds={['year']} value={String(year)} onChange={(key) => set('year', key)} />}
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => set('tab', key)}
          items={[
            { key: 'members', label: t('cg.tabMembers'), children: tab === 'members' ? <MembersCard group={g} manage={caps.manager} /> : null },
            { key: 'plan', label: t('cg.tabPlan'), children: tab === 'plan' ? <StudyPlanCard groupId={g.id} year={year} manage={caps.manager} mayDecide={mayDecide} /> : null },
            {
              key: 'sessions',
              label: t('cg.tabSessions'),
              children: tab === 'sessions' ? <SessionsCard groupId={g.id} orgId={g.orgId} year={year} manage={caps.manager} committeeOfficer={caps.committeeOfficer} /> : null,
            },
            { key: 'writings', label: t('cg.tabWritings'), children: tab === 'writings' ? <WritingsCard group={g} year={year} manage={caps.manager} /> : null },
            { key: 'notes', label: t('cg.tabNotes'), children: tab === 'notes' ? <NoteReviewsCard group={g} manage={caps.manager} /> : null },
          ]}
        />
      </Card>
    </Space>
  );
}
