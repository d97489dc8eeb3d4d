/** Every feature module's routes, mounted under /api/v1. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { orgRoutes } from './orgs/orgs.routes.ts';
import { transferRoutes } from './transfers/transfers.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { importRoutes } from './imports/imports.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { attendanceRoutes } from './attendance/attendance.routes.ts';
import { makeupRoutes } from './makeup/makeup.routes.ts';
import { ledgerRoutes } from './ledger/ledger.routes.ts';
import { activityRoutes } from './activities/activities.routes.ts';
import { attachmentRoutes } from './attachments/attachments.routes.ts';
import { planRoutes } from './plans/plans.routes.ts';
import { complianceRoutes } from './compliance/compliance.routes.ts';
import { circularRoutes } from './circulars/circulars.routes.ts';
import { centralGroupRoutes } from './central-groups/central-groups.routes.ts';
import { teacherRoutes } from './teachers/teachers.routes.ts';
import { trainingGroupRoutes } from './training-groups/training-groups.routes.ts';
import { externalHoursRoutes } from './external-hours/external-hours.routes.ts';
import { trainingReportRoutes } from './training-reports/training-reports.routes.ts';
import { rotationRoutes } from './rotations/rotations.routes.ts';
import { classRoutes } from './classes/classes.routes.ts';
import { trainingNeedsRoutes } from './training-needs/training-needs.routes.ts';

export type ApiInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export async function registerModules(api: ApiInstance, ctx: ServerContext): Promise<void> {
  await api.register(authRoutes(ctx));
  await api.register(orgRoutes(ctx));
  await api.register(transferRoutes(ctx));
  await api.register(userRoutes(ctx));
  await api.register(auditRoutes(ctx));
  await api.register(peopleRoutes(ctx));
  await api.register(importRoutes(ctx));
  await api.register(notificationRoutes(ctx));
  await api.register(attendanceRoutes(ctx));
  await api.register(makeupRoutes(ctx));
  await api.register(ledgerRoutes(ctx));
  await api.register(activityRoutes(ctx));
  await api.register(attachmentRoutes(ctx));
  await api.register(planRoutes(ctx));
  await api.register(complianceRoutes(ctx));
  await api.register(circularRoutes(ctx));
  await api.register(centralGroupRoutes(ctx));
  await api.register(teacherRoutes(ctx));
  await api.register(trainingGroupRoutes(ctx));
  await api.register(externalHoursRoutes(ctx));
  await api.register(trainingReportRoutes(ctx));
  await api.register(rotationRoutes(ctx));
  await api.register(classRoutes(ctx));
  await api.register(trainingNeedsRoutes(ctx));
}
