/**
 * The audit log is read by the audit administrator alone (三员分立): the administrators whose
 * actions it records, and the managers whose work it records, do not browse it.
 */
import { hasRole, type Actor } from '../../lib/actor.ts';

export const canBrowseAudit = (actor: Actor) => hasRole(actor, 'audit_admin');
