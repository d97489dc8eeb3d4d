/**
 * Export the list on screen (same filters) as .xlsx with the template's columns: masked numbers
 * by default; full numbers on request, which the server records in the audit log.
 */
import { useState } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { importsApi } from '../../../api/imports.ts';
import type { PeopleQuery } from '../../../api/people.ts';
import { errorText } from '../../../components/errors.ts';
import { saveFile } from '../../../components/saveFile.ts';
import { useI18n } from '../../../i18n/index.tsx';

export function ExportPeopleButton({ query }: { query: PeopleQuery }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async (full: boolean) => {
    setBusy(true);
    try {
      const { orgId, q, category, status, scope } = query;
      const { blob, filename } = await importsApi.exportPeople({ orgId, q, category, status, scope, full: full ? 'true' : undefined });
      saveFile(blob, filename ?? 'people.xlsx');
      void message.success(full ? t('export.doneFull') : t('export.done'));
    } catch (error) {
      modal.error({ title: t('export.failed'), content: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run(false)}>
        {t('export.button')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [{ key: 'full', label: t('export.full') }],
          onClick: () =>
            modal.confirm({
              title: t('export.fullConfirmTitle'),
              content: t('export.fullConfirm'),
              okText: t('export.full'),
              cancelText: t('common.cancel'),
              onOk: () => run(true),
            }),
        }}
      >
        <Button icon={<DownOutlined />} disabled={busy} aria-label={t('export.more')} />
      </Dropdown>
    </Space.Compact>
  );
}
