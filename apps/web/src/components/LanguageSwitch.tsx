/** 中文 / English switch; the choice is remembered and applies to server messages too. */
import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n/index.tsx';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('header.language')}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
