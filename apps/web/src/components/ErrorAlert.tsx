/** A failed request shown in place: the server's message and any details no form field took. */
import { Alert } from 'antd';
import type { FieldDetail } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from './errors.ts';

export function ErrorAlert({ error, details, style }: { error: unknown; details?: FieldDetail[]; style?: React.CSSProperties }) {
  const { t } = useI18n();
  if (!error) return null;
  const rest = details ?? [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={style}
      title={errorText(error, t)}
      description={rest.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{rest.map((d, i) => <li key={i}>{d.message}</li>)}</ul> : undefined}
    />
  );
}
