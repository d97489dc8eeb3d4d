/** Error codes of the makeup module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const makeupErrors = {
  MAKEUP_NOT_FOUND: { status: 404, 'zh-CN': '未找到该补学任务，可能已撤销（出席情况已更正）。', en: 'Make-up assignment not found; it may have been withdrawn after the attendance was corrected.' },
  MAKEUP_NOT_READ: { status: 409, 'zh-CN': '请先阅读会议材料并点击“已阅读”，再填写学习体会。', en: 'Read the meeting materials and mark them as read before writing your note.' },
  MAKEUP_ALREADY_DONE: { status: 409, 'zh-CN': '该补学已于 {completedAt} 完成，无需重复提交。', en: 'This make-up study was already completed on {completedAt}.' },
} as const satisfies Record<string, CatalogEntry>;
