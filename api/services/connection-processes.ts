/**
 * The API's side of the connection process (R-CONN-1..2): starting one workflow per
 * organization (idempotently), advancing it through its update, and reading its live status.
 * API handlers never write connection state themselves; the workflow's activities do.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { ConnectionState } from '../../domain/connection';
import {
  advanceConnectionUpdate,
  connectionStatusQuery,
  workflowIds,
  type ConnectionStatus,
  type ConnectionWorkflowInput,
} from '../../workflows/definitions';
import { problems } from '../problem';

export interface ConnectionProcessSettings {
  taskQueue: string;
  deadline: string;
  reminderDaysBefore: number[];
  repeatEveryDays: number;
  escalateToOrgCodes: string[];
}

export function createConnectionProcesses(client: Client, settings: ConnectionProcessSettings) {
  function input(orgCode: string, initialState: ConnectionState): ConnectionWorkflowInput {
    return {
      orgCode,
      initialState,
      deadline: settings.deadline,
      reminderDaysBefore: settings.reminderDaysBefore,
      repeatEveryDays: settings.repeatEveryDays,
      escalateToOrgCodes: settings.escalateToOrgCodes,
    };
  }

  return {
    /**
     * Starts the organization's process unless it is already running (a duplicate start is the
     * same process) or has completed (connected).
     */
    async ensure(orgCode: string, state: ConnectionState): Promise<void> {
      if (state === 'connected') return;
      try {
        await client.workflow.start('connectionWorkflow', {
          workflowId: workflowIds.connection(orgCode),
          taskQueue: settings.taskQueue,
          args: [input(orgCode, state)],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        });
      } catch (err) {
        // Closed after completing: the organization is connected; nothing to start.
        if (err instanceof WorkflowExecutionAlreadyStartedError) return;
        throw err;
      }
    },

    async advance(orgCode: string, to: ConnectionState, actor: string, note?: string) {
      const handle = client.workflow.getHandle(workflowIds.connection(orgCode));
      try {
        return await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to, actor, note }] });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) {
          throw problems.conflict(err.cause?.message ?? err.message, [{ path: 'to', message: err.cause?.message ?? err.message }]);
        }
        if (err instanceof WorkflowNotFoundError) {
          throw problems.conflict('Tiến trình kết nối của tổ chức không còn hoạt động (connection process is not running)');
        }
        throw err;
      }
    },

    /** Live status from the workflow, or null when it is not running or does not answer quickly. */
    async status(orgCode: string): Promise<ConnectionStatus | null> {
      const handle = client.workflow.getHandle(workflowIds.connection(orgCode));
      try {
        return await withTimeout(handle.query(connectionStatusQuery), 3000);
      } catch {
        return null;
      }
    },
  };
}

export type ConnectionProcesses = ReturnType<typeof createConnectionProcesses>;

/**
 * Starts every missing connection process (idempotent): run at API start and periodically, so
 * a crash between registering an organization and starting its workflow heals itself.
 */
export async function reconcileConnectionProcesses(
  repo: { unconnected(): Promise<Array<{ code: string; connectionState: ConnectionState }>> },
  processes: ConnectionProcesses,
): Promise<number> {
  const orgs = await repo.unconnected();
  for (const o of orgs) await processes.ensure(o.code, o.connectionState);
  return orgs.length;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
