/**
 * Pure business rules shared by the server and the web client: no I/O, no clock (callers pass
 * "today"), failures as stable codes whose text lives in ./messages.ts.
 */
export * from './dates.ts';
export * from './id-number.ts';
export * from './phone.ts';
export * from './mask.ts';
export * from './password-policy.ts';
export * from './membership.ts';
export * from './pinyin.ts';
export * from './org-tree.ts';
export * from './messages.ts';
export * from './org-life/kinds.ts';
export * from './org-life/periods.ts';
export * from './org-life/rule-sets.ts';
export * from './org-life/compliance.ts';
export * from './org-life/meeting-rules.ts';
export * from './org-life/study-hours.ts';
export * from './org-life/recurrence.ts';
export * from './org-life/central-group.ts';
export * from './training-groups.ts';
export * from './training/class-rules.ts';
export * from './training/requirements.ts';
export * from './training/progress.ts';
