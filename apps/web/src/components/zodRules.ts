/**
 * Client-side validation from the shared contract: an Ant Design form rule that runs one field's
 * zod schema from @pioneer/domain (the same schema the server validates with) and says what is
 * wrong in the UI language. Rule codes carried by the schemas (DATE_INVALID, ORG_CODE_FORMAT…)
 * get their domain message; zod's generic issues get ours.
 */
import type { FormRule } from 'antd';
import { ruleText, type Lang, type Translate } from '../i18n/index.tsx';

/** The part of a zod issue we read (zod 4 shape), so the web app needs no direct zod import. */
export type SchemaIssue = { code: string; message: string; minimum?: unknown; maximum?: unknown; origin?: string; input?: unknown };
export type FieldSchema = { safeParse(value: unknown): { success: true } | { success: false; error: { issues: SchemaIssue[] } } };

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

export function issueText(issue: SchemaIssue, value: unknown, t: Translate, lang: Lang): string {
  const known = ruleText(lang, issue.message);
  if (known) return known;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.minLength', { min: String(issue.minimum) });
      return t('validation.min', { min: String(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' ? t('validation.maxLength', { max: String(issue.maximum) }) : t('validation.max', { max: String(issue.maximum) });
    case 'invalid_type':
    case 'invalid_value':
      return isEmpty(value) ? t('validation.required') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

/** An antd rule validating one field against its schema from the shared contract. */
export function schemaRule(schema: FieldSchema, t: Translate, lang: Lang): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      // Optional fields accept undefined; required ones reject it, which is what we want for ''.
      if (result.success) return;
      const issue = result.error.issues[0]!;
      throw new Error(issueText(issue, value, t, lang));
    },
  };
}
