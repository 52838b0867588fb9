/**
 * The home page of the back office (SPEC §1): for each role the caller has, the counters and
 * short lists of what waits for them, in one round trip — the clerk's reception queue with its
 * check verdicts, signed drafts to issue, paper tasks and failed interconnection deliveries; the
 * leader's documents to route or assign and the unit's overdue work; the specialist's own tasks
 * by deadline; the supervisor's overdue work grouped by organization and age, escalations and
 * connection compliance; the admin's configuration health. Scope (R-SEC-2): own organization for
 * work, the supervised subtree for supervisors, everything for admins. Read-only.
 */
import { parsePeerCertificate } from '../../activities/interop/certificates';
import type { DocumentRecord, DocumentsRepository, OverdueSummaryRow, Page, TaskFilter, TaskRecord } from '../../db/repositories/documents.repository';
import type { DocumentBrief, EscalationRecord, HomeRepository, Listing, ConnectionBrief, OrganizationHealthRecord, RuleHealthRecord } from '../../db/repositories/home.repository';
import type { PeersRepository } from '../../db/repositories/peers.repository';
import type { Role } from '../../db/models';
import { vietnamDate } from '../../domain/calendar';
import type { Step } from '../../domain/documents';
import type { Caller } from '../auth';

/** How many rows a card shows; the card links to the full, filtered list. */
export const HOME_LIST_LIMIT = 5;
/** The specialist's own list is the page itself: a little longer. */
export const HOME_MY_TASKS_LIMIT = 10;
/** Admin health lists and a subtree's unconnected units are short enough to show whole, up to this. */
export const HOME_HEALTH_LIMIT = 50;
/** Peers whose certificate ends within this many days are flagged (expired ones too). */
export const PEER_CERTIFICATE_WARNING_DAYS = 30;
/** Escalations counted on the supervisor's card: this many days back. */
export const ESCALATION_WINDOW_DAYS = 7;
/** The specialist's due-today count reads this many of their tasks, nearest deadline first. */
const DUE_TODAY_SCAN = 200;

const DAY_MS = 24 * 3600_000;
/** Sections in the order the page shows them: the daily work first, oversight and configuration last. */
export const HOME_SECTION_ORDER: readonly Role[] = ['clerk', 'leader', 'specialist', 'supervisor', 'admin'];
export const PAPER_STEPS = ['paper_dispatch', 'paper_receipt', 'paper_recall'] as const satisfies readonly Step[];

/** A task with the state of its document, for the decisions a card offers in place. */
export type TaskWithDocument = TaskRecord & { document: DocumentBrief | null };
export type AwaitingDocument = DocumentRecord & { checks: unknown };

export interface ClerkHome {
  awaitingReception: Listing<AwaitingDocument>;
  awaitingIssue: Listing<TaskRecord>;
  paperTasks: Listing<TaskRecord> & { byStep: Record<(typeof PAPER_STEPS)[number], number> };
  failedDeliveries: Listing<TaskRecord>;
}

export interface LeaderHome {
  awaitingDecision: Listing<TaskWithDocument> & { byStep: { routing: number; assignment: number } };
  overdue: Listing<TaskRecord>;
}

export interface SpecialistHome {
  myTasks: Listing<TaskRecord> & { overdue: number; dueToday: number };
}

export interface SupervisorHome {
  root: string;
  overdue: { total: number; byOrganization: OverdueSummaryRow[] };
  escalations: Listing<EscalationRecord> & { sinceDays: number };
  connections: { byState: Record<string, number>; notConnected: Listing<ConnectionBrief> };
}

export interface PeerCertificateWarning {
  id: string;
  name: string;
  subject: string | null;
  validTo: Date | null;
  expired: boolean;
  /** The PEM could not be read: as bad as expired. */
  unreadable: boolean;
}

export interface AdminHome {
  organizationsWithoutRules: Listing<OrganizationHealthRecord>;
  organizationsWithoutClerk: Listing<OrganizationHealthRecord>;
  rulesWithUnusableTarget: Listing<RuleHealthRecord>;
  expiringPeers: Listing<PeerCertificateWarning> & { withinDays: number };
}

export interface HomeSummary {
  generatedAt: Date;
  organizationCode: string;
  sections: Role[];
  clerk?: ClerkHome;
  leader?: LeaderHome;
  specialist?: SpecialistHome;
  supervisor?: SupervisorHome;
  admin?: AdminHome;
}

const page = (limit: number, sortField = 'urgency', sortOrder: 'ASC' | 'DESC' = 'DESC'): Page => ({ offset: 0, limit, sortField, sortOrder });

/** Most urgent first, then the nearest deadline (R-DL-4), as the task lists sort. */
const URGENCY_ORDER: Record<string, number> = { express: 3, very_urgent: 2, urgent: 1, normal: 0 };
const byPriority = (a: TaskRecord, b: TaskRecord) =>
  (URGENCY_ORDER[b.urgency] ?? 0) - (URGENCY_ORDER[a.urgency] ?? 0) ||
  (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) ||
  a.createdAt.getTime() - b.createdAt.getTime();

export function createHomeService(deps: { documents: DocumentsRepository; home: HomeRepository; peers: PeersRepository; now?: () => Date }) {
  const { documents, home, peers } = deps;
  const now = deps.now ?? (() => new Date());
  const owner = (caller: Caller) => ({ userId: caller.id, organizationCode: caller.organizationCode, roles: caller.roles });
  const own = (caller: Caller) => ({ kind: 'organization' as const, code: caller.organizationCode });

  /** The caller's open tasks of several steps, merged in priority order. */
  async function myTasksOfSteps(caller: Caller, steps: readonly string[], limit: number) {
    const lists = await Promise.all(steps.map((step) => documents.myTasks(owner(caller), { status: 'open', step } satisfies TaskFilter, page(limit))));
    const byStep = Object.fromEntries(steps.map((step, i) => [step, lists[i]!.total]));
    return { total: lists.reduce((sum, l) => sum + l.total, 0), items: lists.flatMap((l) => l.rows).sort(byPriority).slice(0, limit), byStep };
  }

  async function clerk(caller: Caller): Promise<ClerkHome> {
    const [arrived, issue, paper, failed] = await Promise.all([
      documents.listDocuments('incoming', { status: 'arrived' }, page(HOME_LIST_LIMIT), own(caller)),
      documents.myTasks(owner(caller), { status: 'open', step: 'sending' }, page(HOME_LIST_LIMIT)),
      myTasksOfSteps(caller, PAPER_STEPS, HOME_LIST_LIMIT),
      documents.myTasks(owner(caller), { status: 'open', step: 'interop_send' }, page(HOME_LIST_LIMIT)),
    ]);
    const briefs = await home.documentBriefs(arrived.rows.map((d) => d.id), caller.organizationCode);
    return {
      awaitingReception: { total: arrived.total, items: arrived.rows.map((d) => ({ ...d, checks: briefs.get(d.id)?.checks ?? null })) },
      awaitingIssue: { total: issue.total, items: issue.rows },
      paperTasks: { total: paper.total, items: paper.items, byStep: paper.byStep as ClerkHome['paperTasks']['byStep'] },
      failedDeliveries: { total: failed.total, items: failed.rows },
    };
  }

  async function leader(caller: Caller): Promise<LeaderHome> {
    const [decisions, overdue] = await Promise.all([
      myTasksOfSteps(caller, ['routing', 'assignment'], HOME_LIST_LIMIT),
      documents.overdueTasks(own(caller), {}, page(HOME_LIST_LIMIT)),
    ]);
    const briefs = await home.documentBriefs([...new Set(decisions.items.map((t) => t.documentId))], caller.organizationCode);
    return {
      awaitingDecision: {
        total: decisions.total,
        items: decisions.items.map((t) => ({ ...t, document: briefs.get(t.documentId) ?? null })),
        byStep: { routing: decisions.byStep.routing ?? 0, assignment: decisions.byStep.assignment ?? 0 },
      },
      overdue: { total: overdue.total, items: overdue.rows },
    };
  }

  async function specialist(caller: Caller): Promise<SpecialistHome> {
    const at = now();
    const [nearest, overdue] = await Promise.all([
      documents.myTasks(owner(caller), { status: 'open' }, page(DUE_TODAY_SCAN, 'dueAt', 'ASC')),
      documents.myTasks(owner(caller), { status: 'open', overdue: true }, page(1)),
    ]);
    const today = vietnamDate(at);
    const dueToday = nearest.rows.filter((t) => t.dueAt && !t.overdue && t.dueAt.getTime() > at.getTime() && vietnamDate(t.dueAt) === today).length;
    return { myTasks: { total: nearest.total, items: nearest.rows.slice(0, HOME_MY_TASKS_LIMIT), overdue: overdue.total, dueToday } };
  }

  async function supervisor(caller: Caller): Promise<SupervisorHome> {
    const root = caller.supervisesCode ?? caller.organizationCode;
    const at = now();
    const [overdue, escalations, connections] = await Promise.all([
      documents.overdueSummary(root, at),
      home.recentEscalations(root, new Date(at.getTime() - ESCALATION_WINDOW_DAYS * DAY_MS), HOME_LIST_LIMIT),
      home.connectionCompliance(root, HOME_HEALTH_LIMIT),
    ]);
    return {
      root,
      overdue: { total: overdue.reduce((sum, r) => sum + r.total, 0), byOrganization: overdue },
      escalations: { ...escalations, sinceDays: ESCALATION_WINDOW_DAYS },
      connections,
    };
  }

  async function expiringPeers(): Promise<AdminHome['expiringPeers']> {
    const at = now().getTime();
    const limit = at + PEER_CERTIFICATE_WARNING_DAYS * DAY_MS;
    const warnings: PeerCertificateWarning[] = [];
    for (const peer of await peers.active()) {
      try {
        const cert = parsePeerCertificate(peer.certificatePem);
        if (cert.validTo.getTime() <= limit) {
          warnings.push({ id: peer.id, name: peer.name, subject: cert.subject, validTo: cert.validTo, expired: cert.validTo.getTime() <= at, unreadable: false });
        }
      } catch {
        warnings.push({ id: peer.id, name: peer.name, subject: null, validTo: null, expired: true, unreadable: true });
      }
    }
    warnings.sort((a, b) => (a.validTo?.getTime() ?? 0) - (b.validTo?.getTime() ?? 0));
    return { total: warnings.length, items: warnings.slice(0, HOME_HEALTH_LIMIT), withinDays: PEER_CERTIFICATE_WARNING_DAYS };
  }

  async function admin(): Promise<AdminHome> {
    const [organizationsWithoutRules, organizationsWithoutClerk, rulesWithUnusableTarget, peersExpiring] = await Promise.all([
      home.organizationsWithoutActiveRule(HOME_HEALTH_LIMIT),
      home.organizationsWithoutClerk(HOME_HEALTH_LIMIT),
      home.rulesWithUnusableTarget(HOME_HEALTH_LIMIT),
      expiringPeers(),
    ]);
    return { organizationsWithoutRules, organizationsWithoutClerk, rulesWithUnusableTarget, expiringPeers: peersExpiring };
  }

  return {
    async forCaller(caller: Caller): Promise<HomeSummary> {
      const sections = HOME_SECTION_ORDER.filter((role) => caller.roles.includes(role));
      const has = (role: Role) => sections.includes(role);
      const [c, l, s, v, a] = await Promise.all([
        has('clerk') ? clerk(caller) : undefined,
        has('leader') ? leader(caller) : undefined,
        has('specialist') ? specialist(caller) : undefined,
        has('supervisor') ? supervisor(caller) : undefined,
        has('admin') ? admin() : undefined,
      ]);
      return {
        generatedAt: now(),
        organizationCode: caller.organizationCode,
        sections,
        ...(c && { clerk: c }),
        ...(l && { leader: l }),
        ...(s && { specialist: s }),
        ...(v && { supervisor: v }),
        ...(a && { admin: a }),
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
