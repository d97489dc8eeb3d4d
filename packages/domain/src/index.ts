/**
 * @pioneer/domain: what the server and the web app share — the API contract (zod schemas and
 * their types) and the pure rules with their numbers.
 */
export * from './rules/index.ts';
export * from './api/index.ts';
