/**
 * Configuration: the environment is parsed here once, validated with zod, and handed to the rest
 * of the server as a typed object. Nothing else reads process.env. Every variable is documented in
 * the README; a bad value stops the start with the full list of problems.
 */
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  DATA_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'DATA_KEY must be 32 bytes in base64 (44 characters)')
    .optional(),
  TIME_ZONE: z.string().default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: booleanFlag.default(false),
  TRUST_PROXY: booleanFlag.default(false),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().default(20),
  WEB_DIST: z.string().optional(),
  PDF_FONT_PATH: z.string().min(1).default('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  dataKey: string | undefined;
  timeZone: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  trustProxy: boolean;
  loginRateLimitPerMinute: number;
  maxUploadBytes: number;
  /** Largest attachment (meeting minutes, materials) accepted, in bytes. */
  attachmentMaxBytes: number;
  webDist: string;
  /** CJK font the circulars' PDFs embed (Debian's fonts-noto-cjk by default). */
  pdfFontPath: string;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: e.TIME_ZONE });
  } catch {
    throw new ConfigError([`TIME_ZONE: unknown time zone "${e.TIME_ZONE}"`]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminPassword: e.ADMIN_PASSWORD,
    dataKey: e.DATA_KEY,
    timeZone: e.TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.COOKIE_SECURE,
    },
    trustProxy: e.TRUST_PROXY,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    attachmentMaxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024),
    webDist: path.resolve(e.WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
    pdfFontPath: path.resolve(e.PDF_FONT_PATH),
  };
}
