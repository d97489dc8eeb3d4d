/** Login, session and password-change contract. */
import { z } from 'zod';

export const roleNames = ['system_admin', 'security_admin', 'audit_admin', 'committee_officer', 'secretary', 'member'] as const;
export const roleName = z.enum(roleNames);
export type RoleName = z.infer<typeof roleName>;

export const loginInput = z.object({
  /** Username or mobile phone number. */
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof loginInput>;

export const grantView = z.object({
  role: roleName,
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
});

export const meView = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  personId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  grants: z.array(grantView),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
});
export type MeView = z.infer<typeof meView>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
