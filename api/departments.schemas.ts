/** Schemas of the `departments` resource: the departments (phòng, ban) of an organization. */
import { z } from 'zod';
import { orgCode, text } from './schemas';

export const DEPARTMENT_NAME_MAX = 200;

export const departmentCreateSchema = z
  .object({
    organizationCode: orgCode,
    name: text(DEPARTMENT_NAME_MAX),
    active: z.boolean().default(true),
  })
  .strict();

// react-admin sends the whole record back on save; read-only fields are accepted and ignored.
// The organization is fixed: naming another one is refused (422), not ignored.
export const departmentUpdateSchema = z
  .object({
    organizationCode: orgCode.optional(),
    name: text(DEPARTMENT_NAME_MAX).optional(),
    active: z.boolean().optional(),
  })
  .passthrough();

export const departmentFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    organizationCode: orgCode.optional(),
    active: z.boolean().optional(),
    id: z.union([z.string().max(40), z.array(z.string().max(40)).max(1000)]).optional(),
  })
  .strict();

export type DepartmentCreateInput = z.infer<typeof departmentCreateSchema>;
export type DepartmentUpdateInput = z.infer<typeof departmentUpdateSchema>;
