/** A person's own training plans: the groups they belong to this year (from their record or a named list) and each group's plan. */
import { Card, Empty, List, Space, Tag } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDirectionName } from '../teachers/components.tsx';
import { useMyPlans } from './queries.ts';
import { useGroupKindLabel } from './TrainingGroupsPage.tsx';

export function MyTrainingPlansPage() {
  const { t } = useI18n();
  const year = new Date().getFullYear();
  const mine = useMyPlans(year);
  const kindLabel = useGroupKindLabel();
  const directions = useDirectionName();
  const groups = mine.data?.groups ?? [];
  return (
    <div className="phone-page">
      <ErrorAlert error={mine.error} style={{ marginBottom: 12 }} />
      {mine.data && groups.length === 0 ? <Empty description={t('trainingGroups.myEmpty')} /> : null}
      {groups.map((g) => (
        <Card key={g.groupId} title={g.groupName} extra={<Tag>{kindLabel(g)}</Tag>} style={{ marginBottom: 16 }}>
          <p className="muted">{g.orgName}</p>
          {g.plan ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <span>
                {t('trainingGroups.targetHours')}：{t('trainingGroups.hours', { hours: g.plan.targetHours })}
              </span>
              <span>
                {g.plan.directions.map((d) => (
                  <Tag key={d}>{directions.name(d)}</Tag>
                ))}
              </span>
              <List size="small" header={t('trainingGroups.topics')} dataSource={g.plan.topics} renderItem={(x) => <List.Item>{x.title}</List.Item>} />
              <List size="small" header={t('trainingGroups.courses')} dataSource={g.plan.courses} renderItem={(c) => <List.Item>{`${c.title}（${c.lecturerName}）`}</List.Item>} />
              {g.plan.notes ? <span className="muted">{g.plan.notes}</span> : null}
            </Space>
          ) : (
            <span className="muted">{t('trainingGroups.noPlan')}</span>
          )}
        </Card>
      ))}
    </div>
  );
}
