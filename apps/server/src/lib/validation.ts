/**
 * Turns zod validation issues into field issues in the caller's language. Schemas in
 * packages/domain put a rule code (e.g. ID_NUMBER_CHECK_DIGIT) in a custom issue's message; those
 * are looked up in the rules' message table, everything else goes through zod's own locales.
 */
import { apiMessages, ruleMessages } from '@pioneer/domain';
import { z } from 'zod';
import type { FieldIssue, Lang } from '../errors.ts';
import { formatTemplate } from '../errors.ts';

const messages: Record<string, { 'zh-CN': string; en: string }> = { ...ruleMessages, ...apiMessages };

type ValidationItem = { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> };

const zhCN = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

export function localizeValidationIssues(items: ValidationItem[], context: string, lang: Lang): FieldIssue[] {
  return items.map((item) => {
    const path = item.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const ruleCode = item.message && item.message in messages ? item.message : null;
    if (ruleCode) {
      const template = messages[ruleCode]![lang];
      return { path, code: ruleCode, message: formatTemplate(template, (item.params ?? {}) as Record<string, string>) };
    }
    const issue = { code: item.keyword, ...(item.params ?? {}), path: path.split('.'), input: undefined } as never;
    const localized = (lang === 'en' ? en : zhCN)(issue);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? item.message ?? item.keyword);
    return { path: path || context, code: item.keyword, message };
  });
}

/** Field issues raised by services carry a rule code as their message until they are presented. */
export function localizeDetails(details: FieldIssue[], lang: Lang): FieldIssue[] {
  return details.map((d) => {
    if (d.message !== d.code || !(d.code in messages)) return d;
    const params = (d as FieldIssue & { params?: Record<string, string | number> }).params ?? {};
    return { path: d.path, code: d.code, message: formatTemplate(messages[d.code]![lang], params) };
  });
}
