/**
 * The one typed configuration module (STYLE rule 9): read from the environment once,
 * validated with zod at start-up so a bad setting fails fast with a clear message.
 * Used by api/, worker/ and scripts/ — never by workflows/ or domain/ (workflows get
 * what they need as input, so tests can shorten deadlines).
 */
import { z } from 'zod';

const orgCode = z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'must look like 000.00.00.H52');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Unset → `npm start` runs embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(5439),
  /** Unset → `npm start` runs a Temporal dev server (CLI built from source if needed). */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('edoc'),
  TEMPORAL_DEV_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secret for signing session tokens; a random one is generated per data dir when unset. */
  JWT_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(10),
  /** Province identifier code (R-ORG-1): level-1 group, e.g. H52 is only an example. */
  PROVINCE_CODE: orgCode.default('000.00.00.H52'),
  /** Văn phòng UBND tỉnh and Sở Thông tin và Truyền thông: receive connection escalations (R-CONN-2). */
  PROVINCIAL_OFFICE_CODE: orgCode.default('000.00.01.H52'),
  DEPT_ICT_CODE: orgCode.default('000.00.03.H52'),
  /** Article 19.2 connection deadline: 30/12/2019, end of day, Vietnam time. */
  CONNECTION_DEADLINE: z.iso.datetime({ offset: true }).default('2019-12-30T23:59:59.999+07:00'),
  CONNECTION_REMINDER_DAYS: z
    .string()
    .default('90,30,7')
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .pipe(z.array(z.number().int().positive())),
  CONNECTION_REPEAT_DAYS: z.coerce.number().positive().default(7),
  /** Largest accepted single file (R-FMT-1), and all files of one document together. */
  FILE_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  DOCUMENT_FILES_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** Most files one document may carry (main PDF + attachments). */
  DOCUMENT_MAX_FILES: z.coerce.number().int().min(1).max(1000).default(50),
  /** Zip-based formats (docx, xlsx, odt, ods): limits against zip bombs. */
  ZIP_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  ZIP_MAX_RATIO: z.coerce.number().positive().default(100),
  ZIP_MAX_ENTRIES: z.coerce.number().int().positive().default(10_000),
  /** PEM certificates (files in this folder) that signatures must chain to (R-REC-2). Relative to DATA_DIR unless absolute. */
  TRUST_ANCHORS_DIR: z.string().default('trust-anchors'),
  /** `<orgCode>.p12` keystores of organizations that sign on the server (R-OUT-1), with `<orgCode>.pass` holding the passphrase. Relative to DATA_DIR unless absolute. */
  SIGNING_KEYS_DIR: z.string().default('signing-keys'),
  /** Mail server for the daily overdue digest (R-DL-2), e.g. smtp://user:pass@mail.sonla.gov.vn:587; unset → in-app only. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default('Hệ thống quản lý văn bản Sơn La <no-reply@sonla.gov.vn>'),
  /** When the overdue digest goes out (cron syntax, Vietnam time). */
  DIGEST_CRON: z.string().min(9).default('30 7 * * *'),
  /**
   * Interconnection (SPEC §8, R-SEC-1): this system's certificate and key (PEM) — it signs every
   * edXML message and is the TLS certificate of the mutual-TLS interop listener and of our
   * requests to peers. Relative to DATA_DIR unless absolute; `npm start` makes a demo pair.
   */
  INTEROP_KEY_FILE: z.string().default('interop/key.pem'),
  INTEROP_CERT_FILE: z.string().default('interop/cert.pem'),
  /** Port of the mutual-TLS interop listener (the same API, peers only); 0 = no TLS listener. */
  INTEROP_PORT: z.coerce.number().int().min(0).max(65535).default(3443),
  /** Largest accepted edXML package (files are base64 inside: about 4/3 of their size). */
  INTEROP_MAX_BYTES: z.coerce.number().int().positive().default(300 * 1024 * 1024),
  /** A message a peer cannot be sent for this long is escalated to the clerk and skipped. */
  INTEROP_GIVE_UP_HOURS: z.coerce.number().positive().default(24),
  /**
   * The workflow code, bundled ahead (`npm start` writes DATA_DIR/workflow-bundle.js): the worker
   * then starts without webpack, in less time and memory. Unset or missing: bundled at start.
   */
  WORKFLOW_BUNDLE: z.string().optional(),
  /**
   * Workflows kept in the worker's memory between their steps. Documents wait hours or days for
   * people, so a small cache costs only a short replay now and then; Temporal's default scales
   * with the heap limit (about 2,300 here) and lets the worker grow past 500 MB.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(250),
  /**
   * V8 old-space limit (MiB) of the API and worker processes `npm start` runs. Node's default
   * (a quarter of the machine's memory, 4 GiB here) lets garbage pile up to hundreds of MB before
   * it is collected; file contents are Buffers outside this heap. 0 = Node's default.
   */
  PROCESS_HEAP_MB: z.coerce.number().int().min(0).default(192),
  /**
   * V8 semi-space (MiB) of the same processes: the young generation is three of them. V8's own
   * 16 MiB lets each of the worker's two heaps (activities, workflows) hold 48 MiB of short-lived
   * garbage; 2 MiB cut the worker's peak from about 340 to 254 MiB at 50 documents in flight at the
   * same throughput (bench/results/lifecycle-c50.json). 0 = V8's default.
   */
  PROCESS_SEMI_SPACE_MB: z.coerce.number().int().min(0).default(2),
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DEMO_PASSWORD: z.string().min(8).default('SonLa@2018'),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}
