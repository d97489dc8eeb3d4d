/**
 * Which buttons an annual study plan shows in each state. The server holds the workflow (draft or
 * returned → submitted → approved or returned) and who may take each step; this only mirrors the
 * states so that a plan never offers a step the server would refuse for its state. Who may approve
 * is the server's call too: `mayDecide` hides approve/return from those it would answer 403. An
 * approved plan is never edited: managers draw up a new version, which replaces it once approved.
 */
import type { StudyPlanView } from '@pioneer/domain';

export type PlanStatus = StudyPlanView['status'];
export type PlanActions = { edit: boolean; submit: boolean; approve: boolean; return: boolean; newVersion: boolean };

export function planActions(status: PlanStatus | null, options: { manage: boolean; mayDecide: boolean }): PlanActions {
  const open = status === null || status === 'draft' || status === 'returned';
  const decide = status === 'submitted' && options.mayDecide;
  return {
    edit: open && options.manage,
    // A plan not yet saved is saved first; submitting is the managers' step.
    submit: open && options.manage,
    approve: decide,
    return: decide,
    newVersion: status === 'approved' && options.manage,
  };
}

/** How the items are saved: a draft or returned version is changed in place (PATCH); otherwise a version is created. */
export function saveMode(latest: Pick<StudyPlanView, 'status'> | null): 'patch' | 'create' {
  return latest !== null && (latest.status === 'draft' || latest.status === 'returned') ? 'patch' : 'create';
}
