/**
 * Transfer letters (组织关系转接): the inbox (letters addressed to my organisations — accept, or
 * return with a reason) and the outbox (letters I issued — cancel while pending). Expired letters
 * are flagged on both sides: they can no longer be accepted, only returned or cancelled.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Tooltip, type TableColumnsType } from 'antd';
import { transferStatusLabels, transferStatuses, type TransferStatus, type TransferView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import type { TransferBox } from '../../../api/transfers.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { CategoryTag } from '../../../components/PersonTags.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAnswerTransfer, useTransfers } from '../queries.ts';

const statusColor: Record<TransferStatus, string> = { pending: 'processing', accepted: 'success', returned: 'warning', cancelled: 'default' };

export function TransfersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const box: TransferBox = params.get('box') === 'outbox' ? 'outbox' : 'inbox';
  return (
    <Card title={t('transfer.title')}>
      <Tabs
        activeKey={box}
        onChange={(key) => setParams({ box: key }, { replace: true })}
        items={[
          { key: 'inbox', label: t('transfer.inbox'), children: box === 'inbox' ? <TransferList box="inbox" /> : null },
          { key: 'outbox', label: t('transfer.outbox'), children: box === 'outbox' ? <TransferList box="outbox" /> : null },
        ]}
      />
    </Card>
  );
}

function TransferList({ box }: { box: TransferBox }) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<TransferStatus | undefined>('pending');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useTransfers(box, { status, ...page });
  const answer = useAnswerTransfer();
  const [returning, setReturning] = useState<TransferView | null>(null);

  const run = (action: Parameters<typeof answer.mutate>[0], done: string) =>
    answer.mutate(action, {
      onSuccess: () => void message.success(done),
      onError: (error) => modal.error({ title: t('transfer.actionFailed'), content: errorText(error, t) }),
    });

  const columns: TableColumnsType<TransferView> = [
    {
      key: 'person',
      title: t('transfer.person'),
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <span>{r.personName}</span>
            <CategoryTag category={r.category} />
          </Space>
          <span className="mono muted">{r.idNumberMasked}</span>
        </Space>
      ),
    },
    {
      key: 'route',
      title: t('transfer.route'),
      width: 220,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            <span className="muted">{t('transfer.fromOrg')}</span> {r.fromOrgName}
          </span>
          <span>
            <span className="muted">{t('transfer.toOrg')}</span> {r.toOrgName}
          </span>
        </Space>
      ),
    },
    { key: 'reason', dataIndex: 'reason', title: t('transfer.reason'), ellipsis: { showTitle: true } },
    { key: 'issued', title: t('transfer.issuedAt'), width: 140, render: (_, r) => (<Space orientation="vertical" size={0}><span>{dayjs(r.issuedAt).format('YYYY-MM-DD HH:mm')}</span><span className="muted">{r.issuedByName}</span></Space>) },
    {
      key: 'validUntil',
      title: t('transfer.validUntil'),
      width: 130,
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{r.validUntil}</span>
          {r.expired ? <Tooltip title={t('transfer.expiredTip')}><Tag color="error">{t('transfer.expired')}</Tag></Tooltip> : null}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('transfer.status'),
      width: 100,
      render: (_, r) => (
        <Tooltip title={r.returnReason ? t('transfer.returnReasonTip', { reason: r.returnReason }) : r.answeredByName ? `${r.answeredByName} ${r.answeredAt ? dayjs(r.answeredAt).format('YYYY-MM-DD HH:mm') : ''}` : undefined}>
          <Tag color={statusColor[r.status]}>{pick(transferStatusLabels[r.status])}</Tag>
        </Tooltip>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 130,
      render: (_, r) =>
        r.status !== 'pending' ? null : box === 'inbox' ? (
          <Space size={4}>
            <Popconfirm title={t('transfer.acceptConfirm', { name: r.personName, org: r.toOrgName })} okText={t('transfer.accept')} cancelText={t('common.cancel')} onConfirm={() => run({ id: r.id, kind: 'accept' }, t('transfer.accepted', { name: r.personName }))} disabled={r.expired}>
              <Button size="small" type="primary" disabled={r.expired}>
                {t('transfer.accept')}
              </Button>
            </Popconfirm>
            <Button size="small" onClick={() => setReturning(r)}>
              {t('transfer.return')}
            </Button>
          </Space>
        ) : (
          <Popconfirm title={t('transfer.cancelConfirm', { name: r.personName })} okText={t('transfer.cancel')} okButtonProps={{ danger: true }} cancelText={t('common.back')} onConfirm={() => run({ id: r.id, kind: 'cancel' }, t('transfer.cancelled'))}>
            <Button size="small" danger>
              {t('transfer.cancel')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <div className="table-toolbar">
        <Select<TransferStatus>
          allowClear
          aria-label={t('transfer.status')}
          placeholder={t('transfer.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={transferStatuses.map((s) => ({ value: s, label: pick(transferStatusLabels[s]) }))}
        />
      </div>
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<TransferView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching || answer.isPending}
        scroll={{ x: 980 }}
        rowClassName={(r) => (r.expired && r.status === 'pending' ? 'row-expired' : '')}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
      />
      {returning ? (
        <ReturnModal
          letter={returning}
          onClose={() => setReturning(null)}
          onSubmit={(reason) =>
            answer.mutate(
              { id: returning.id, kind: 'return', reason },
              {
                onSuccess: () => {
                  setReturning(null);
                  void message.success(t('transfer.returned'));
                },
              },
            )
          }
          pending={answer.isPending}
          error={answer.error}
        />
      ) : null}
    </>
  );
}

function ReturnModal(props: { letter: TransferView; onClose: () => void; onSubmit: (reason: string) => void; pending: boolean; error: unknown }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open title={t('transfer.returnTitle', { name: props.letter.personName })} okText={t('transfer.return')} cancelText={t('common.cancel')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={props.pending} destroyOnHidden>
      <ErrorAlert error={props.error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => props.onSubmit(v.reason.trim())}>
        <Form.Item label={t('transfer.returnReason')} name="reason" rules={[{ required: true, whitespace: true, message: t('transfer.returnReasonRequired') }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} placeholder={t('transfer.returnReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
