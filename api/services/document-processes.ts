/**
 * The API's side of the document processes (SPEC §7.1–7.5): starting the outgoing, incoming and
 * change workflows with explicit id policies (a duplicate start is refused, never a second
 * process), sending decisions as updates — so the caller sees at once whether the process took
 * them — and turning what Temporal answers into problem+json:
 *
 * - an update the workflow's validator (or handler) rejected → 409 with the workflow's own
 *   Vietnamese message;
 * - an activity that refused for lack of a signature or of the server's signing key
 *   (SIGNATURE_REQUIRED, SIGNING_KEY_MISSING, …) → 422 with its message;
 * - a workflow that no longer runs → 409 "Quy trình đã kết thúc";
 * - Temporal unreachable → 503 (api/problem.ts).
 *
 * Imports the Temporal client and workflows/definitions only; never writes the read model.
 */
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import type { FormatLimits } from '../../activities/formats';
import { loadTrustAnchors, type CertificateInput } from '../../activities/signatures';
import {
  calendarChangedSignal,
  workflowIds,
  type ChangeWorkflowInput,
  type IncomingWorkflowInput,
  type OutgoingWorkflowInput,
} from '../../workflows/definitions';
import { problems } from '../problem';

export interface DocumentProcessSettings {
  /** Task queue of the document workflows (and of the receivers' processes they start). */
  taskQueue: string;
  /** R-FMT-1 limits for uploads. */
  formatLimits: FormatLimits;
  /** Most files one document may carry (main PDF + attachments). */
  maxFiles: number;
  /** Trust anchors a draft's signature is verified against (R-OUT-1); an empty list judges every signature untrusted. */
  trustAnchors: () => Promise<CertificateInput[]>;
}

/**
 * The anchors in a folder, read on every call (cheap: a few PEM files) so that an operator's
 * change applies at once; a missing or empty folder judges every signature untrusted, as the
 * worker does, rather than refusing drafts.
 */
export function trustAnchorsFrom(dir: string): () => Promise<CertificateInput[]> {
  return () => loadTrustAnchors(dir).then(
    (t) => t.anchors,
    () => [],
  );
}

/** Failure types of the signing activities that are the user's to fix (422), not a conflict. */
const UNPROCESSABLE_FAILURES = new Set(['SIGNATURE_REQUIRED', 'SIGNING_KEY_MISSING', 'SIGNATURE_INVALID', 'SIGNER_NOT_CONFIGURED', 'SIGNER_CERTIFICATE_NOT_VALID', 'PDF_NOT_SIGNABLE']);

/** Recalls, updates and replacements one document may go through. */
const MAX_CHANGES = 100;

export const PROCESS_ENDED = 'Quy trình đã kết thúc, không nhận thêm thao tác này (the process has ended)';

/** The chain of causes of an error, outermost first. */
export function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e: unknown = err; e && out.length < 10; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** What an update's failure means for the caller. */
export function updateProblem(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    const chain = causes(err.cause);
    const signing = chain.find((e): e is ApplicationFailure => e instanceof ApplicationFailure && UNPROCESSABLE_FAILURES.has(e.type ?? ''));
    if (signing) return problems.unprocessable(signing.message, [{ path: '(workflow)', message: signing.type ?? 'ApplicationFailure' }]);
    // The innermost application failure carries the reason (a validator's message, an activity's refusal).
    const app = [...chain].reverse().find((e): e is ApplicationFailure => e instanceof ApplicationFailure);
    const message = app?.message || (err.cause as Error | undefined)?.message || err.message;
    return problems.conflict(message, [{ path: '(workflow)', message }]);
  }
  if (err instanceof WorkflowNotFoundError) return problems.conflict(PROCESS_ENDED);
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return problems.unavailable('Quy trình chưa phản hồi kịp; vui lòng thử lại sau ít phút (the workflow did not answer in time)');
  }
  return err;
}

export function createDocumentProcesses(client: Client, settings: Pick<DocumentProcessSettings, 'taskQueue'>) {
  async function start(workflowType: string, workflowId: string, input: unknown, duplicate: string): Promise<void> {
    try {
      await client.workflow.start(workflowType, {
        workflowId,
        taskQueue: settings.taskQueue,
        args: [input],
        // One process per business key (STYLE rule 2): a second start is refused, also after the first ended.
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw problems.conflict(duplicate);
      throw err;
    }
  }

  return {
    taskQueue: settings.taskQueue,

    startOutgoing(workflowId: string, input: OutgoingWorkflowInput): Promise<void> {
      return start('outgoingDocumentWorkflow', workflowId, input, 'Văn bản này đã có quy trình phát hành (outgoing process already exists)');
    },

    startIncoming(workflowId: string, input: IncomingWorkflowInput): Promise<void> {
      return start('incomingDocumentWorkflow', workflowId, input, 'Văn bản đến này đã có quy trình tiếp nhận (incoming process already exists)');
    },

    startChange(workflowId: string, input: ChangeWorkflowInput): Promise<void> {
      return start('documentChangeWorkflow', workflowId, input, 'Văn bản đang có một yêu cầu thu hồi/cập nhật chưa kết thúc (a change of this document is already running)');
    },

    /** Sends a decision and waits for the workflow's answer; failures become problems (see the header). */
    async update<Ret, Arg>(workflowId: string | null, def: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId?: string): Promise<Ret> {
      if (!workflowId) throw problems.conflict('Văn bản chưa có quy trình xử lý (no process for this document yet)');
      try {
        // With an update id Temporal runs a repeated decision once and answers it again (updateIdOf).
        return await client.workflow.getHandle(workflowId).executeUpdate(def, { args: [arg], ...(updateId ? { updateId: `${def.name}:${updateId}` } : {}) });
      } catch (err) {
        throw updateProblem(err);
      }
    },

    /**
     * The change processes of a document so far (ids change:<id>:1, :2, … are taken in order,
     * whoever started them: this API or the outgoing process of a replacing document): the
     * latest one and the revision the next one takes. Found by asking Temporal, so nothing
     * depends on a counter in the read model; ids are kept by REJECT_DUPLICATE for the
     * namespace's retention, after which a number is free again.
     */
    async changes(documentId: string): Promise<{ latest: { workflowId: string; revision: number; running: boolean } | null; nextRevision: number }> {
      let latest: { workflowId: string; revision: number; running: boolean } | null = null;
      for (let revision = 1; revision <= MAX_CHANGES; revision += 1) {
        const workflowId = workflowIds.change(documentId, revision);
        try {
          const d = await client.workflow.getHandle(workflowId).describe();
          latest = { workflowId, revision, running: d.status.name === 'RUNNING' };
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) return { latest, nextRevision: revision };
          throw err;
        }
      }
      throw problems.conflict(`Văn bản đã có ${MAX_CHANGES} lần thu hồi/cập nhật (too many changes)`);
    },

    /**
     * R-CAL-4: tells each workflow that the calendar changed. A workflow that has ended meanwhile
     * is skipped; any other failure stops and is thrown (the caller logs it).
     */
    async calendarChanged(workflowIds: string[]): Promise<{ signalled: number; ended: number }> {
      let signalled = 0;
      let ended = 0;
      for (const id of workflowIds) {
        try {
          await client.workflow.getHandle(id).signal(calendarChangedSignal);
          signalled += 1;
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) ended += 1;
          else throw err;
        }
      }
      return { signalled, ended };
    },
  };
}

export type DocumentProcesses = ReturnType<typeof createDocumentProcesses>;
