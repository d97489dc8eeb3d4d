/** Small helpers every route uses: who is calling, and from where. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';

/** The caller, who must be logged in and (unless this is the password change) past the first-login change. */
export function requireActor(request: FastifyRequest, options: { allowPendingPasswordChange?: boolean } = {}): Actor {
  const actor = request.actor;
  if (!actor) throw new AppError(request.cookies?.pioneer_session ? 'SESSION_EXPIRED' : 'NOT_AUTHENTICATED');
  if (actor.mustChangePassword && !options.allowPendingPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  return actor;
}

export const clientIp = (request: FastifyRequest): string => request.ip;
