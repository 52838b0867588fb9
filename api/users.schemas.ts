/**
 * Request schemas of the accounts API (R-SEC-2): the `users` resource, the admin's password reset
 * and the caller's own password change. As in api/schemas.ts, one zod schema gives the type, the
 * runtime check (400 problem+json) and the OpenAPI description. The password policy itself is
 * domain/password-policy.ts, shared with the back office.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../db/models';
import { PASSWORD_MAX_LENGTH, PASSWORD_VIOLATION_MESSAGES, passwordViolations } from '../domain/password-policy';
import { orgCode, text } from './schemas';

const optionalText = (max: number) => text(max).nullable().optional();

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

/** Typed in any case and with stray spaces; stored lower-case, as login looks it up. */
export const username = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(USERNAME_PATTERN, 'tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới hoặc gạch ngang (3–64 of a-z 0-9 . _ -)'));

/** A password as typed: never trimmed; the length bound here only keeps hashing cheap. */
const password = z.string().max(PASSWORD_MAX_LENGTH * 4, `tối đa ${PASSWORD_MAX_LENGTH} ký tự (at most ${PASSWORD_MAX_LENGTH} characters)`);

/** Adds one issue per policy violation at `path`. */
export function checkPasswordPolicy(ctx: z.RefinementCtx, path: string, value: string, forUsername: string | null | undefined): void {
  for (const v of passwordViolations(value, forUsername)) ctx.addIssue({ code: 'custom', path: [path], message: PASSWORD_VIOLATION_MESSAGES[v] });
}

const roles = z
  .array(z.enum(ROLES as [Role, ...Role[]]))
  .min(1, 'cần ít nhất một vai trò (at least one role)')
  .max(ROLES.length)
  // A role given twice is the same role.
  .transform((list) => ROLES.filter((r) => list.includes(r)));

export const userCreateSchema = z
  .object({
    username,
    fullName: text(200),
    position: optionalText(200),
    email: z.email('email không hợp lệ (invalid e-mail)').max(254).nullable().optional(),
    phone: optionalText(40),
    organizationCode: orgCode,
    departmentId: z.uuid().nullable().optional(),
    roles,
    /** Root of the subtree a supervisor watches; empty = the user's own organization. */
    supervisesCode: orgCode.nullable().optional(),
    password,
  })
  .strict()
  .superRefine((value, ctx) => checkPasswordPolicy(ctx, 'password', value.password, value.username));

export const userUpdateSchema = z
  .object({
    fullName: text(200).optional(),
    position: optionalText(200),
    email: z.email('email không hợp lệ (invalid e-mail)').max(254).nullable().optional(),
    phone: optionalText(40),
    organizationCode: orgCode.optional(),
    departmentId: z.uuid().nullable().optional(),
    roles: roles.optional(),
    supervisesCode: orgCode.nullable().optional(),
    active: z.boolean().optional(),
    // The user name is the account's identity: accepted when unchanged (react-admin sends the
    // whole record back), refused otherwise.
    username: z.string().optional(),
  })
  // Other read-only fields of the record (id, organizationName, timestamps) are ignored.
  .passthrough()
  .superRefine((value, ctx) => {
    // Silently ignoring a password here would let a client believe it was changed.
    for (const key of ['password', 'passwordHash']) {
      if (key in value) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'mật khẩu đổi qua POST /api/users/<id>/password, không qua sửa tài khoản (set passwords with POST /api/users/<id>/password)' });
      }
    }
  });

export const passwordResetSchema = z.object({ password }).strict();

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'hãy nhập mật khẩu hiện tại (current password required)').max(200),
    newPassword: password,
  })
  .strict();

export const userFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    organizationCode: orgCode.optional(),
    role: z.enum(ROLES as [Role, ...Role[]]).optional(),
    active: z.boolean().optional(),
    id: z.union([z.uuid(), z.array(z.uuid()).max(1000)]).optional(),
  })
  .strict();

export type UserCreateInput = z.infer<typeof userCreateSchema>;
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
export type UserFilter = z.infer<typeof userFilterSchema>;
