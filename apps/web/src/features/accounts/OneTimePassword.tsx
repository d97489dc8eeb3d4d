/** Shows a new or reset account's one-time password once, to be handed to its owner. */
import { Alert, Descriptions, Typography } from 'antd';
import type { UserWithPassword } from '@pioneer/domain';
import { useI18n } from '../../i18n/index.tsx';

export function OneTimePassword({ result }: { result: UserWithPassword }) {
  const { t } = useI18n();
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'username', label: t('account.username'), children: <span className="mono">{result.user.username}</span> },
          { key: 'name', label: t('account.displayName'), children: result.user.displayName },
          {
            key: 'password',
            label: t('account.oneTimePassword'),
            children: (
              <Typography.Text copyable strong className="mono" style={{ fontSize: 16 }}>
                {result.oneTimePassword}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('account.oneTimePasswordHint')} />
    </>
  );
}
