/**
 * Bundles the workflow code ahead of the worker (WORKFLOW_BUNDLE): webpack runs here, once per
 * start, instead of inside the worker, whose memory then stays that of the running workflows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../worker/create-worker';

export async function writeWorkflowBundle(file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed: a worker starting meanwhile never reads half a bundle.
  fs.writeFileSync(`${file}.tmp`, code);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}
