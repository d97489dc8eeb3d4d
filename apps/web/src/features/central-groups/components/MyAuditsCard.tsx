/**
 * 我的列席旁听: the central-group study sessions the signed-in officer is assigned to audit (the
 * assignment's notification links here, naming it), those still to write up first. Once a session
 * is held the officer writes up their notes and the committee's private rating.
 */
import { useState } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { AuditView } from '@pioneer/domain';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useMyAudits } from '../queries.ts';
import { CompleteAuditModal, ratingLabel } from './SessionAuditorsModal.tsx';

const sessionLabel: Record<AuditView['sessionStatus'], MessageKey> = { planned: 'cg.sessionPlanned', held: 'cg.sessionHeld', cancelled: 'cg.sessionCancelled' };

export function MyAuditsCard({ highlight }: { highlight: string | null }) {
  const { t } = useI18n();
  const audits = useMyAudits();
  const [writing, setWriting] = useState<AuditView | null>(null);
  return (
    <>
      <ErrorAlert error={audits.error} style={{ marginBottom: 12 }} />
      <Table<AuditView>
        rowKey="id"
        size="middle"
        loading={audits.isFetching}
        dataSource={audits.data ?? []}
        locale={{ emptyText: t('cg.noMyAudits') }}
        rowClassName={(a) => (a.id === highlight ? 'row-highlight' : '')}
        pagination={(audits.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        columns={[
          { key: 'day', title: t('cg.sessionDay'), width: 110, dataIndex: 'sessionOn' },
          {
            key: 'group',
            title: t('cg.groupName'),
            width: 220,
            render: (_, a) => <Link to={`/central-groups/${a.groupId}?year=${a.sessionOn.slice(0, 4)}&tab=sessions`}>{a.groupName}</Link>,
          },
          { key: 'topic', title: t('compliance.topic'), dataIndex: 'topic' },
          {
            key: 'status',
            title: t('cg.auditStatus'),
            width: 190,
            render: (_, a) => (
              <Space size={4} wrap>
                <Tag>{t(sessionLabel[a.sessionStatus])}</Tag>
                <Tag color={a.status === 'completed' ? 'success' : 'processing'}>{t(a.status === 'completed' ? 'cg.auditCompleted' : 'cg.auditAssignedTag')}</Tag>
                {a.rating ? <Tag>{t(ratingLabel[a.rating])}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'notes',
            title: t('cg.auditNotes'),
            render: (_, a) =>
              a.notes ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 2, expandable: true }}>
                  {a.notes}
                </Typography.Paragraph>
              ) : a.status === 'assigned' && a.sessionStatus === 'held' ? (
                <Button size="small" type="primary" icon={<EditOutlined />} onClick={() => setWriting(a)}>
                  {t('cg.auditWriteUp')}
                </Button>
              ) : a.sessionStatus === 'planned' ? (
                <span className="muted">{t('cg.auditAfterSession')}</span>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {writing ? <CompleteAuditModal audit={writing} onClose={() => setWriting(null)} /> : null}
    </>
  );
}
