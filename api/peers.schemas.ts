/** Schemas of the `peers` resource (R-SEC-1, SPEC §8): registered peer systems. */
import { z } from 'zod';
import { orgCode, text } from './schemas';

const endpointUrl = z
  .string()
  .max(500)
  .refine((value) => {
    try {
      const u = new URL(value);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'phải là địa chỉ https:// (hoặc http://) của hệ thống, không có tham số (must be an http(s) base URL)');

const peerFields = {
  name: text(300),
  endpointUrl,
  organizationCodes: z.array(orgCode).min(1, 'cần ít nhất một mã cơ quan (at least one organization code)').max(5000),
  certificatePem: z.string().min(50).max(64 * 1024),
  active: z.boolean().default(true),
};

export const peerCreateSchema = z.object(peerFields).strict();
// react-admin sends the whole record back on save; read-only fields are accepted and ignored.
export const peerUpdateSchema = z.object(peerFields).passthrough();

export const peerFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    active: z.boolean().optional(),
    organizationCode: orgCode.optional(),
    id: z.union([z.string().max(40), z.array(z.string().max(40)).max(1000)]).optional(),
  })
  .strict();

export const edxmlExportQuerySchema = z.object({ to: orgCode }).strict();
