/** Real Temporal servers for tests: the Java time-skipping server and the CLI dev server. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../worker/create-worker';

let runtimeInstalled = false;
/** Runtime.install may run once per process: quiet logs unless a test asks for more. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through jest (test/support/global-setup.ts)`);
  return value;
}

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: required('TEMPORAL_TEST_SERVER_PATH') } } });
}

export async function devServerEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: required('TEMPORAL_CLI_PATH') }, ui: false } });
}

let bundle: Promise<WorkflowBundle> | undefined;
/** Bundle the workflows once per suite (webpack takes seconds). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  return bundle;
}

let seq = 0;
export function uniqueTaskQueue(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}
