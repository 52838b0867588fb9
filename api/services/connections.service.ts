/**
 * Connection compliance (R-CONN-1, R-CONN-4): who is connected, since when, who missed the
 * deadline — scoped to what the caller may see — and advancing an organization's process.
 */
import type { ConnectionState } from '../../domain/connection';
import type { OrganizationRecord, OrganizationsRepository, Page } from '../../db/repositories/organizations.repository';
import type { Caller } from '../auth';
import { problems } from '../problem';
import type { ConnectionProcesses } from './connection-processes';

export interface ConnectionFilter {
  q?: string;
  subtree?: string;
  state?: ConnectionState;
  overdue?: boolean;
  deadlineMissed?: boolean;
  kind?: OrganizationRecord['kind'];
  id?: string | string[];
}

const ownLeader = (caller: Caller, code: string) => caller.roles.includes('leader') && caller.organizationCode === code;
const advanceForbidden = () => problems.forbidden('Chỉ quản trị hệ thống xác nhận kết nối thử nghiệm và kết nối chính thức; lãnh đạo đơn vị xác nhận sẵn sàng hạ tầng');

export function createConnectionsService(deps: { repo: OrganizationsRepository; processes: ConnectionProcesses; deadline: string }) {
  const { repo, processes, deadline } = deps;

  /** Admins see every organization, supervisors their subtree, everyone else their own. */
  function scopeOf(caller: Caller): { subtree: string | null; only?: string } {
    if (caller.roles.includes('admin')) return { subtree: null };
    if (caller.roles.includes('supervisor')) return { subtree: caller.supervisesCode ?? caller.organizationCode };
    return { subtree: caller.organizationCode, only: caller.organizationCode };
  }

  function toConnection(o: OrganizationRecord) {
    return {
      id: o.code,
      code: o.code,
      name: o.name,
      shortName: o.shortName,
      kind: o.kind,
      parentCode: o.parentCode,
      state: o.connectionState,
      connectedAt: o.connectedAt,
      deadline: new Date(deadline),
      deadlineMissed: o.deadlineMissed,
      overdue: o.deadlineMissed && o.connectionState !== 'connected',
      nonCompliantSince: o.nonCompliantSince,
      lastReminderAt: o.lastReminderAt,
    };
  }

  async function visible(caller: Caller, code: string) {
    const scope = scopeOf(caller);
    const org = await repo.get(code, scope.subtree);
    if (!org || (scope.only && scope.only !== code)) throw problems.notFound(`Tổ chức ${code}`);
    return org;
  }

  return {
    async list(caller: Caller, f: ConnectionFilter, page: Page) {
      const scope = scopeOf(caller);
      const { rows, total } = await repo.list(
        {
          q: f.q,
          subtree: f.subtree,
          connectionState: f.state,
          overdue: f.overdue,
          deadlineMissed: f.deadlineMissed,
          kind: f.kind,
          id: scope.only ?? f.id,
          scope: scope.subtree,
        },
        { ...page, sortField: page.sortField === 'state' ? 'connectionState' : page.sortField },
      );
      return { rows: rows.map(toConnection), total };
    },

    async get(caller: Caller, code: string) {
      const org = await visible(caller, code);
      const events = await repo.events(code);
      const live = await processes.status(code);
      return {
        ...toConnection(org),
        steps: events.filter((e) => e.kind === 'state').map((e) => ({ state: e.state, at: e.at, actor: e.actor, note: e.note })),
        events,
        nextWakeAt: live?.nextWakeAt ? new Date(live.nextWakeAt) : null,
      };
    },

    /** Whether the caller may advance the organization's process to some state (404 outside their scope, 403 within it). */
    async mayAdvance(caller: Caller, code: string) {
      const org = await visible(caller, code);
      if (!caller.roles.includes('admin') && !ownLeader(caller, code)) throw advanceForbidden();
      return org;
    },

    async advance(caller: Caller, code: string, to: ConnectionState, note: string | null | undefined) {
      const org = await this.mayAdvance(caller, code);
      // A unit's own leader declares its infrastructure ready; the provincial admins (who run the
      // hub) certify the test exchange and the connection.
      if (!caller.roles.includes('admin') && to !== 'infrastructure_ready') throw advanceForbidden();
      if (org.connectionState === 'connected') throw problems.conflict('Tổ chức đã kết nối (already connected)');
      await processes.ensure(code, org.connectionState);
      await processes.advance(code, to, caller.username, note ?? undefined);
      return this.get(caller, code);
    },
  };
}
