/** Error codes of the attachments module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const attachmentErrors = {
  ATTACHMENT_NOT_FOUND: { status: 404, 'zh-CN': '未找到该附件，可能已被删除或您无权查看。', en: 'Attachment not found, or you may not see it.' },
  ATTACHMENT_FILE_REQUIRED: { status: 400, 'zh-CN': '请选择要上传的文件。', en: 'Choose a file to upload.' },
  ATTACHMENT_EMPTY: { status: 400, 'zh-CN': '文件“{fileName}”是空的，请检查后重新上传。', en: 'The file "{fileName}" is empty; check it and upload again.' },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 400,
    'zh-CN': '不支持上传“{fileName}”这类文件。可上传的类型：{allowed}。',
    en: 'Files like "{fileName}" cannot be uploaded. Allowed types: {allowed}.',
  },
  ATTACHMENT_CONTENT_MISMATCH: {
    status: 400,
    'zh-CN': '文件“{fileName}”的内容不是 {ext} 格式（可能是改了扩展名的其他文件），请上传原始文件。',
    en: 'The content of "{fileName}" is not a {ext} file (perhaps another file renamed); upload the original file.',
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    'zh-CN': '文件过大：单个附件最大 {maxMb} MB，请压缩或拆分后上传。',
    en: 'The file is too large: an attachment may be at most {maxMb} MB. Compress or split it and upload again.',
  },
  ATTACHMENT_FILE_MISSING: {
    status: 410,
    'zh-CN': '附件“{fileName}”的文件在服务器上已丢失，请联系管理员从备份恢复，或重新上传。',
    en: 'The file of the attachment "{fileName}" is missing on the server; ask the administrator to restore it from a backup, or upload it again.',
  },
} as const satisfies Record<string, CatalogEntry>;
