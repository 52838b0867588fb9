/**
 * API process entry: config → database → Temporal client → createApp → listen. Also runs the
 * reconciler (node-cron) that starts any connection process that is missing, e.g. after a crash
 * between registering an organization and starting its workflow, and the daily overdue digest.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import cron from 'node-cron';
import nodemailer from 'nodemailer';
import { formatLimitsFromConfig } from '../activities/formats';
import { loadInteropIdentity } from '../activities/interop/identity';
import { signatureDirs } from '../activities/signatures';
import { loadConfig, type Config } from '../config';
import { connectDatabase } from '../db/database';
import { createOrganizationsRepository } from '../db/repositories/organizations.repository';
import { createApp } from './app';
import { createTokenService } from './auth';
import { createLogger } from './logger';
import { createTemporalClient } from './temporal-client';
import { createConnectionProcesses, reconcileConnectionProcesses, type ConnectionProcessSettings } from './services/connection-processes';
import { trustAnchorsFrom, type DocumentProcessSettings } from './services/document-processes';
import type { AuditTrail } from './middleware/audit';
import type { InteropService } from './services/interop.service';
import { sendOverdueDigest } from './services/overdue-digest';

export function connectionSettings(config: Config): ConnectionProcessSettings {
  return {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deadline: new Date(config.CONNECTION_DEADLINE).toISOString(),
    reminderDaysBefore: config.CONNECTION_REMINDER_DAYS,
    repeatEveryDays: config.CONNECTION_REPEAT_DAYS,
    escalateToOrgCodes: [config.PROVINCIAL_OFFICE_CODE, config.DEPT_ICT_CODE],
  };
}

export function documentSettings(config: Config): DocumentProcessSettings {
  return {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    formatLimits: formatLimitsFromConfig(config),
    maxFiles: config.DOCUMENT_MAX_FILES,
    trustAnchors: trustAnchorsFrom(signatureDirs(config).trustAnchorsDir),
  };
}

/** A per-installation secret kept in the data dir when JWT_SECRET is not configured. */
export function tokenSecret(config: Config): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.resolve(config.DATA_DIR, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL).child({ component: 'api' });
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) throw new Error('api needs DATABASE_URL and TEMPORAL_ADDRESS (npm start sets both)');
  const db = connectDatabase(config.DATABASE_URL);
  const { client: temporal, connection } = createTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const settings = connectionSettings(config);
  const identity = loadInteropIdentity(config);
  const app = createApp({
    db,
    temporal,
    log,
    tokens: createTokenService(tokenSecret(config), config.TOKEN_TTL_HOURS),
    connection: settings,
    documents: documentSettings(config),
    uiDir: path.resolve(__dirname, '../admin-ui/dist'),
    interop: { identity, maxBytes: config.INTEROP_MAX_BYTES },
  });
  const server = app.listen(config.PORT, config.HOST, () => log.info({ port: config.PORT }, 'api listening'));
  // R-SEC-1: peers connect here with their client certificate; the routes match it to a
  // registered peer (self-signed peer certificates are pinned by fingerprint, hence no CA check).
  const tlsServer =
    identity && config.INTEROP_PORT
      ? https
          .createServer({ key: identity.keyPem, cert: identity.certPem, requestCert: true, rejectUnauthorized: false }, app)
          .listen(config.INTEROP_PORT, config.HOST, () => log.info({ port: config.INTEROP_PORT }, 'interop mutual-TLS listener'))
      : null;
  if (!identity) log.warn('no interop certificate (INTEROP_KEY_FILE / INTEROP_CERT_FILE): no mutual-TLS listener, edXML export refused');

  const processes = createConnectionProcesses(temporal, settings);
  const repo = createOrganizationsRepository(db);
  const interop = app.locals.interop as InteropService;
  const reconcile = async () => {
    const checked = await reconcileConnectionProcesses(repo, processes);
    const outboxes = await interop.reconcileOutboxes();
    log.debug({ checked, outboxes }, 'connection and outbox processes reconciled');
  };
  reconcile().catch((err) => log.warn({ err }, 'reconcile failed; will retry'));
  const job = cron.schedule('*/5 * * * *', () => void reconcile().catch((err) => log.warn({ err }, 'reconcile failed')));

  // R-DL-2: the supervisors' morning digest of overdue work (in-app, and e-mail when SMTP is set).
  const mailer = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  const digest = cron.schedule(
    config.DIGEST_CRON,
    () =>
      void sendOverdueDigest(db, { mailer, from: config.SMTP_FROM, log }).then(
        (result) => log.info(result, 'overdue digest sent'),
        (err) => log.warn({ err }, 'overdue digest failed'),
      ),
    { timezone: 'Asia/Ho_Chi_Minh' },
  );

  const shutdown = () => {
    log.info('api stopping');
    void job.stop();
    void digest.stop();
    tlsServer?.close();
    server.close(() => {
      // R-SEC-3: entries of the last requests are written after their responses; wait for them.
      void (app.locals.audit as AuditTrail)
        .drain()
        .catch((err: unknown) => log.error({ err }, 'audit entries not written'))
        .finally(() => void Promise.all([db.close(), connection.close()]).finally(() => process.exit(0)));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`api failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
