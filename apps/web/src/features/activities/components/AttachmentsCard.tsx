/**
 * 附件: files of the record. A new file is uploaded once for the activity's organisation and linked;
 * a file the organisation already has (the same materials for several meetings) is linked again
 * instead of uploaded twice. Types and size come from the server's limits.
 */
import { memo, useState } from 'react';
import { App, Button, Card, Empty, Input, Modal, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { ActivityDetail, AttachmentView, LinkedAttachmentView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { attachmentsApi } from '../../../api/attachments.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { saveFile } from '../../../components/saveFile.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAttachmentLimits, useLinkAttachment, useOrgAttachments, useUnlinkAttachment, useUploadAttachment } from '../queries.ts';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Memoised: marking attendance re-renders the page, not this card. */
export const AttachmentsCard = memo(function AttachmentsCard({ activity, disabled }: { activity: ActivityDetail; disabled: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const limits = useAttachmentLimits();
  const upload = useUploadAttachment(activity.id, activity.orgId);
  const unlink = useUnlinkAttachment(activity.id);
  const [reusing, setReusing] = useState(false);

  const download = async (a: Pick<LinkedAttachmentView, 'downloadUrl' | 'fileName'>) => {
    try {
      const file = await attachmentsApi.download(a.downloadUrl);
      saveFile(file.blob, file.filename ?? a.fileName);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Card
      size="small"
      title={t('attachments.title')}
      extra={
        disabled ? null : (
          <Space size={4}>
            <Upload
              showUploadList={false}
              multiple
              accept={limits.data ? limits.data.extensions.map((e) => `.${e}`).join(',') : undefined}
              beforeUpload={(file) => {
                upload.mutate(file, { onSuccess: () => void message.success(t('attachments.uploaded', { name: file.name })) });
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                {t('attachments.upload')}
              </Button>
            </Upload>
            <Button size="small" icon={<LinkOutlined />} onClick={() => setReusing(true)}>
              {t('attachments.reuse')}
            </Button>
          </Space>
        )
      }
    >
      <ErrorAlert error={upload.error ?? unlink.error} style={{ marginBottom: 8 }} />
      {activity.attachments.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} /> : null}
      {activity.attachments.map((a) => (
        <div key={a.id} className="record-line">
          <span style={{ minWidth: 0, wordBreak: 'break-all' }}>
            <PaperClipOutlined /> {a.fileName} <span className="muted">{formatSize(a.sizeBytes)}</span>
          </span>
          <Space size={0}>
            <Button
              size="small"
              type="text"
              icon={<DownloadOutlined />}
              aria-label={`${t('attachments.download')} ${a.fileName}`}
              onClick={() => void download(a)}
            />
            {disabled ? null : (
              <Popconfirm
                title={t('attachments.unlinkConfirm')}
                okText={t('attachments.unlink')}
                cancelText={t('common.cancel')}
                onConfirm={() => unlink.mutate(a.id)}
              >
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('attachments.unlink')} ${a.fileName}`} />
              </Popconfirm>
            )}
          </Space>
        </div>
      ))}
      {limits.data ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          {t('attachments.limits', { types: limits.data.extensions.join(' '), mb: Math.round(limits.data.maxBytes / 1024 / 1024) })}
        </Typography.Text>
      ) : null}
      {reusing ? <ReuseModal activity={activity} onClose={() => setReusing(false)} onDownload={download} /> : null}
    </Card>
  );
});

function ReuseModal({ activity, onClose, onDownload }: { activity: ActivityDetail; onClose: () => void; onDownload: (a: AttachmentView) => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useOrgAttachments(activity.orgId, q.trim(), page, true);
  const link = useLinkAttachment(activity.id);
  const linked = new Set(activity.attachments.map((a) => a.id));
  return (
    <Modal open title={t('attachments.reuseTitle')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Input.Search
        allowClear
        placeholder={t('attachments.search')}
        onSearch={(v) => {
          setQ(v);
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error ?? link.error} style={{ marginBottom: 8 }} />
      <Table<AttachmentView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, size: 'small' }}
        columns={[
          { key: 'name', title: t('attachments.fileName'), render: (_, a) => <span style={{ wordBreak: 'break-all' }}>{a.fileName}</span> },
          { key: 'size', title: t('attachments.size'), width: 90, render: (_, a) => formatSize(a.sizeBytes) },
          { key: 'org', title: t('activities.org'), width: 140, render: (_, a) => a.orgName },
          { key: 'at', title: t('attachments.uploadedAt'), width: 110, render: (_, a) => dayjs(a.createdAt).format('YYYY-MM-DD') },
          { key: 'uses', title: t('attachments.uses'), width: 70, render: (_, a) => a.linkCount },
          {
            key: 'pick',
            width: 130,
            render: (_, a) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<DownloadOutlined />}
                  aria-label={`${t('attachments.download')} ${a.fileName}`}
                  onClick={() => void onDownload(a)}
                />
                <Button
                  size="small"
                  type="link"
                  disabled={linked.has(a.id)}
                  loading={link.isPending && link.variables === a.id}
                  onClick={() => link.mutate(a.id, { onSuccess: () => void message.success(t('attachments.linked')) })}
                >
                  {linked.has(a.id) ? t('attachments.alreadyLinked') : t('attachments.use')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}
