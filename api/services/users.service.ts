/**
 * Account use cases (R-SEC-2): admins create, edit, deactivate and reactivate accounts and reset
 * passwords; everyone changes their own password. Passwords are stored as argon2id hashes and
 * checked against domain/password-policy.ts.
 *
 * The installation always keeps an admin: an admin cannot deactivate themselves, drop their own
 * admin role, or (see `update`) act on a role they lost a moment ago. Whatever a change does to
 * roles, organization or activity takes effect on the user's next request, because api/auth.ts
 * re-reads the caller on every request.
 */
import { hash, verify } from '@node-rs/argon2';
import type { FieldIssue } from '../../domain/errors';
import { PASSWORD_VIOLATION_MESSAGES, passwordViolations } from '../../domain/password-policy';
import type { Page, UserListFilter, UserPatch, UserRecord, UsersRepository } from '../../db/repositories/users.repository';
import type { Caller } from '../auth';
import { problems } from '../problem';
import type { UserCreateInput, UserUpdateInput } from '../users.schemas';

const ROLE_VI = 'Quản trị hệ thống';

export function createUsersService(deps: { repo: UsersRepository }) {
  const { repo } = deps;

  async function mustGet(id: string): Promise<UserRecord> {
    const user = await repo.get(id);
    if (!user) throw problems.notFound('Người dùng');
    return user;
  }

  function policyIssues(path: string, password: string, username: string): FieldIssue[] {
    return passwordViolations(password, username).map((v) => ({ path, message: PASSWORD_VIOLATION_MESSAGES[v] }));
  }

  function refuse(issues: FieldIssue[]): never {
    throw problems.badRequest(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }

  async function organizationMustExist(code: string, path: string): Promise<void> {
    if (!(await repo.organizationExists(code))) {
      throw problems.unprocessable(`Tổ chức ${code} chưa được đăng ký (organization not registered)`, [{ path, message: 'tổ chức không tồn tại (unknown organization)' }]);
    }
  }

  async function departmentMustBelong(departmentId: string, organizationCode: string): Promise<void> {
    const org = await repo.departmentOrganization(departmentId);
    if (org !== organizationCode) {
      throw problems.unprocessable(
        org === null ? 'Phòng ban không tồn tại hoặc đã ngừng sử dụng (unknown or retired department)' : `Phòng ban thuộc ${org}, không thuộc ${organizationCode} (the department belongs to another organization)`,
        [{ path: 'departmentId', message: 'phòng ban không thuộc cơ quan của người dùng (not a department of the user’s organization)' }],
      );
    }
  }

  const supervisorOnly = () =>
    problems.unprocessable('Phạm vi giám sát chỉ dành cho vai trò Giám sát (only supervisors watch a subtree)', [
      { path: 'supervisesCode', message: 'chỉ dùng khi có vai trò Giám sát; hãy để trống (supervisors only; leave it empty)' },
    ]);

  /**
   * Values the request did not change that no longer fit (a department of the old organization,
   * the subtree of a role removed) are cleared; new values that do not fit are refused.
   */
  function update(id: string, patch: UserUpdateInput, caller: Caller): Promise<UserRecord> {
    return repo.withAccountsLock(async (transaction) => {
      // Under the lock, so an admin demoted by a concurrent request cannot still act as one.
      if (!(await repo.isActiveAdmin(caller.id, transaction))) throw problems.forbidden('Tài khoản của bạn không còn vai trò Quản trị hệ thống (no longer an admin)');
      const current = await repo.get(id, transaction);
      if (!current) throw problems.notFound('Người dùng');
      if (patch.username !== undefined && patch.username.trim().toLowerCase() !== current.username) {
        throw problems.unprocessable('Không đổi được tên đăng nhập; hãy tạo tài khoản mới (the username cannot change)', [{ path: 'username', message: 'không đổi được (read-only)' }]);
      }
      const roles = patch.roles ?? current.roles;
      const active = patch.active ?? current.active;
      if (id === caller.id && !active) {
        throw problems.conflict(
          'Không thể tự ngừng kích hoạt tài khoản của mình: hệ thống luôn cần một quản trị viên; hãy nhờ quản trị viên khác (you cannot deactivate your own account)',
          [{ path: 'active', message: 'không áp dụng cho tài khoản của chính mình (not on your own account)' }],
        );
      }
      if (id === caller.id && !roles.includes('admin')) {
        throw problems.conflict(
          `Không thể tự bỏ vai trò ${ROLE_VI} của mình: hệ thống luôn cần một quản trị viên; hãy nhờ quản trị viên khác (you cannot remove your own admin role)`,
          [{ path: 'roles', message: `phải giữ vai trò ${ROLE_VI} (keep the admin role)` }],
        );
      }

      const organizationCode = patch.organizationCode ?? current.organizationCode;
      if (organizationCode !== current.organizationCode) await organizationMustExist(organizationCode, 'organizationCode');

      const next: UserPatch = {
        fullName: patch.fullName,
        position: patch.position,
        email: patch.email,
        phone: patch.phone,
        organizationCode: patch.organizationCode,
        roles: patch.roles,
        active: patch.active,
      };

      const supervisesChanged = patch.supervisesCode !== undefined && patch.supervisesCode !== current.supervisesCode;
      const supervisesCode = patch.supervisesCode === undefined ? current.supervisesCode : patch.supervisesCode;
      if (!roles.includes('supervisor')) {
        if (supervisesChanged && patch.supervisesCode) throw supervisorOnly();
        next.supervisesCode = null;
      } else if (supervisesChanged) {
        if (supervisesCode && supervisesCode !== organizationCode) await organizationMustExist(supervisesCode, 'supervisesCode');
        next.supervisesCode = supervisesCode;
      }

      const departmentChanged = patch.departmentId !== undefined && patch.departmentId !== current.departmentId;
      const departmentId = patch.departmentId === undefined ? current.departmentId : patch.departmentId;
      if (departmentChanged && departmentId) {
        await departmentMustBelong(departmentId, organizationCode);
        next.departmentId = departmentId;
      } else if (departmentChanged || (departmentId && organizationCode !== current.organizationCode)) {
        // Cleared, or the user moved and the old organization's department stays behind.
        next.departmentId = null;
      }

      const updated = await repo.update(id, next, transaction);
      if (!updated) throw problems.notFound('Người dùng');
      return updated;
    });
  }

  return {
    list: (filter: UserListFilter, page: Page) => repo.list(filter, page),

    get: mustGet,

    async create(input: UserCreateInput): Promise<UserRecord> {
      await organizationMustExist(input.organizationCode, 'organizationCode');
      const supervisesCode = input.supervisesCode ?? null;
      if (supervisesCode) {
        if (!input.roles.includes('supervisor')) throw supervisorOnly();
        // Admins administer the whole installation, so any registered subtree may be assigned.
        if (supervisesCode !== input.organizationCode) await organizationMustExist(supervisesCode, 'supervisesCode');
      }
      if (input.departmentId) await departmentMustBelong(input.departmentId, input.organizationCode);
      const result = await repo.insert({
        username: input.username,
        passwordHash: await hash(input.password),
        fullName: input.fullName,
        position: input.position ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        organizationCode: input.organizationCode,
        departmentId: input.departmentId ?? null,
        supervisesCode,
        roles: input.roles,
      });
      if ('conflict' in result) {
        throw problems.conflict(`Tên đăng nhập ${input.username} đã được dùng (kể cả tài khoản đã ngừng hoạt động); hãy chọn tên khác (username taken)`, [
          { path: 'username', message: 'đã tồn tại (already exists)' },
        ]);
      }
      return result.created;
    },

    update,

    deactivate: (id: string, caller: Caller): Promise<UserRecord> => update(id, { active: false }, caller),

    async resetPassword(id: string, password: string, caller: Caller): Promise<UserRecord> {
      if (id === caller.id) {
        // Setting one's own password without proving the current one would let a stolen session
        // lock the owner out.
        throw problems.conflict('Đổi mật khẩu của chính mình bằng chức năng Đổi mật khẩu, có nhập mật khẩu hiện tại (use POST /api/me/password for your own account)');
      }
      const user = await mustGet(id);
      const issues = policyIssues('password', password, user.username);
      if (issues.length) refuse(issues);
      const updated = await repo.setPassword(id, await hash(password));
      if (!updated) throw problems.notFound('Người dùng');
      return updated;
    },

    async changeOwnPassword(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
      const stored = await repo.passwordHashOf(caller.id);
      if (!stored) throw problems.unauthorized('Tài khoản không còn hoạt động (account disabled)');
      const issues: FieldIssue[] = [];
      if (!(await verify(stored, currentPassword))) issues.push({ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng (current password is wrong)' });
      issues.push(...policyIssues('newPassword', newPassword, caller.username));
      if (newPassword === currentPassword) issues.push({ path: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại (the new password must differ from the current one)' });
      if (issues.length) refuse(issues);
      await repo.setPassword(caller.id, await hash(newPassword));
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
