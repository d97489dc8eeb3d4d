/**
 * UI language: zh-CN by default, English on request, remembered in localStorage. Switching it
 * also switches dayjs, the Accept-Language the API client sends (so server messages follow) and,
 * through the providers, Ant Design's own texts. Messages take {placeholders}.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { apiMessages, ruleMessages } from '@pioneer/domain';
import { setApiLanguage } from '../api/client.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LANG_STORAGE_KEY = 'pioneer.lang';
export const languages: Lang[] = ['zh-CN', 'en'];
const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(dictionaries[lang][key], params);
}

/** A label pair from @pioneer/domain ({ 'zh-CN', en }) in the current language. */
export type Bilingual = { 'zh-CN': string; en: string };

const domainMessages: Record<string, Bilingual> = { ...ruleMessages, ...apiMessages };

/** Text for a rule code from @pioneer/domain (e.g. ID_NUMBER_CHECK_DIGIT), or null if unknown. */
export function ruleText(lang: Lang, code: string): string | null {
  return Object.prototype.hasOwnProperty.call(domainMessages, code) ? domainMessages[code]![lang] : null;
}

export function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLang(lang: Lang) {
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

type I18n = { lang: Lang; setLang: (lang: Lang) => void; t: Translate; pick: (label: Bilingual) => string };

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = initialLang ?? readStoredLang();
    // Before the first render, so the very first API call already carries the language.
    applyLang(initial);
    return initial;
  });
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the switch still works for this visit.
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params), pick: (label) => label[lang] }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
