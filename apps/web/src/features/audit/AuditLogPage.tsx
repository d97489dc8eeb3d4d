/**
 * The audit log for the audit administrator: newest first, filtered by days, actor, action (an
 * exact action or its family) and entity; each entry opens to show what it changed (before and
 * after) and its details. The log is append-only: nothing here writes.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Card, DatePicker, Descriptions, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { AuditEntryView, AuditQuery } from '@pioneer/domain';
import dayjs from 'dayjs';
import { auditApi } from '../../api/audit.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { actionLabel, entityLabel, knownActions, knownEntityTypes } from '../../i18n/audit.ts';

type Filters = Partial<Omit<AuditQuery, 'page' | 'pageSize'>>;

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditLogPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...page };
  const log = useQuery({ queryKey: ['audit', query], queryFn: () => auditApi.list(query), placeholderData: keepPreviousData });
  const refine = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<AuditEntryView> = [
    { key: 'at', title: t('audit.at'), width: 170, render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss') },
    { key: 'actor', title: t('audit.actor'), width: 130, render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => (
        <span>
          {actionLabel(e.action, lang)} <Typography.Text type="secondary" className="mono">{e.action}</Typography.Text>
        </span>
      ),
    },
    { key: 'entity', title: t('audit.entity'), width: 120, render: (_, e) => <Tag>{entityLabel(e.entityType, lang)}</Tag> },
    { key: 'org', dataIndex: 'orgName', title: t('audit.org'), ellipsis: true, render: (v: string | null) => v ?? '—' },
    { key: 'ip', dataIndex: 'ip', title: t('audit.ip'), width: 130, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
  ];

  return (
    <Card title={t('audit.title')}>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <div className="table-toolbar">
        <DatePicker.RangePicker
          aria-label={t('audit.days')}
          onChange={(range) => refine({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
        <Input.Search allowClear placeholder={t('audit.actorPlaceholder')} aria-label={t('audit.actor')} style={{ width: 200 }} onSearch={(v) => refine({ actor: v.trim() || undefined })} />
        <AutoComplete
          allowClear
          aria-label={t('audit.action')}
          placeholder={t('audit.actionPlaceholder')}
          style={{ width: 220 }}
          options={knownActions.map((a) => ({ value: a, label: `${actionLabel(a, lang)} (${a})` }))}
          showSearch={{ filterOption: (input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
          onSelect={(v: string) => refine({ action: v })}
          onChange={(v: string) => {
            if (!v) refine({ action: undefined });
          }}
          onBlur={(e) => refine({ action: (e.target as HTMLInputElement).value.trim() || undefined })}
        />
        <Select
          allowClear
          aria-label={t('audit.entity')}
          placeholder={t('audit.entity')}
          style={{ width: 150 }}
          onChange={(v: string | undefined) => refine({ entityType: v })}
          options={knownEntityTypes.map((e) => ({ value: e, label: entityLabel(e, lang) }))}
        />
      </div>
      <ErrorAlert error={log.error} style={{ marginBottom: 12 }} />
      <Table<AuditEntryView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={log.data?.items ?? []}
        loading={log.isFetching}
        scroll={{ x: 900 }}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (e) => (
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'entityId', label: t('audit.entityId'), children: <span className="mono">{e.entityId ?? '—'}</span> },
                { key: 'before', label: t('audit.before'), children: <Json value={e.before} /> },
                { key: 'after', label: t('audit.after'), children: <Json value={e.after} /> },
                { key: 'detail', label: t('audit.detail'), children: <Json value={e.detail} /> },
              ]}
            />
          ),
        }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: log.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
      />
    </Card>
  );
}
