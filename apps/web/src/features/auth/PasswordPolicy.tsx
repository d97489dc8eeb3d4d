/**
 * The password policy as a live checklist: each rule of checkPassword (@pioneer/domain, the same
 * function the server applies) ticks as the new password satisfies it.
 */
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { checkPassword, passwordPolicy, type PasswordProblem } from '@pioneer/domain';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

const rules: Array<{ code: PasswordProblem; label: MessageKey }> = [
  { code: 'PASSWORD_TOO_SHORT', label: 'password.ruleLength' },
  { code: 'PASSWORD_TOO_FEW_CLASSES', label: 'password.ruleClasses' },
  { code: 'PASSWORD_EQUALS_USERNAME', label: 'password.ruleUsername' },
];

export function PasswordPolicy({ password, username }: { password: string; username: string }) {
  const { t } = useI18n();
  const problems = new Set(checkPassword(password, username));
  return (
    <ul className="password-policy" aria-label={t('password.policy')}>
      {rules.map((rule) => {
        const ok = password.length > 0 && !problems.has(rule.code);
        return (
          <li key={rule.code} className={ok ? 'password-policy__ok' : undefined}>
            {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleOutlined style={{ color: '#bfbfbf' }} />}{' '}
            {t(rule.label, { min: passwordPolicy.values.minLength, classes: passwordPolicy.values.minClasses })}
          </li>
        );
      })}
    </ul>
  );
}
