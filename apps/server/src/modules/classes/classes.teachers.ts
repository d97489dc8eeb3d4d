/**
 * Class sessions as the teacher pool sees them, registered with the teachers module at load time
 * (that module never reads these tables):
 * - a feedback source: a session is held once it has ended; a participant may rate it when they
 *   were enrolled in the class and present at the session, and its lecturer is from the pool;
 * - a request target: a unit's request for a lecturer may name a session of an open class it runs,
 *   and the lecturer's acceptance makes them that session's lecturer (with the requested course
 *   and its direction, which the class's credits carry), unless the class has completed meanwhile.
 */
import { recordAudit } from '../audit/audit.repo.ts';
import { registerFeedbackSessionSource } from '../teachers/feedback-sessions.ts';
import { registerRequestTarget } from '../teachers/request-targets.ts';
import * as repo from './classes.repo.ts';

const titleOf = (s: { class_title: string; topic: string }) => `${s.class_title}：${s.topic}`;

registerFeedbackSessionSource('class_session', {
  find: async (db, sessionId, personId, now) => {
    const s = await repo.sessionForFeedback(db, sessionId, personId);
    if (!s) return null;
    return { lecturerId: s.lecturer_id, title: titleOf(s), heldOn: s.held_on, held: new Date(s.ends_at) <= now, attended: s.enrolment === 'enrolled' && s.attendance === 'present' };
  },
  titles: async (db, ids) => new Map((await repo.sessionTitles(db, ids)).map((s) => [s.id, { title: titleOf(s), heldOn: s.held_on }])),
  attended: async (db, personId, now) =>
    (await repo.sessionsAttended(db, personId, now)).map((s) => ({ sessionId: s.id, title: titleOf(s), heldOn: s.held_on, lecturerId: s.lecturer_id, lecturerName: s.lecturer_name })),
});

registerRequestTarget('class_session', {
  linkable: async (db, sessionId, org) => {
    const s = await repo.sessionClass(db, sessionId);
    return s !== undefined && s.org_id === org.id && s.status === 'open';
  },
  accepted: async (trx, request) => {
    const s = await repo.sessionClass(trx, request.sessionId);
    if (!s) return;
    const cls = await repo.lockClass(trx, s.class_id, 'update');
    // A completed class's sessions are its record (credits were derived from them): left as they are.
    if (!cls || cls.status !== 'open') return;
    const session = (await repo.findSession(trx, request.sessionId))!;
    // The requested course, else the session's own course when it is this lecturer's, else none.
    const requested = request.courseId ? await repo.findCourse(trx, request.courseId) : undefined;
    const current = session.course_id ? await repo.findCourse(trx, session.course_id) : undefined;
    const course = [requested, current].find((c) => c !== undefined && c.status === 'active' && c.lecturer_id === request.lecturer.id);
    const values = { lecturer_id: request.lecturer.id, lecturer_name: request.lecturer.name, course_id: course?.id ?? null, direction: course?.direction ?? null };
    await repo.setSessionLecturer(trx, session.id, values, request.now);
    await recordAudit(trx, {
      actor: request.actor,
      ip: request.ip,
      action: 'class.session_lecturer',
      entityType: 'class_session',
      entityId: session.id,
      orgId: cls.org_id,
      before: { lecturerId: session.lecturer_id, lecturerName: session.lecturer_name, courseId: session.course_id },
      after: { lecturerId: values.lecturer_id, lecturerName: values.lecturer_name, courseId: values.course_id, requestId: request.requestId },
    });
  },
});
