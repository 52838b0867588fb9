/**
 * Everything callers need to talk to workflows: task queue, workflow-id helpers, message
 * definitions and input/result types. Imported by workflows, the API and tests alike; imports
 * only @temporalio/workflow and domain/.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ConnectionState } from '../domain/connection';

/** Workflow ids come only from here (STYLE rule 2): one process per business key. */
export const workflowIds = {
  connection: (orgCode: string): string => `connection:${orgCode}`,
};

// ---- Connection process (R-CONN-1..2) -------------------------------------------------------

export interface ConnectionWorkflowInput {
  orgCode: string;
  initialState: ConnectionState;
  /** ISO 8601 instant; the Article 19.2 deadline from configuration. */
  deadline: string;
  /** Reminders this many days before the deadline (default 90, 30, 7). */
  reminderDaysBefore: number[];
  /** After the deadline, remind every this many days until connected. */
  repeatEveryDays: number;
  /** Organizations whose supervisors get the escalation (Provincial Office, Dept. of ICT). */
  escalateToOrgCodes: string[];
  /** Carried across continue-as-new. */
  carried?: { overdueRecorded: boolean; repeatCount: number };
}

export interface ConnectionStatus {
  orgCode: string;
  state: ConnectionState;
  deadline: string;
  overdue: boolean;
  remindersSent: number[];
  repeatCount: number;
  nextWakeAt: string | null;
}

export interface AdvanceConnectionRequest {
  to: ConnectionState;
  actor: string;
  note?: string;
}

export interface AdvanceConnectionResult {
  state: ConnectionState;
  at: string;
}

export const advanceConnectionUpdate = defineUpdate<AdvanceConnectionResult, [AdvanceConnectionRequest]>('advanceConnection');
export const connectionStatusQuery = defineQuery<ConnectionStatus>('connectionStatus');
