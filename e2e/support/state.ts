import fs from 'node:fs';

/**
 * What the journeys share across files: the administrators' current passwords. The admin's
 * password changes during the run (the login journey changes it at first login), and
 * auditadmin's initial one is only printed by the demo loader, so they live in a JSON file in the
 * run's temp dir, which global setup creates and names in E2E_STATE_FILE.
 */
export const STATE_FILE_ENV = 'E2E_STATE_FILE';

export type E2eState = { passwords: Record<string, string> };

function stateFile(): string {
  const file = process.env[STATE_FILE_ENV];
  if (!file) throw new Error(`${STATE_FILE_ENV} is not set: run the journeys through e2e/playwright.config.ts`);
  return file;
}

export function readState(): E2eState {
  return JSON.parse(fs.readFileSync(stateFile(), 'utf8')) as E2eState;
}

export function writeState(state: E2eState): void {
  fs.writeFileSync(stateFile(), JSON.stringify(state, null, 2), { mode: 0o600 });
}

export function currentPassword(username: string): string {
  const password = readState().passwords[username];
  if (!password) throw new Error(`no password recorded for ${username} in ${stateFile()}`);
  return password;
}

/** Records a password the run just set, so later journeys sign in with it. */
export function recordPassword(username: string, password: string): void {
  const state = readState();
  state.passwords[username] = password;
  writeState(state);
}
