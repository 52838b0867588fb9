/**
 * A complete in-process system for API and browser tests: a fresh database with demo data, a
 * real Temporal dev server, a real worker with real activities, and the Express app.
 */
import type http from 'node:http';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { createTokenService, type TokenService } from '../../api/auth';
import { createLogger } from '../../api/logger';
import { createTemporalClient } from '../../api/temporal-client';
import { createConnectionProcesses, reconcileConnectionProcesses, type ConnectionProcessSettings } from '../../api/services/connection-processes';
import { trustAnchorsFrom, type DocumentProcessSettings } from '../../api/services/document-processes';
import { formatLimitsFromConfig } from '../../activities/formats';
import { loadConfig } from '../../config';
import { createOrganizationsRepository } from '../../db/repositories/organizations.repository';
import type { Database } from '../../db/database';
import { seed } from '../../db/seed';
import type { ActivityDeps } from '../../activities';
import { createWorker } from '../../worker/create-worker';
import { createTestDatabase, type TestDatabase } from './db';
import { freePort } from './global-setup';
import { devServerEnv, uniqueTaskQueue, workflowBundle } from './temporal';

export const DEMO_PASSWORD = 'Demo-password-1';

/** Document-process settings of an app under test (AppDeps.documents): default limits, no trust anchors unless given. */
export function testDocumentSettings(taskQueue: string, overrides: Partial<DocumentProcessSettings> = {}): DocumentProcessSettings {
  return { taskQueue, formatLimits: formatLimitsFromConfig(loadConfig({})), maxFiles: 20, trustAnchors: async () => [], ...overrides };
}

/**
 * The Express app on a given database with Temporal unreachable (a port nothing listens on: every
 * Temporal call fails with UNAVAILABLE), for the tests of a dependency that is down.
 */
export async function appWithoutTemporal(db: Database): Promise<{ app: Express; close(): Promise<void> }> {
  const { client, connection } = createTemporalClient(`127.0.0.1:${await freePort()}`, 'default');
  const app = createApp({
    db,
    temporal: client,
    tokens: createTokenService('test-secret-test-secret-test-secret-0123', 1),
    log: createLogger('silent'),
    connection: { taskQueue: 'none', deadline: '2019-12-30T16:59:59.999Z', reminderDaysBefore: [90, 30, 7], repeatEveryDays: 7, escalateToOrgCodes: ['000.00.01.H52', '000.00.03.H52'] },
    documents: testDocumentSettings('none'),
    httpLog: false,
  });
  return { app, close: () => connection.close() };
}

export interface TestSystem {
  app: Express;
  env: TestWorkflowEnvironment;
  tdb: TestDatabase;
  tokens: TokenService;
  settings: ConnectionProcessSettings;
  documents: DocumentProcessSettings;
  listen(): Promise<{ url: string; server: http.Server }>;
  stop(): Promise<void>;
}

export async function startTestSystem(
  opts: {
    uiDir?: string;
    settings?: Partial<ConnectionProcessSettings>;
    activities?: Pick<ActivityDeps, 'trust' | 'formatLimits' | 'now'>;
    documents?: Partial<DocumentProcessSettings>;
  } = {},
): Promise<TestSystem> {
  const tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: '000.00.00.H52', demoPassword: DEMO_PASSWORD, withDemoUsers: true });
  const env = await devServerEnv();
  const taskQueue = uniqueTaskQueue('api');
  const worker: Worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue, db: tdb.db, workflowBundle: await workflowBundle(), ...opts.activities });
  const running = worker.run();
  const settings: ConnectionProcessSettings = {
    taskQueue,
    deadline: '2019-12-30T16:59:59.999Z',
    reminderDaysBefore: [90, 30, 7],
    repeatEveryDays: 7,
    escalateToOrgCodes: ['000.00.01.H52', '000.00.03.H52'],
    ...opts.settings,
  };
  // The API verifies drafts against the same trust anchors the worker's receipt checks use.
  const documents = testDocumentSettings(taskQueue, {
    ...(opts.activities?.formatLimits ? { formatLimits: opts.activities.formatLimits } : {}),
    ...(opts.activities?.trust ? { trustAnchors: trustAnchorsFrom(opts.activities.trust.trustAnchorsDir) } : {}),
    ...opts.documents,
  });
  const tokens = createTokenService('test-secret-test-secret-test-secret-0123', 1);
  const app = createApp({ db: tdb.db, temporal: env.client, tokens, log: createLogger('silent'), connection: settings, documents, uiDir: opts.uiDir, loginLimit: 1000, httpLog: false });
  // As the API does at start: every unconnected organization gets its process.
  await reconcileConnectionProcesses(createOrganizationsRepository(tdb.db), createConnectionProcesses(env.client, settings));
  const servers: http.Server[] = [];
  return {
    app,
    env,
    tdb,
    tokens,
    settings,
    documents,
    listen: () =>
      new Promise((resolve) => {
        const server = app.listen(0, '127.0.0.1', () => {
          servers.push(server);
          const { port } = server.address() as { port: number };
          resolve({ url: `http://127.0.0.1:${port}`, server });
        });
      }),
    async stop() {
      for (const s of servers) await new Promise((r) => s.close(r));
      worker.shutdown();
      await running;
      await env.teardown();
      await tdb.drop();
    },
  };
}

/** Polls until `fn` returns a truthy value (processes are asynchronous), or fails after `ms`. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${ms} ms${last ? `: ${String(last)}` : ''}`);
}
