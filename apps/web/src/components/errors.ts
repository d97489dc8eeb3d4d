/**
 * Turning an API failure into what the user reads: the server's own message (already in the UI
 * language), or ours when there was no server answer; and mapping the server's per-field details
 * (details[].path) onto the form fields they belong to, so a rule broken on the server shows
 * under the field like a client-side one.
 */
import type { FormInstance } from 'antd';
import { ApiError, NETWORK_ERROR, type FieldDetail } from '../api/client.ts';
import type { Translate } from '../i18n/index.tsx';

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('error.network');
    if (error.message) return error.message;
    return t('error.status', { status: error.status });
  }
  return t('error.unexpected');
}

/** The field a detail path names: 'body.idNumber', '/idNumber' and 'idNumber' all mean idNumber. */
export function fieldOfPath(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return parts[0] ?? '';
}

/**
 * Puts each detail under its field (several messages per field are kept together) and returns
 * the details that match no field, for a general alert.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fields: readonly string[]): FieldDetail[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  const unmatched: FieldDetail[] = [];
  for (const detail of error.details) {
    const field = fieldOfPath(detail.path);
    if (fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), detail.message]);
    else unmatched.push(detail);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}
