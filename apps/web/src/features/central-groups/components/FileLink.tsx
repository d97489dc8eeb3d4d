/**
 * A file of a writing or of study notes: its name as a button that downloads it (the server checks
 * that the reader is its member or one of the group's managers).
 */
import { App, Button } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { LinkedAttachmentView } from '@pioneer/domain';
import { attachmentsApi } from '../../../api/attachments.ts';
import { errorText } from '../../../components/errors.ts';
import { saveFile } from '../../../components/saveFile.ts';
import { useI18n } from '../../../i18n/index.tsx';

export function FileLink({ file }: { file: Pick<LinkedAttachmentView, 'fileName' | 'downloadUrl'> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = async () => {
    try {
      const got = await attachmentsApi.download(file.downloadUrl);
      saveFile(got.blob, got.filename ?? file.fileName);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  return (
    <Button type="link" size="small" icon={<PaperClipOutlined />} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => void download()} aria-label={`${t('attachments.download')} ${file.fileName}`}>
      {file.fileName}
    </Button>
  );
}
