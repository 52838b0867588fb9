/**
 * Builds the Temporal worker: workflows from the bundle (or source path), activities from the
 * factory with their dependencies. No config reads here; callers pass everything in.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export interface CreateWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxCachedWorkflows?: number;
}

export async function createWorker(opts: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({ db: opts.db, trust: opts.trust, formatLimits: opts.formatLimits, now: opts.now, interop: opts.interop }),
    // Small machine: keep concurrency modest so PostgreSQL's pool is never the bottleneck.
    maxConcurrentActivityTaskExecutions: 50,
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
  });
}
