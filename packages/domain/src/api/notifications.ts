/**
 * In-app notifications contract (消息提醒). A notification is stored as its kind and parameters,
 * never as text: the title and body are rendered when read, in the reader's language, from the
 * catalog below. Adding a kind = one entry in `notificationCatalog` (its parameters and texts).
 *
 * Parameter conventions: instants are passed already formatted in the deployment's time zone
 * ('YYYY-MM-DD HH:mm'), calendar days as 'YYYY-MM-DD'; a parameter named `activityKind` holds an
 * identifier of `activityKinds` and is shown with its label in the reader's language.
 */
import { z } from 'zod';
import { activityKindLabels, activityKinds, type ActivityKind } from '../rules/org-life/kinds.ts';
import { page, pageQuery } from './common.ts';

type Text = { 'zh-CN': string; en: string };
type CatalogEntry = { params: z.ZodObject; title: Text; body: Text };

const activityKind = z.enum(activityKinds);
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'DATETIME_LOCAL_INVALID');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'DATE_INVALID');

export const notificationCatalog = {
  /** A unit asks the recipient, a lecturer of the teacher pool (师资库), to teach. */
  lecturer_request_received: {
    params: z.object({ orgName: z.string(), purpose: z.string(), preferredDate: localDate }),
    title: { 'zh-CN': '授课邀请：{orgName}', en: 'Teaching request: {orgName}' },
    body: {
      'zh-CN': '{orgName}邀请您于 {preferredDate} 授课：“{purpose}”。请在“我的授课”中接受或说明原因后婉拒。',
      en: '{orgName} asks you to teach on {preferredDate}: "{purpose}". Accept it, or decline with a reason, under "My teaching".',
    },
  },
  /** The lecturer accepted the recipient's request. */
  lecturer_request_accepted: {
    params: z.object({ lecturerName: z.string(), purpose: z.string(), preferredDate: localDate }),
    title: { 'zh-CN': '{lecturerName}已接受授课邀请', en: '{lecturerName} accepted your request' },
    body: { 'zh-CN': '{lecturerName}已接受 {preferredDate} 的授课邀请：“{purpose}”。', en: '{lecturerName} accepted to teach on {preferredDate}: "{purpose}".' },
  },
  /** The lecturer declined the recipient's request, with a reason. */
  lecturer_request_declined: {
    params: z.object({ lecturerName: z.string(), purpose: z.string(), preferredDate: localDate, reason: z.string() }),
    title: { 'zh-CN': '{lecturerName}婉拒了授课邀请', en: '{lecturerName} declined your request' },
    body: {
      'zh-CN': '{lecturerName}婉拒了 {preferredDate} 的授课邀请“{purpose}”，原因：{reason}。可改约日期或从师资库另选讲师。',
      en: '{lecturerName} declined to teach on {preferredDate} ("{purpose}"): {reason}. Propose another date or choose another lecturer from the pool.',
    },
  },
  /** The unit withdrew a request it had sent to the recipient. */
  lecturer_request_cancelled: {
    params: z.object({ orgName: z.string(), purpose: z.string(), preferredDate: localDate }),
    title: { 'zh-CN': '授课邀请已撤回：{orgName}', en: 'Request withdrawn: {orgName}' },
    body: { 'zh-CN': '{orgName}撤回了 {preferredDate} 的授课邀请“{purpose}”，无需再作安排。', en: '{orgName} withdrew its request for {preferredDate} ("{purpose}"); nothing more to arrange.' },
  },
  /** An activity the recipient is expected at starts within the next 24 hours; place may be ''. */
  activity_upcoming: {
    params: z.object({ activityKind, topic: z.string(), startsAt: localDateTime, place: z.string(), orgName: z.string() }),
    title: { 'zh-CN': '{activityKind}即将召开', en: 'Upcoming: {activityKind}' },
    body: {
      'zh-CN': '{orgName}{activityKind}“{topic}”将于 {startsAt} 召开{placeZh}，请准时参加；如不能参加，请提前请假。',
      en: '{orgName}: {activityKind} "{topic}" starts at {startsAt}{placeEn}. Please attend on time, or ask for leave in advance.',
    },
  },
  /** The meeting's sign-in (QR code) is open. */
  signin_open: {
    params: z.object({ activityKind, topic: z.string(), expiresAt: localDateTime }),
    title: { 'zh-CN': '{activityKind}签到已开始', en: 'Sign-in open: {activityKind}' },
    body: { 'zh-CN': '“{topic}”已开放签到，请在 {expiresAt} 前扫码签到。', en: 'Sign-in for "{topic}" is open until {expiresAt}: scan the code shown at the meeting.' },
  },
  /** The recipient missed an activity and has make-up study (补学) to do. */
  makeup_assigned: {
    params: z.object({ activityKind, topic: z.string(), heldOn: localDate, dueOn: z.union([localDate, z.literal('')]) }),
    title: { 'zh-CN': '请完成补学：{activityKind}', en: 'Make-up study: {activityKind}' },
    body: {
      'zh-CN': '您未参加 {heldOn} 的{activityKind}“{topic}”，请阅读会议材料并填写学习体会{dueOnZh}。',
      en: 'You missed the {activityKind} "{topic}" on {heldOn}: read the materials and write a short note{dueOnEn}.',
    },
  },
  /** A circular (通报) was published for an organisation the recipient is secretary in. */
  circular_published: {
    params: z.object({ title: z.string(), orgName: z.string(), period: z.string().regex(/^\d{4}-Q[1-4]$/) }),
    title: { 'zh-CN': '新通报：{title}', en: 'New circular: {title}' },
    body: { 'zh-CN': '{orgName}发布了《{title}》，请查阅并对照整改。', en: '{orgName} published the circular "{title}". Please read it and act on it.' },
  },
  /** The working committee assigned the recipient's account to audit a central-group study session (列席旁听). */
  central_group_audit_assigned: {
    params: z.object({ groupName: z.string(), topic: z.string(), sessionOn: localDate }),
    title: { 'zh-CN': '请列席旁听：{groupName}', en: 'Audit assigned: {groupName}' },
    body: {
      'zh-CN': '机关工委安排您列席旁听{groupName} {sessionOn} 的集体学习“{topic}”，旁听后请填写旁听意见。',
      en: 'You are assigned to audit the session "{topic}" of {groupName} on {sessionOn}; write up your notes afterwards.',
    },
  },
  /** The recipient's study notes were called in for review (学习笔记调阅). */
  central_group_notes_requested: {
    params: z.object({ groupName: z.string(), dueOn: localDate }),
    title: { 'zh-CN': '请提交学习笔记', en: 'Study notes called in' },
    body: { 'zh-CN': '{groupName}调阅您的学习笔记，请于 {dueOn} 前提交。', en: '{groupName} has called in your study notes: hand them in by {dueOn}.' },
  },
  /** The recipient's study notes came back with the reviewer's comments. */
  central_group_notes_returned: {
    params: z.object({ groupName: z.string() }),
    title: { 'zh-CN': '学习笔记已批阅', en: 'Study notes returned' },
    body: { 'zh-CN': '{groupName}已批阅您提交的学习笔记，请查看批阅意见。', en: '{groupName} returned your study notes with comments: read them.' },
  },
  /** A central study group under the recipient (a working-committee officer) submitted a one-study-one-report (一学一报). */
  central_group_report_submitted: {
    params: z.object({ groupName: z.string(), topic: z.string(), heldOn: localDate, version: z.number().int() }),
    title: { 'zh-CN': '一学一报待签收：{groupName}', en: 'Study report to acknowledge: {groupName}' },
    body: {
      'zh-CN': '{groupName}报送了 {heldOn} 集体学习“{topic}”的一学一报（第 {version} 版），请审阅签收。',
      en: '{groupName} submitted the study report of its session "{topic}" on {heldOn} (version {version}): read and acknowledge it.',
    },
  },
} as const satisfies Record<string, CatalogEntry>;

export type NotificationKind = keyof typeof notificationCatalog;
export const notificationKinds = Object.keys(notificationCatalog) as NotificationKind[];
export const notificationKind = z.enum(notificationKinds as [NotificationKind, ...NotificationKind[]]);
export type NotificationParams<K extends NotificationKind> = z.infer<(typeof notificationCatalog)[K]['params']>;

/** Values a renderer derives from the stored params, per language (labels, optional phrases). */
function derivedParams(params: Record<string, string | number>, lang: keyof Text): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  if (typeof params.activityKind === 'string' && params.activityKind in activityKindLabels) {
    out.activityKind = activityKindLabels[params.activityKind as ActivityKind][lang];
  }
  const place = typeof params.place === 'string' ? params.place : '';
  out.placeZh = place ? `，地点：${place}` : '';
  out.placeEn = place ? `, ${place}` : '';
  const dueOn = typeof params.dueOn === 'string' ? params.dueOn : '';
  out.dueOnZh = dueOn ? `，截止日期 ${dueOn}` : '';
  out.dueOnEn = dueOn ? ` by ${dueOn}` : '';
  return out;
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));

/** Title and body of a stored notification in the reader's language. Unknown kinds show their id. */
export function renderNotification(kind: string, params: Record<string, string | number>, lang: keyof Text): { title: string; body: string } {
  const entry = (notificationCatalog as Record<string, CatalogEntry>)[kind];
  if (!entry) return { title: kind, body: '' };
  const p = derivedParams(params, lang);
  return { title: fill(entry.title[lang], p), body: fill(entry.body[lang], p) };
}

export const notificationListQuery = pageQuery.extend({
  unreadOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  /** Rendered in the caller's language at read time. */
  title: z.string(),
  body: z.string(),
  /** Client route to open (e.g. /activities/…); relative, inside the web app. */
  link: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationPage = page(notificationView);
export type NotificationPage = z.infer<typeof notificationPage>;
export const notificationIdParams = z.object({ id: z.uuid() });
export const unreadCountView = z.object({ count: z.number().int() });
export const readAllResult = z.object({ updated: z.number().int() });
