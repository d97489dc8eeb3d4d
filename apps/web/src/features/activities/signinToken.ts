/**
 * The server shows a sign-in token once, when sign-in is opened. The secretary's tab keeps it in
 * sessionStorage (this tab only, gone when it closes), so the full-screen display survives a reload
 * without reopening sign-in — reopening would make every QR code already scanned stop working.
 */
import type { SigninOpened } from '@pioneer/domain';

const key = (activityId: string) => `pioneer.signin.${activityId}`;

export function rememberSignin(activityId: string, opened: SigninOpened): void {
  try {
    sessionStorage.setItem(key(activityId), JSON.stringify(opened));
  } catch {
    // Private browsing may refuse storage: the display then asks to reopen after a reload.
  }
}

export function recallSignin(activityId: string): SigninOpened | null {
  try {
    const raw = sessionStorage.getItem(key(activityId));
    if (!raw) return null;
    const opened = JSON.parse(raw) as SigninOpened;
    return typeof opened.token === 'string' && typeof opened.path === 'string' ? opened : null;
  } catch {
    return null;
  }
}

export function forgetSignin(activityId: string): void {
  try {
    sessionStorage.removeItem(key(activityId));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** The absolute address the QR code encodes: this site's origin and the server's path. */
export function signinUrl(opened: Pick<SigninOpened, 'path'>): string {
  return `${window.location.origin}${opened.path.startsWith('/') ? '' : '/'}${opened.path}`;
}
