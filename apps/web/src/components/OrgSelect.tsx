/**
 * Picks an organisation by typing part of its name or code (GET /orgs/search): for moving an
 * organisation, addressing a transfer letter, or granting a role.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { orgKindLabels, type OrgKind, type OrgView } from '@pioneer/domain';
import { orgsApi } from '../api/orgs.ts';
import { useI18n } from '../i18n/index.tsx';

type Props = {
  value?: string | null;
  onChange?: (value: string | null, org?: OrgView) => void;
  id?: string;
  /** Hide organisations the caller could not choose (e.g. the one being moved). */
  exclude?: (org: OrgView) => boolean;
  /** Only these kinds are offered (others are shown disabled). */
  kinds?: readonly OrgKind[];
  placeholder?: string;
};

export function OrgSelect({ value, onChange, id, exclude, kinds, placeholder }: Props) {
  const { t, pick } = useI18n();
  const [q, setQ] = useState('');
  const term = q.trim();
  const search = useQuery({ queryKey: ['orgs', 'search', term], queryFn: () => orgsApi.search(term), enabled: term.length > 0, staleTime: 10_000 });
  const found = search.data ?? [];
  // A value given from outside (e.g. ?orgId= in the address) is named, not shown as its id.
  const current = useQuery({ queryKey: ['orgs', 'detail', value ?? ''], queryFn: () => orgsApi.get(value!), enabled: Boolean(value) && !found.some((o) => o.id === value) });
  const candidates = current.data && !found.some((o) => o.id === current.data.id) ? [current.data, ...found] : found;
  const options = candidates
    .filter((o) => !exclude?.(o))
    .map((o) => ({
      value: o.id,
      org: o,
      disabled: kinds ? !kinds.includes(o.kind) : false,
      label: (
        <span>
          {o.name} <Tag style={{ marginInlineStart: 4 }}>{pick(orgKindLabels[o.kind])}</Tag>
          <span style={{ color: '#999' }}>{o.code}</span>
        </span>
      ),
    }));
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      placeholder={placeholder ?? t('org.searchPlaceholder')}
      notFoundContent={term ? (search.isFetching ? t('common.loading') : t('common.noMatch')) : t('org.typeToSearch')}
      options={options}
      onChange={(v, option) => onChange?.(v ?? null, (option as { org?: OrgView } | undefined)?.org)}
      style={{ width: '100%' }}
    />
  );
}
