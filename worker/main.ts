/**
 * Worker process entry: config → connections → activities → Worker. Runs until SIGINT/SIGTERM,
 * then drains in-flight tasks (Temporal's graceful shutdown).
 */
import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/database';
import { createLogger } from '../api/logger';
import { formatLimitsFromConfig } from '../activities/formats';
import { interopSettings } from '../activities/interop/identity';
import { loadTrustAnchors, signatureDirs } from '../activities/signatures';
import { createWorker } from './create-worker';

/** A stop requested while the worker is still starting (bundling workflows): nothing runs yet, leave at once. */
let running = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (!running) process.exit(0);
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL).child({ component: 'worker' });
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new Error('worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start sets both)');
  }
  const db = connectDatabase(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const interop = interopSettings(config);
  const bundlePath = config.WORKFLOW_BUNDLE && path.resolve(config.DATA_DIR, config.WORKFLOW_BUNDLE);
  const prebuilt = bundlePath && fs.existsSync(bundlePath) ? { codePath: bundlePath } : undefined;
  if (bundlePath && !prebuilt) log.warn({ bundlePath }, 'WORKFLOW_BUNDLE not found: bundling the workflows now');
  const worker = await createWorker({
    workflowBundle: prebuilt,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    connection,
    db,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    trust: signatureDirs(config),
    formatLimits: formatLimitsFromConfig(config),
    interop,
  });
  if (!interop.identity) log.warn('no interop certificate (INTEROP_KEY_FILE / INTEROP_CERT_FILE): edXML messages to peer systems wait in the outbox');
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker started');
  // Say at start-up whether signatures can be judged trusted (R-REC-2), not at the first document.
  const { trustAnchorsDir } = signatureDirs(config);
  await loadTrustAnchors(trustAnchorsDir).then(
    ({ loaded }) => log.info({ trustAnchorsDir, loaded }, 'trust anchors loaded'),
    (err: Error) => log.warn({ trustAnchorsDir, err: err.message }, 'no trust anchors: every signature will be reported as untrusted'),
  );
  running = true;
  await worker.run();
  await connection.close();
  await db.close();
  log.info('worker stopped');
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
