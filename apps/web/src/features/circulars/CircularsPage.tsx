/**
 * Circulars (通报): a committee officer generates the quarterly circular of a subtree, sees each
 * stored version with the figures it was generated from, downloads its Word and PDF documents and
 * publishes one (the subtree's secretaries are notified). Secretaries see the published circulars
 * that concern them. What a circular says is the server's: this page only shows it. The circular
 * being viewed is `?id=` in the address, which the "circular published" notification links to.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Checkbox, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { CloudUploadOutlined, FilePdfOutlined, FileTextOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import type { CircularSummary } from '@pioneer/domain';
import dayjs from 'dayjs';
import { capabilitiesOf } from '../../app/roles.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { PeriodPicker, usePeriodLabel } from '../../components/PeriodPicker.tsx';
import { useScope } from '../../components/scope.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useCurrentUser } from '../auth/session.tsx';
import { CircularFiguresDrawer } from './CircularFiguresDrawer.tsx';
import { useCirculars, useDownloadCircular, useGenerateCircular, usePublishCircular } from './queries.ts';

const kinds = ['quarter'] as const;

export function CircularsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const officer = capabilitiesOf(useCurrentUser()).committeeOfficer;
  const scope = useScope({ kinds });
  const periodLabel = usePeriodLabel();
  const [onlyPeriod, setOnlyPeriod] = useState(true);
  const [params, setParams] = useSearchParams();
  const viewing = params.get('id');
  // Other parameters (the scope's organisation and period) stay as they are.
  const setViewing = (id: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set('id', id);
      else next.delete('id');
      return next;
    });
  const list = useCirculars({ orgId: scope.orgId ?? undefined, period: onlyPeriod ? scope.period : undefined }, Boolean(scope.orgId));
  const generate = useGenerateCircular();
  const publish = usePublishCircular();
  const download = useDownloadCircular();

  const onGenerate = () => {
    if (!scope.orgId) return;
    generate.mutate(
      { orgId: scope.orgId, period: scope.period },
      { onSuccess: (created) => void message.success(t('circular.generated', { version: created.version })) },
    );
  };

  const onDownload = (c: CircularSummary, format: 'docx' | 'pdf') =>
    download.mutate(
      { id: c.id, format, fallbackName: `${c.title}-v${c.version}` },
      { onError: (error) => modal.error({ title: t('circular.downloadFailed'), content: errorText(error, t) }) },
    );

  const onPublish = (c: CircularSummary) =>
    publish.mutate(c.id, {
      onSuccess: (result) => void message.success(t('circular.publishedNotified', { count: result.notified })),
      onError: (error) => modal.error({ title: t('circular.publishFailed'), content: errorText(error, t) }),
    });

  const columns: TableColumnsType<CircularSummary> = [
    { key: 'period', title: t('circular.period'), width: 130, render: (_, c) => periodLabel(c.period) },
    { key: 'version', title: t('circular.version'), width: 80, render: (_, c) => t('circular.versionN', { version: c.version }) },
    {
      key: 'title',
      title: t('circular.docTitle'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.title}</span>
          <span className="muted">{c.orgName}</span>
        </Space>
      ),
    },
    {
      key: 'created',
      title: t('circular.generatedAt'),
      width: 150,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>{dayjs(c.createdAt).format('YYYY-MM-DD HH:mm')}</span>
          <span className="muted">{c.generatedByName ?? ''}</span>
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('circular.status'),
      width: 150,
      render: (_, c) =>
        c.publishedAt ? (
          <Tooltip title={dayjs(c.publishedAt).format('YYYY-MM-DD HH:mm')}>
            <Tag color="success">{t('circular.statusPublished')}</Tag>
          </Tooltip>
        ) : (
          <Tag>{t('circular.statusDraft')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 330,
      render: (_, c) => (
        <Space size={4} wrap>
          <Button size="small" icon={<FileTextOutlined />} onClick={() => setViewing(c.id)}>
            {t('circular.viewFigures')}
          </Button>
          <Button size="small" icon={<FileWordOutlined />} onClick={() => onDownload(c, 'docx')} aria-label={t('circular.downloadDocxOf', { version: c.version })}>
            {t('circular.downloadDocx')}
          </Button>
          <Button size="small" icon={<FilePdfOutlined />} onClick={() => onDownload(c, 'pdf')} aria-label={t('circular.downloadPdfOf', { version: c.version })}>
            {t('circular.downloadPdf')}
          </Button>
          {officer && !c.publishedAt ? (
            <Popconfirm title={t('circular.publishConfirm', { org: c.orgName })} okText={t('circular.publish')} cancelText={t('common.cancel')} onConfirm={() => onPublish(c)}>
              <Button size="small" type="primary" icon={<CloudUploadOutlined />}>
                {t('circular.publish')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('circular.title')}>
      <div className="table-toolbar">
        <div style={{ width: 320 }}>
          <OrgSelect value={scope.orgId} onChange={(id) => scope.setOrg(id)} placeholder={t('compliance.pickOrg')} />
        </div>
        <PeriodPicker kinds={kinds} value={scope.period} onChange={scope.setPeriod} />
        <Checkbox checked={onlyPeriod} onChange={(e) => setOnlyPeriod(e.target.checked)}>
          {t('circular.onlyThisQuarter')}
        </Checkbox>
        {officer ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={onGenerate} loading={generate.isPending} disabled={!scope.orgId}>
            {t('circular.generate', { period: periodLabel(scope.period) })}
          </Button>
        ) : null}
      </div>
      <ErrorAlert error={generate.error} style={{ marginBottom: 12 }} />
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<CircularSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching || download.isPending || publish.isPending}
        scroll={{ x: 1000 }}
        locale={{ emptyText: officer ? t('circular.emptyOfficer') : t('circular.emptySecretary') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      />
      {viewing ? <CircularFiguresDrawer id={viewing} onClose={() => setViewing(null)} /> : null}
    </Card>
  );
}
