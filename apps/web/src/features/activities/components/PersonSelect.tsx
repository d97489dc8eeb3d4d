/**
 * Picks people of an organisation's subtree by typing a name, pinyin or initials (GET /people):
 * the speaker, a guest who is a person of the deployment, the two sides of a heart-to-heart talk.
 * A preset value is shown by the name the caller already knows.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { peopleApi } from '../../../api/people.ts';
import { useI18n } from '../../../i18n/index.tsx';

type Known = { id: string; name: string };

type SingleProps = { mode?: undefined; value?: string | null; onChange?: (value: string | null) => void };
type MultipleProps = { mode: 'multiple'; value?: string[]; onChange?: (value: string[]) => void };

export function PersonSelect(props: (SingleProps | MultipleProps) & { orgId: string; known?: Known[]; id?: string; placeholder?: string; disabled?: boolean }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const term = q.trim();
  const search = useQuery({
    queryKey: ['people', 'pick', props.orgId, term],
    queryFn: () => peopleApi.list({ orgId: props.orgId, q: term, pageSize: 20 }),
    enabled: term.length > 0,
    staleTime: 10_000,
  });
  const found = (search.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }));
  const known = (props.known ?? []).filter((k) => !found.some((f) => f.value === k.id)).map((k) => ({ value: k.id, label: k.name }));
  const common = {
    id: props.id,
    showSearch: { filterOption: false as const, onSearch: setQ },
    allowClear: true,
    disabled: props.disabled,
    placeholder: props.placeholder ?? t('record.speakerPick'),
    notFoundContent: term ? (search.isFetching ? t('common.loading') : t('common.noMatch')) : t('record.speakerPick'),
    options: [...known, ...found],
    style: { width: '100%' },
  };
  if (props.mode === 'multiple') {
    return <Select<string[]> {...common} mode="multiple" value={props.value ?? []} onChange={(v) => props.onChange?.(v)} />;
  }
  return <Select<string> {...common} value={props.value ?? undefined} onChange={(v) => props.onChange?.(v ?? null)} />;
}
