/**
 * Replay guard: every recorded history in test/replay/histories must replay against today's
 * workflow code without a non-determinism error, and a deliberately altered history must fail,
 * proving the guard can fail. Re-record with `npm run record-histories` after a patched() change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { quietRuntime, workflowBundle } from '../support/temporal';

const DIR = path.join(__dirname, 'histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

function load(file: string) {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
}

beforeAll(() => quietRuntime());

/** The requirement each recorded process stands for, for the test titles. */
const REQUIREMENT: Record<string, string> = {
  connection: 'R-CONN-2',
  incoming: 'R-REC-4 R-DL-2',
  outgoing: 'R-OUT-2',
  change: 'R-RCL-1',
  interop: 'R-EDX-2',
};

describe('replay of recorded histories', () => {
  test('R-CONN-1 R-REC-4 R-OUT-2 R-RCL-1 when histories are present, then there is at least one per workflow', () => {
    for (const prefix of Object.keys(REQUIREMENT)) expect(files.filter((f) => f.startsWith(`${prefix}-`)).length).toBeGreaterThanOrEqual(1);
    expect(files.filter((f) => f.startsWith('connection-')).length).toBeGreaterThanOrEqual(2);
  });

  test.each(files.map((f) => [REQUIREMENT[f.split('-')[0]] ?? 'R-DOC-3', f]))('%s when %s is replayed against the current code, then it is deterministic', async (_req, file) => {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(load(file)), file.replace(/\.json$/, ''));
  });

  test('R-CONN-2 when a history no longer matches the code (an activity renamed), then replay reports non-determinism', async () => {
    const history = load('connection-connected-before-deadline.json');
    let changed = 0;
    for (const e of history.events) {
      const attrs = e.activityTaskScheduledEventAttributes;
      if (attrs?.activityType?.name === 'sendConnectionReminder') {
        attrs.activityType.name = 'sendReminderV0';
        changed += 1;
      }
    }
    expect(changed).toBeGreaterThan(0);
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(history), 'altered')).rejects.toThrow(/[Nn]ondetermin|does not match/);
  });

  test('R-REC-4 when an incoming history no longer matches the code (a step reordered), then replay reports non-determinism', async () => {
    const history = load('incoming-lifecycle-with-deadlines.json');
    let changed = 0;
    for (const e of history.events) {
      const attrs = e.activityTaskScheduledEventAttributes;
      if (attrs?.activityType?.name === 'runReceiptChecks') {
        attrs.activityType.name = 'acceptIncoming';
        changed += 1;
      }
    }
    expect(changed).toBe(1);
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(history), 'altered-incoming')).rejects.toThrow(/[Nn]ondetermin|does not match/);
  });
});
