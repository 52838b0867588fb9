/**
 * Organization use cases (R-ORG-1, R-ORG-2): register under an existing parent with a valid
 * identifier code, edit contact data, browse the directory. Registering also starts the
 * organization's connection process (R-CONN-1).
 */
import type { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { parseOrgCode } from '../../domain/org-code';
import type { OrganizationFilter, OrganizationsRepository, Page } from '../../db/repositories/organizations.repository';
import type { Logger } from '../logger';
import { problems } from '../problem';
import type { organizationCreateSchema, organizationUpdateSchema } from '../schemas';
import type { ConnectionProcesses } from './connection-processes';

export function createOrganizationsService(deps: { repo: OrganizationsRepository; processes: ConnectionProcesses; log: Logger }) {
  const { repo, processes, log } = deps;
  return {
    list: (filter: OrganizationFilter, page: Page) => repo.list(filter, page),

    async get(code: string) {
      const org = await repo.get(code);
      if (!org) throw problems.notFound(`Tổ chức ${code}`);
      return org;
    },

    async create(input: z.infer<typeof organizationCreateSchema>) {
      const { parent } = parseOrgCode(input.code);
      if (input.parentCode !== undefined && input.parentCode !== parent) {
        throw new DomainError(
          'PARENT_MISMATCH',
          `Mã ${input.code} thuộc tổ chức cấp trên ${parent ?? '(không có)'}, không phải ${input.parentCode ?? '(không có)'} (the parent is derived from the code)`,
          [{ path: 'parentCode', message: `phải là ${parent ?? 'trống'} (must be ${parent ?? 'empty'})` }],
        );
      }
      if (parent && !(await repo.exists(parent))) {
        throw new DomainError('PARENT_NOT_FOUND', `Tổ chức cấp trên ${parent} chưa được đăng ký; hãy đăng ký tổ chức cấp trên trước (parent ${parent} is not registered)`, [
          { path: 'code', message: `tổ chức cấp trên ${parent} chưa tồn tại (parent does not exist)` },
        ]);
      }
      const org = await repo.insert({ ...input, parentCode: parent });
      // The row is committed first; if Temporal is briefly unreachable, the reconciler starts it.
      await processes.ensure(org.code, org.connectionState).catch((err: unknown) => {
        log.warn({ err, org: org.code }, 'connection process not started yet; the reconciler will retry');
      });
      return org;
    },

    async update(code: string, patch: z.infer<typeof organizationUpdateSchema>) {
      const { name, shortName, kind, address, email, phone, fax, website } = patch;
      if (patch.code !== undefined && patch.code !== code) throw problems.unprocessable('Không thể đổi mã định danh (the code cannot change)', [{ path: 'code', message: 'read-only' }]);
      const current = await repo.get(code);
      if (!current) throw problems.notFound(`Tổ chức ${code}`);
      if (patch.parentCode !== undefined && patch.parentCode !== current.parentCode) {
        throw problems.unprocessable('Tổ chức cấp trên được xác định bởi mã định danh (the parent follows from the code)', [{ path: 'parentCode', message: 'read-only' }]);
      }
      const updated = await repo.update(code, { name, shortName, kind, address, email, phone, fax, website });
      if (!updated) throw problems.notFound(`Tổ chức ${code}`);
      return updated;
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
