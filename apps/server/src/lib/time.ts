/** Calendar days in the deployment's time zone: "today" decides which day, month and year a fact belongs to. */
import type { ServerContext } from '../context.ts';

export function isoDateIn(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export const todayIn = (ctx: Pick<ServerContext, 'config' | 'now'>): string => isoDateIn(ctx.now(), ctx.config.timeZone);
