/** Category and status of a person as tags, with the lost-contact flags (6 months, 2 years). */
import { Space, Tag, Tooltip } from 'antd';
import type { PersonCategory, PersonStatus, PersonView } from '@pioneer/domain';
import { useI18n } from '../i18n/index.tsx';

const categoryColor: Record<PersonCategory, string> = { full: 'red', probationary: 'volcano', candidate: 'gold', activist: 'blue', applicant: 'default' };

export function CategoryTag({ category }: { category: PersonCategory }) {
  const { t } = useI18n();
  return <Tag color={categoryColor[category]}>{t(`category.${category}`)}</Tag>;
}

export function StatusTags({ person }: { person: Pick<PersonView, 'status' | 'lostContactSince' | 'lostContactFlag'> }) {
  const { t } = useI18n();
  const status: PersonStatus = person.status;
  return (
    <Space size={4} wrap>
      {status === 'normal' ? <Tag color="green">{t('status.normal')}</Tag> : null}
      {status === 'flowing_out' ? <Tag color="blue">{t('status.flowing_out')}</Tag> : null}
      {status === 'lost_contact' ? (
        <Tooltip title={person.lostContactSince ? t('person.lostContactSinceTip', { date: person.lostContactSince }) : undefined}>
          <Tag color="orange">{t('status.lost_contact')}</Tag>
        </Tooltip>
      ) : null}
      {person.lostContactFlag === 'over_6_months' ? (
        <Tooltip title={t('flag.over6MonthsTip')}>
          <Tag color="red">{t('flag.over6Months')}</Tag>
        </Tooltip>
      ) : null}
      {person.lostContactFlag === 'over_2_years' ? (
        <Tooltip title={t('flag.over2YearsTip')}>
          <Tag color="magenta">{t('flag.over2Years')}</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** Short tags for the role flags (leading cadre, party-affairs worker, exempt…). */
export function FlagTags({ person }: { person: PersonView }) {
  const { t } = useI18n();
  const flags = [
    person.isLeadingCadre && t('person.isLeadingCadre'),
    person.isSecretary && t('person.isSecretary'),
    person.isCommitteeMember && t('person.isCommitteeMember'),
    person.isPartyAffairsWorker && t('person.isPartyAffairsWorker'),
    person.isInfirm && t('person.isInfirm'),
    person.isRetired && t('person.isRetired'),
    person.studyExempt && t('person.studyExempt'),
  ].filter((f): f is string => Boolean(f));
  if (flags.length === 0) return null;
  return (
    <Space size={4} wrap>
      {flags.map((f) => (
        <Tag key={f} variant="outlined">
          {f}
        </Tag>
      ))}
    </Space>
  );
}
