/**
 * The people of an organisation, paginated, filtered and sorted by the server (GET /people):
 * search by name, pinyin, initials or the last four digits of an ID or phone number; category,
 * status and scope (the whole subtree or this organisation only). Numbers are masked; a row
 * opens the person's record.
 */
import { useState } from 'react';
import { Button, Input, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { personCategories, personStatuses, type PeopleListQuery, type PersonView } from '@pioneer/domain';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { CategoryTag, FlagTags, StatusTags } from '../../../components/PersonTags.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { PeopleQuery } from '../../../api/people.ts';
import { usePeople } from '../queries.ts';

type Filters = Omit<PeopleQuery, 'orgId'> & { page: number; pageSize: number };

type Props = {
  orgId: string;
  onOpen: (person: PersonView) => void;
  onCreate?: () => void;
  /** Extra toolbar buttons (export…). Receives the current filters. */
  toolbar?: (query: PeopleQuery) => React.ReactNode;
};

export function PeopleTable({ orgId, onOpen, onCreate, toolbar }: Props) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20, scope: 'subtree', sort: 'name' });
  const query: PeopleQuery = { orgId, ...filters };
  const people = usePeople(query);
  // Any filter change starts again from the first page.
  const refine = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const columns: TableColumnsType<PersonView> = [
    { key: 'name', dataIndex: 'name', title: t('person.name'), sorter: true, sortOrder: filters.sort === 'name' ? 'ascend' : null, width: 110, fixed: 'start' },
    { key: 'category', dataIndex: 'category', title: t('person.category'), sorter: true, sortOrder: filters.sort === 'category' ? 'ascend' : null, width: 160, render: (v: PersonView['category']) => <CategoryTag category={v} /> },
    { key: 'status', title: t('person.status'), width: 190, render: (_: unknown, p) => <StatusTags person={p} /> },
    { key: 'org', dataIndex: 'orgName', title: t('person.org'), width: 200, ellipsis: { showTitle: true } },
    { key: 'idNumber', dataIndex: 'idNumberMasked', title: t('person.idNumber'), width: 190, render: (v: string) => <span className="mono">{v}</span> },
    { key: 'phone', dataIndex: 'phoneMasked', title: t('person.phone'), width: 130, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { key: 'joinedOn', dataIndex: 'joinedOn', title: t('person.joinedOn'), sorter: true, sortOrder: filters.sort === 'joinedOn' ? 'ascend' : null, width: 120, render: (v: string | null) => v ?? '—' },
    { key: 'sex', dataIndex: 'sex', title: t('person.sex'), width: 80, render: (v: PersonView['sex']) => t(`sex.${v}`) },
    { key: 'flags', title: t('person.sectionFlags'), render: (_: unknown, p) => <FlagTags person={p} /> },
  ];

  return (
    <div>
      <div className="table-toolbar">
        <Input.Search
          allowClear
          className="table-toolbar__search"
          placeholder={t('people.searchPlaceholder')}
          aria-label={t('people.search')}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t('person.category')}
          aria-label={t('person.category')}
          style={{ width: 140 }}
          value={filters.category}
          onChange={(category) => refine({ category })}
          options={personCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <Select
          allowClear
          placeholder={t('person.status')}
          aria-label={t('person.status')}
          style={{ width: 130 }}
          value={filters.status}
          onChange={(status) => refine({ status })}
          options={personStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Segmented<NonNullable<PeopleListQuery['scope']>>
          value={filters.scope ?? 'subtree'}
          onChange={(scope) => refine({ scope })}
          options={[
            { value: 'subtree', label: t('people.scopeSubtree') },
            { value: 'direct', label: t('people.scopeDirect') },
          ]}
        />
        <Space style={{ marginInlineStart: 'auto' }}>
          {toolbar?.(query)}
          {onCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
              {t('people.create')}
            </Button>
          ) : null}
        </Space>
      </div>
      <ErrorAlert error={people.error} style={{ marginBottom: 12 }} />
      <Table<PersonView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={people.data?.items ?? []}
        loading={people.isFetching}
        scroll={{ x: 1400 }}
        onRow={(p) => ({ onClick: () => onOpen(p), style: { cursor: 'pointer' } })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: people.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? (s.columnKey as PeopleListQuery['sort']) : 'name';
            refine({ sort: key });
            return;
          }
          setFilters((f) => ({ ...f, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? f.pageSize }));
        }}
      />
    </div>
  );
}
