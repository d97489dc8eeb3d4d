/**
 * 补学情况 for the secretary: the make-up study of a subtree — who still has to do it (overdue
 * first is the server's order), who has done it and what they wrote. Read-only: assignments are
 * made and withdrawn by the server from the attendance record.
 */
import { Segmented, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MakeupStatus, MakeupView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { makeupApi } from '../../../api/makeup.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { KindTag } from './ActivityTags.tsx';

type Props = { orgId?: string; status: MakeupStatus | 'all'; page: number; onStatus: (s: MakeupStatus | 'all') => void; onPage: (p: number) => void };

export function MakeupOverview({ orgId, status, page, onStatus, onPage }: Props) {
  const { t } = useI18n();
  const query = { orgId, status: status === 'all' ? undefined : status, page, pageSize: 20 };
  const list = useQuery({ queryKey: ['makeup', 'subtree', query], queryFn: () => makeupApi.list(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<MakeupView> = [
    {
      key: 'person',
      title: t('makeup.person'),
      width: 160,
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <span>{m.personName}</span>
          <span className="muted">{m.orgName}</span>
        </Space>
      ),
    },
    {
      key: 'activity',
      title: t('makeup.activity'),
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/activities/${m.activityId}`}>{m.activityTopic}</Link>
          <Space size={4}>
            <KindTag kind={m.activityKind} />
            <span className="muted">{m.heldOn}</span>
          </Space>
        </Space>
      ),
    },
    { key: 'due', title: t('makeup.dueOn'), width: 120, render: (_, m) => m.dueOn ?? '—' },
    {
      key: 'status',
      title: t('activities.status'),
      width: 190,
      render: (_, m) =>
        m.status === 'done' ? (
          <Space orientation="vertical" size={0}>
            <Tag color="success">{m.attendedAfterAll ? t('makeup.attendedAfterAll') : t('makeup.done')}</Tag>
            {m.completedAt ? <span className="muted">{dayjs(m.completedAt).format('YYYY-MM-DD HH:mm')}</span> : null}
          </Space>
        ) : (
          <Space size={4} wrap>
            {m.overdue ? <Tag color="error">{t('makeup.overdue')}</Tag> : <Tag color="processing">{t('makeup.open')}</Tag>}
            {m.readAt ? <Tag>{t('makeup.read')}</Tag> : null}
          </Space>
        ),
    },
    {
      key: 'note',
      title: t('makeup.note'),
      render: (_, m) =>
        m.note ? (
          <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{m.note}</span>}>
            <Typography.Text ellipsis style={{ maxWidth: 280 }}>
              {m.note}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <div className="table-toolbar">
        <Segmented<MakeupStatus | 'all'>
          value={status}
          onChange={onStatus}
          options={[
            { value: 'open', label: t('makeup.open') },
            { value: 'done', label: t('makeup.done') },
            { value: 'all', label: t('makeup.all') },
          ]}
        />
      </div>
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<MakeupView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 900 }}
        rowClassName={(m) => (m.overdue ? 'row-expired' : '')}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: onPage, showTotal: (total) => t('common.total', { total }) }}
      />
    </>
  );
}
