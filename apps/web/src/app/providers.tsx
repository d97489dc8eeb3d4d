/**
 * Everything a page needs around it: the query cache, the UI language, Ant Design's locale and
 * theme, antd's App (context-aware message/modal) and the session watcher. Tests wrap components
 * in the same providers (with a fresh QueryClient) so they run as in the browser.
 */
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { ApiError } from '../api/client.ts';
import { SessionWatcher } from '../features/auth/session.tsx';
import { I18nProvider, useI18n, type Lang } from '../i18n/index.tsx';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx answer will not change by asking again; network hiccups may.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

export const theme = {
  token: { colorPrimary: '#c62828', colorLink: '#b71c1c', borderRadius: 6 },
};

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

export function Providers({ children, queryClient, lang }: { children: ReactNode; queryClient: QueryClient; lang?: Lang }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider initialLang={lang}>
        <LocalizedAntd>
          <SessionWatcher>{children}</SessionWatcher>
        </LocalizedAntd>
      </I18nProvider>
    </QueryClientProvider>
  );
}
