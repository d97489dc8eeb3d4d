export * from './common.ts';
export * from './auth.ts';
export * from './orgs.ts';
export * from './messages.ts';
export * from './people.ts';
export * from './transfers.ts';
export * from './users.ts';
export * from './audit.ts';
