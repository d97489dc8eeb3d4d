/** Small pieces of the compliance views: the server's verdict lines, a met/not-met tag, organisation kind labels. */
import { Tag } from 'antd';
import { orgKindLabels, type OrgKind } from '@pioneer/domain';
import { useI18n } from '../../../i18n/index.tsx';
import '../compliance.css';

/** An organisation kind's label; the API sends the kind as a plain string. */
export function useOrgKindLabel() {
  const { pick } = useI18n();
  return (kind: string) => (kind in orgKindLabels ? pick(orgKindLabels[kind as OrgKind]) : kind);
}

/** The server's verdict lines ("2026年第三季度 支部党员大会 0/1 次"), one per line. */
export function ReasonList({ reasons }: { reasons: readonly string[] }) {
  return (
    <ul className="reason-list">
      {reasons.map((r, i) => (
        <li key={i}>{r}</li>
      ))}
    </ul>
  );
}

export function MetTag({ met }: { met: boolean }) {
  const { t } = useI18n();
  return <Tag color={met ? 'success' : 'error'}>{met ? t('compliance.met') : t('compliance.notMet')}</Tag>;
}
