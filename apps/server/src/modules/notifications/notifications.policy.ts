/**
 * Who may read a notification: its recipient only. Every account, administrators included, has an
 * inbox; nobody reads anyone else's, whatever their role.
 */
import type { Actor } from '../../lib/actor.ts';

export const canReadNotification = (actor: Actor, row: { user_id: string }) => row.user_id === actor.userId;
