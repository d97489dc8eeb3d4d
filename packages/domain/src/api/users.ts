/**
 * Accounts and role grants contract (三员分立): the system administrator manages accounts, the
 * security administrator grants and revokes roles. Neither sees members' personal data, so no
 * shape here carries a phone or ID number.
 */
import { z } from 'zod';
import { roleName } from './auth.ts';
import { page, pageQuery } from './common.ts';

export const userListQuery = pageQuery.extend({
  /** Part of the username or display name. */
  q: z.string().trim().max(50).optional(),
  role: roleName.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const userGrantView = z.object({
  id: z.string(),
  role: roleName,
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
});

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** The member record this account belongs to, if any (the record itself is not shown here). */
  personId: z.string().nullable(),
  /** Whether the account can log in by the linked member's phone number. */
  phoneLogin: z.boolean(),
  grants: z.array(userGrantView),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const userPage = page(userView);
export const userIdParams = z.object({ id: z.uuid() });

export const userCreateInput = z.object({
  username: z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9_.-]+$/, 'USERNAME_FORMAT'),
  displayName: z.string().trim().min(1).max(50),
  /** Links a member's account to their record; phone login then uses the record's phone. */
  personId: z.uuid().nullable().optional(),
});
export type UserCreateInput = z.infer<typeof userCreateInput>;

/** A new or reset password is shown once, to be handed to the person; it must be changed at first login. */
export const userWithPassword = z.object({ user: userView, oneTimePassword: z.string() });
export type UserWithPassword = z.infer<typeof userWithPassword>;

export const grantListQuery = pageQuery.extend({
  userId: z.uuid().optional(),
  role: roleName.optional(),
  orgId: z.uuid().optional(),
});
export type GrantListQuery = z.infer<typeof grantListQuery>;

export const grantCreateInput = z.object({
  userId: z.uuid(),
  role: roleName,
  /** Required for business roles (the subtree they reach), absent for the three administrator roles. */
  orgId: z.uuid().nullable().optional(),
});
export type GrantCreateInput = z.infer<typeof grantCreateInput>;

export const grantDetailView = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleName,
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  grantedByName: z.string().nullable(),
  grantedAt: z.string(),
});
export type GrantDetailView = z.infer<typeof grantDetailView>;

export const grantPage = page(grantDetailView);
export const grantIdParams = z.object({ id: z.uuid() });
