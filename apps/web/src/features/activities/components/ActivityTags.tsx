/** Tags for an activity's kind and status and an attendee's status, coloured the same everywhere. */
import { Tag } from 'antd';
import { activityKindLabels, attendanceStatusLabels, type ActivityKind, type ActivityStatus, type AttendanceStatus } from '@pioneer/domain';
import { useI18n } from '../../../i18n/index.tsx';

export const activityStatusColor: Record<ActivityStatus, string> = { planned: 'processing', held: 'success', cancelled: 'default' };
export const attendanceStatusColor: Record<AttendanceStatus, string> = { pending: 'default', present: 'success', absent: 'error', leave: 'warning' };

export function KindTag({ kind }: { kind: ActivityKind }) {
  const { pick } = useI18n();
  return <Tag color="red">{pick(activityKindLabels[kind])}</Tag>;
}

export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  const { t } = useI18n();
  return <Tag color={activityStatusColor[status]}>{t(`activities.status.${status}`)}</Tag>;
}

export function AttendanceTag({ status }: { status: AttendanceStatus }) {
  const { pick } = useI18n();
  return <Tag color={attendanceStatusColor[status]}>{pick(attendanceStatusLabels[status])}</Tag>;
}
