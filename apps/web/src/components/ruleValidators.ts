/**
 * Form rules backed by the domain rules of @pioneer/domain (the same checks the server runs), so
 * a mistyped ID or phone number is explained under the field before anything is sent.
 */
import type { FormRule } from 'antd';
import { checkIdNumber, checkPhone } from '@pioneer/domain';
import { ruleText, type Lang } from '../i18n/index.tsx';
import { todayIso } from './DateInput.tsx';

export function idNumberRule(lang: Lang): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value?.trim()) return;
      const check = checkIdNumber(value, todayIso());
      if (!check.ok) throw new Error(ruleText(lang, check.code) ?? check.code);
    },
  };
}

export function phoneRule(lang: Lang): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value?.trim()) return;
      const check = checkPhone(value);
      if (!check.ok) throw new Error(ruleText(lang, check.code) ?? check.code);
    },
  };
}
