/** Counts of people by category for the organisation's whole subtree (GET /orgs/:id/counts). */
import { Card, Skeleton, Statistic } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useOrgCounts } from '../queries.ts';

export function OrgCounts({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const counts = useOrgCounts(orgId, true);
  if (counts.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (counts.isError) return <ErrorAlert error={counts.error} />;
  const c = counts.data;
  const cards: Array<{ key: string; label: MessageKey; value: number; color?: string; note?: string }> = [
    {
      key: 'members',
      label: 'counts.members',
      value: c.members,
      color: '#c62828',
      note: t('counts.membersSplit', { full: c.byCategory.full, probationary: c.byCategory.probationary }),
    },
    { key: 'candidate', label: 'category.candidate', value: c.byCategory.candidate },
    { key: 'activist', label: 'category.activist', value: c.byCategory.activist },
    { key: 'applicant', label: 'category.applicant', value: c.byCategory.applicant },
    { key: 'lost', label: 'status.lost_contact', value: c.lostContact, color: c.lostContact ? '#d46b08' : undefined },
    { key: 'flowing', label: 'status.flowing_out', value: c.flowingOut },
    { key: 'orgs', label: 'counts.organizations', value: c.organizations },
  ];
  return (
    <div className="count-grid">
      {cards.map((card) => (
        <Card key={card.key} size="small" className="count-card">
          <Statistic title={t(card.label)} value={card.value} styles={{ content: card.color ? { color: card.color } : undefined }} />
          {card.note ? <div className="muted">{card.note}</div> : null}
        </Card>
      ))}
    </div>
  );
}
