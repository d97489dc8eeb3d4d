/**
 * Picks a period of organisational life — a month, a quarter or a year — and hands back its key
 * ('2026-07', '2026-Q3', '2026'), the form the API takes. The keys and labels come from
 * @pioneer/domain, so the picker and the server agree on what "Q3" is. Periods that have not begun
 * cannot be picked (the server refuses them too).
 */
import { DatePicker, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { parsePeriodKey, periodBounds, periodKey, periodLabel, periodOf, type PeriodKind } from '@pioneer/domain';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

const kindLabel: Record<PeriodKind, MessageKey> = { month: 'periodPicker.month', quarter: 'periodPicker.quarter', year: 'periodPicker.year' };

/** The period of a kind containing a day (the browser's today when none is given). */
export function periodKeyOf(kind: PeriodKind, day: Dayjs = dayjs()): string {
  return periodKey(periodOf(kind, day.format('YYYY-MM-DD')));
}

/** The kind of a period key, or null when the key is not one. */
export function periodKindOf(key: string | null | undefined): PeriodKind | null {
  return (key && parsePeriodKey(key)?.kind) || null;
}

/** '2026年第三季度' / 'Q3 2026'; the key itself when it is not a period. */
export function usePeriodLabel(): (key: string) => string {
  const { lang } = useI18n();
  return (key) => {
    const p = parsePeriodKey(key);
    return p ? periodLabel(p, lang) : key;
  };
}

type Props = {
  value: string;
  onChange: (key: string) => void;
  /** The kinds offered; one kind hides the switch. */
  kinds?: readonly PeriodKind[];
  id?: string;
};

export function PeriodPicker({ value, onChange, kinds = ['month', 'quarter', 'year'], id }: Props) {
  const { t } = useI18n();
  const label = usePeriodLabel();
  const period = parsePeriodKey(value);
  const kind = period?.kind ?? kinds[0]!;
  const day = period ? dayjs(periodBounds(period).first) : dayjs();
  return (
    <Space size={8} wrap>
      {kinds.length > 1 ? (
        <Segmented<PeriodKind>
          aria-label={t('periodPicker.kind')}
          value={kind}
          options={kinds.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
          // Switching the kind keeps the same moment: July 2026 becomes Q3 2026, then 2026.
          onChange={(k) => onChange(periodKeyOf(k, day))}
        />
      ) : null}
      <DatePicker
        id={id}
        picker={kind}
        allowClear={false}
        value={day}
        format={() => label(value)}
        disabledDate={(d) => d.isAfter(dayjs(), kind === 'quarter' ? 'month' : kind)}
        onChange={(d) => {
          if (d) onChange(periodKeyOf(kind, d));
        }}
        aria-label={t('periodPicker.pick')}
        style={{ width: 170 }}
      />
    </Space>
  );
}
