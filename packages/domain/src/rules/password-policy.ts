/**
 * Password policy for local accounts, as Chinese government systems are audited against
 * (等保 2.0, GB/T 22239-2019: passwords must be complex and changed from the initial one), and
 * generation of initial passwords that satisfy it.
 */

export type PasswordProblem = 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_FEW_CLASSES' | 'PASSWORD_EQUALS_USERNAME';

export const passwordPolicy = {
  effectiveFrom: '2019-12-01',
  source: 'GB/T 22239-2019 (等保 2.0) identification and authentication; thresholds are local practice',
  values: { minLength: 8, minClasses: 3 },
} as const;

/** Lower case, upper case, digit, anything else (punctuation, space, non-ASCII). */
function characterClasses(password: string): number {
  const classes = new Set<string>();
  for (const ch of password) {
    if (/[a-z]/.test(ch)) classes.add('lower');
    else if (/[A-Z]/.test(ch)) classes.add('upper');
    else if (/[0-9]/.test(ch)) classes.add('digit');
    else classes.add('symbol');
  }
  return classes.size;
}

/**
 * Every problem at once (an empty array means acceptable), so the form can show them together
 * instead of making the user fix one at a time.
 */
export function checkPassword(password: string, username: string): Array<PasswordProblem> {
  const problems: PasswordProblem[] = [];
  // Code points, so that a character outside the BMP counts as one character, not two.
  if (Array.from(password).length < passwordPolicy.values.minLength) problems.push('PASSWORD_TOO_SHORT');
  if (characterClasses(password) < passwordPolicy.values.minClasses) problems.push('PASSWORD_TOO_FEW_CLASSES');
  const name = username.trim().toLowerCase();
  if (name !== '') {
    const candidate = password.toLowerCase();
    const reversed = Array.from(name).reverse().join('');
    // The reversed username is the first thing a password-guessing list tries after the username.
    if (candidate === name || candidate === reversed) problems.push('PASSWORD_EQUALS_USERNAME');
  }
  return problems;
}

// Look-alike characters (0/O/o, 1/l/I) are left out because initial passwords are read off a
// printed slip or a screen and typed by hand; symbols are ones that need no escaping anywhere.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!@#$%^&*-_=+?';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;
const GENERATED_LENGTH = 16;

/**
 * Draws unbiased indexes below `n` from a byte source by rejection sampling (a plain `byte % n`
 * would favour the first characters of the alphabet).
 */
function makeIndexSource(randomBytes: (n: number) => Uint8Array): (n: number) => number {
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  let rejectedInARow = 0;
  return (n: number) => {
    const limit = 256 - (256 % n);
    for (;;) {
      if (at >= pool.length) {
        pool = randomBytes(64);
        at = 0;
        if (pool.length === 0) throw new Error('randomBytes returned no bytes');
      }
      const byte = pool[at++]!;
      if (byte < limit) {
        rejectedInARow = 0;
        return byte % n;
      }
      // A real random source essentially never rejects this often; a broken one must not hang us.
      if (++rejectedInARow > 10_000) throw new Error('randomBytes does not look random');
    }
  };
}

/**
 * A 16-character password that passes the policy: one character from each class is guaranteed,
 * the rest come from the whole alphabet, and a Fisher–Yates shuffle hides where the guaranteed
 * ones sit. Pass `crypto.randomBytes` (or `n => crypto.getRandomValues(new Uint8Array(n))`).
 */
export function generatePassword(randomBytes: (n: number) => Uint8Array): string {
  const index = makeIndexSource(randomBytes);
  const pick = (alphabet: string) => alphabet[index(alphabet.length)]!;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < GENERATED_LENGTH) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = index(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
