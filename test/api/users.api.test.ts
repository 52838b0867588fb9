/**
 * Accounts against real PostgreSQL (R-SEC-2): admins create, edit, deactivate and reactivate
 * accounts and reset passwords; everyone changes their own password; the password policy; the
 * lock-out rule; changes that take effect on the next request; no password hash ever leaves the
 * API. Only database routes are exercised, so the app gets a Temporal client that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/auth';
import { createLogger } from '../../api/logger';
import { seed } from '../../db/seed';
import { testDocumentSettings } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';

const PASSWORD = 'Users-test-password-1';
const UBND = '000.00.00.H52';
const SNV = '000.00.02.H52';
const STC = '000.00.04.H52'; // Sở Tài chính
const MOC_CHAU = '000.00.37.H52';
const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;

let tdb: TestDatabase;
let app: Express;
let temporal: Client;
const connection = { taskQueue: 'unused', deadline: '2019-12-30T16:59:59.999Z', reminderDaysBefore: [], repeatEveryDays: 7, escalateToOrgCodes: [] };
const tokens: Record<string, string> = {};

function build(loginLimit: number): Express {
  return createApp({ db: tdb.db, temporal, tokens: createTokenService('users-test-secret-users-test-secret-0123', 1), log: createLogger('silent'), connection, documents: testDocumentSettings('none'), loginLimit, httpLog: false });
}

async function login(username: string, password = PASSWORD): Promise<string> {
  return (await request(app).post('/api/auth/login').send({ username, password }).expect(200)).body.token as string;
}
async function as(username: string, password = PASSWORD): Promise<{ Authorization: string }> {
  tokens[username] ??= await login(username, password);
  return { Authorization: `Bearer ${tokens[username]}` };
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let seq = 0;
/** A fresh username per test, so tests never depend on each other. */
const uniqueName = (prefix: string) => `${prefix}.${process.pid % 1000}.${(seq += 1)}`;

async function createUser(overrides: Record<string, unknown> = {}): Promise<{ id: string; username: string; password: string }> {
  const body = { username: uniqueName('nd'), fullName: 'Người Dùng Thử', organizationCode: SNV, roles: ['specialist'], password: PASSWORD, ...overrides };
  const res = await request(app).post('/api/users').set(await as('admin')).send(body).expect(201);
  return { id: res.body.id, username: res.body.username, password: String(body.password) };
}
async function userIdOf(username: string): Promise<string> {
  const res = await request(app).get('/api/users').query({ filter: JSON.stringify({ q: username }), range: '[0,99]' }).set(await as('admin')).expect(200);
  return (res.body as Array<{ id: string; username: string }>).find((u) => u.username === username)!.id;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: UBND, demoPassword: PASSWORD, withDemoUsers: true });
  temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  app = build(1000);
});
afterAll(async () => {
  await temporal?.connection.close();
  await tdb?.drop();
});

describe('creating accounts (R-SEC-2)', () => {
  test('R-SEC-2 when an admin creates a user, then that user can log in with the password and is who the admin said', async () => {
    const username = uniqueName('vanthu.stc');
    const res = await request(app)
      .post('/api/users')
      .set(await as('admin'))
      .send({ username, fullName: 'Hà Thị Mai', position: 'Văn thư', email: 'mai@sonla.gov.vn', organizationCode: STC, roles: ['clerk'], password: 'Mat-khau-moi-2025' })
      .expect(201);
    expect(res.headers.location).toBe(`/api/users/${res.body.id}`);
    expect(res.body).toMatchObject({ username, fullName: 'Hà Thị Mai', organizationCode: STC, organizationName: 'Sở Tài chính tỉnh Sơn La', roles: ['clerk'], active: true, supervisesCode: null });
    expect(res.body.passwordChangedAt).toMatch(ISO_VN);
    const token = await login(username, 'Mat-khau-moi-2025');
    const me = await request(app).get('/api/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ id: res.body.id, username, roles: ['clerk'], organizationCode: STC });
  });

  test('R-SEC-2 when the username is typed with capitals and spaces, then it is stored lower-case and logs in', async () => {
    const username = uniqueName('Chuyen.Vien');
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: ` ${username} `, fullName: 'Chuyên Viên', organizationCode: SNV, roles: ['specialist'], password: PASSWORD }).expect(201);
    expect(res.body.username).toBe(username.toLowerCase());
    await login(username.toLowerCase());
  });

  test('R-SEC-2 when the password is shorter than 10 characters, then the account is refused with 400 and a Vietnamese message on the password field', async () => {
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: uniqueName('ngan'), fullName: 'Mật Khẩu Ngắn', organizationCode: SNV, roles: ['clerk'], password: 'Ngan-1234' }).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([{ path: 'password', message: expect.stringMatching(/^Mật khẩu phải có ít nhất 10 ký tự/) }]);
  });

  test('R-SEC-2 when the password equals the username, then the account is refused with 400', async () => {
    const username = uniqueName('trung.ten.dang.nhap');
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username, fullName: 'Trùng Tên', organizationCode: SNV, roles: ['clerk'], password: username.toUpperCase() }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'password', message: expect.stringMatching(/^Mật khẩu không được trùng với tên đăng nhập/) }]);
  });

  test('R-SEC-2 when the username is malformed, then the account is refused with 400 on the username field', async () => {
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: 'nguyễn văn a', fullName: 'Nguyễn Văn A', organizationCode: SNV, roles: ['clerk'], password: PASSWORD }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'username' })]);
  });

  test('R-SEC-2 when the username is taken, also by a deactivated account, then the account is refused with 409', async () => {
    const taken = await createUser();
    await request(app).delete(`/api/users/${taken.id}`).set(await as('admin')).expect(200);
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: taken.username, fullName: 'Trùng', organizationCode: SNV, roles: ['clerk'], password: PASSWORD }).expect(409);
    expect(res.body.errors).toEqual([{ path: 'username', message: expect.any(String) }]);
    expect(res.body.detail).toMatch(/đã được dùng/);
  });

  test('R-SEC-2 when the organization is not registered, then the account is refused with 422', async () => {
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: uniqueName('khong.to.chuc'), fullName: 'Không Tổ Chức', organizationCode: '000.00.99.H52', roles: ['clerk'], password: PASSWORD }).expect(422);
    expect(res.body.errors).toEqual([{ path: 'organizationCode', message: expect.any(String) }]);
  });

  test('R-SEC-2 when no role is given, then the account is refused with 400', async () => {
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: uniqueName('khong.vai.tro'), fullName: 'Không Vai Trò', organizationCode: SNV, roles: [], password: PASSWORD }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'roles' })]);
  });

  test('R-SEC-2 when a supervisor is created for a district subtree, then the subtree is stored and shown to the supervisor', async () => {
    const { username } = await createUser({ organizationCode: MOC_CHAU, roles: ['supervisor'], supervisesCode: MOC_CHAU });
    const me = await request(app).get('/api/me').set(await as(username)).expect(200);
    expect(me.body).toMatchObject({ roles: ['supervisor'], supervisesCode: MOC_CHAU });
  });

  test('R-SEC-2 when a subtree is given to a user without the supervisor role, then the account is refused with 422 on supervisesCode', async () => {
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: uniqueName('lanh.dao'), fullName: 'Lãnh Đạo', organizationCode: SNV, roles: ['leader'], supervisesCode: UBND, password: PASSWORD }).expect(422);
    expect(res.body.errors).toEqual([{ path: 'supervisesCode', message: expect.any(String) }]);
  });

  test('R-SEC-2 when a supervisor is given an unregistered subtree, then the account is refused with 422 on supervisesCode', async () => {
    const res = await request(app).post('/api/users').set(await as('admin')).send({ username: uniqueName('giam.sat'), fullName: 'Giám Sát', organizationCode: SNV, roles: ['supervisor'], supervisesCode: '000.00.98.H52', password: PASSWORD }).expect(422);
    expect(res.body.errors).toEqual([{ path: 'supervisesCode', message: expect.any(String) }]);
  });
});

describe('listing accounts (R-SEC-2)', () => {
  test('R-SEC-2 when an admin searches without accents, then "tran minh duc" finds Trần Minh Đức', async () => {
    const res = await request(app).get('/api/users').query({ filter: JSON.stringify({ q: 'tran minh duc' }) }).set(await as('admin')).expect(200);
    expect(res.body.map((u: { username: string }) => u.username)).toEqual(['lanhdao.stc']);
  });

  test('R-SEC-2 when an admin filters by organization and role, then only those accounts come, with Content-Range', async () => {
    const res = await request(app).get('/api/users').query({ filter: JSON.stringify({ organizationCode: STC, role: 'leader' }), range: '[0,9]' }).set(await as('admin')).expect(200);
    expect(res.body.map((u: { username: string }) => u.username)).toEqual(['lanhdao.stc']);
    expect(res.headers['content-range']).toBe('users 0-0/1');
  });

  test('R-SEC-2 when an admin filters on inactive accounts, then only deactivated ones come', async () => {
    const { id } = await createUser();
    await request(app).delete(`/api/users/${id}`).set(await as('admin')).expect(200);
    const res = await request(app).get('/api/users').query({ filter: JSON.stringify({ active: false }), range: '[0,999]' }).set(await as('admin')).expect(200);
    expect(res.body.map((u: { id: string }) => u.id)).toContain(id);
    expect(res.body.every((u: { active: boolean }) => !u.active)).toBe(true);
  });
});

describe('who may manage accounts (R-SEC-2)', () => {
  const someId = () => userIdOf('chuyenvien.snv');
  type Headers = { Authorization: string };
  test.each([
    ['list accounts', async (h: Headers) => request(app).get('/api/users').set(h)],
    ['read an account', async (h: Headers) => request(app).get(`/api/users/${await someId()}`).set(h)],
    ['create an account', async (h: Headers) => request(app).post('/api/users').set(h).send({ username: uniqueName('x'), fullName: 'X', organizationCode: SNV, roles: ['clerk'], password: PASSWORD })],
    ['edit an account', async (h: Headers) => request(app).put(`/api/users/${await someId()}`).set(h).send({ roles: ['admin'] })],
    ['deactivate an account', async (h: Headers) => request(app).delete(`/api/users/${await someId()}`).set(h)],
    ['reset a password', async (h: Headers) => request(app).post(`/api/users/${await someId()}/password`).set(h).send({ password: 'Mat-khau-bi-dat-1' })],
  ])('R-SEC-2 when a leader tries to %s, then it is forbidden', async (_what, call) => {
    const res = await call(await as('lanhdao.snv'));
    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
  });

  test('R-SEC-2 when a leader tried to give someone the admin role, then nothing changed', async () => {
    const id = await userIdOf('chuyenvien.snv');
    await request(app).put(`/api/users/${id}`).set(await as('lanhdao.snv')).send({ roles: ['admin'] }).expect(403);
    expect((await request(app).get(`/api/users/${id}`).set(await as('admin')).expect(200)).body.roles).toEqual(['specialist']);
  });
});

describe('changes take effect on the next request (R-SEC-2)', () => {
  test('R-SEC-2 when a user is deactivated, then their existing token answers 401 at once', async () => {
    const user = await createUser();
    const token = await login(user.username);
    await request(app).get('/api/me').set(bearer(token)).expect(200);
    await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ active: false }).expect(200);
    const res = await request(app).get('/api/me').set(bearer(token)).expect(401);
    expect(res.body.detail).toMatch(/không còn hoạt động/);
  });

  test('R-SEC-2 when a user is deactivated with DELETE, then the account is kept, marked inactive, and cannot log in', async () => {
    const user = await createUser();
    const res = await request(app).delete(`/api/users/${user.id}`).set(await as('admin')).expect(200);
    expect(res.body).toMatchObject({ id: user.id, active: false });
    expect((await request(app).get(`/api/users/${user.id}`).set(await as('admin')).expect(200)).body.active).toBe(false);
    await request(app).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(401);
  });

  test('R-SEC-2 when a deactivated user is reactivated, then they can log in again', async () => {
    const user = await createUser();
    await request(app).delete(`/api/users/${user.id}`).set(await as('admin')).expect(200);
    await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ active: true }).expect(200);
    await login(user.username);
  });

  test('R-SEC-2 when an admin gives a user the admin role, then the user’s existing token opens admin endpoints on the next request', async () => {
    const user = await createUser({ roles: ['leader'] });
    const token = await login(user.username);
    await request(app).get('/api/users').set(bearer(token)).expect(403);
    await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ roles: ['leader', 'admin'] }).expect(200);
    await request(app).get('/api/users').set(bearer(token)).expect(200);
  });

  test('R-SEC-2 when an admin removes a user’s admin role, then the user’s existing token is refused on the next request', async () => {
    const user = await createUser({ roles: ['admin'] });
    const token = await login(user.username);
    await request(app).get('/api/users').set(bearer(token)).expect(200);
    await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ roles: ['clerk'] }).expect(200);
    await request(app).get('/api/users').set(bearer(token)).expect(403);
  });

  test('R-SEC-2 when a user moves to another organization, then the next request with the same token acts for the new organization', async () => {
    const user = await createUser({ organizationCode: SNV, roles: ['clerk'] });
    const token = await login(user.username);
    await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ organizationCode: STC }).expect(200);
    const me = await request(app).get('/api/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ organizationCode: STC, organizationName: 'Sở Tài chính tỉnh Sơn La' });
  });
});

describe('editing accounts (R-SEC-2)', () => {
  test('R-SEC-2 when react-admin sends the whole record back with changes, then the changes are saved and read-only fields ignored', async () => {
    const user = await createUser();
    const record = (await request(app).get(`/api/users/${user.id}`).set(await as('admin')).expect(200)).body;
    const res = await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ ...record, fullName: 'Tên Mới', phone: '0212 3852 000' }).expect(200);
    expect(res.body).toMatchObject({ id: user.id, username: user.username, fullName: 'Tên Mới', phone: '0212 3852 000' });
  });

  test('R-SEC-2 when an edit changes the username, then it is refused with 422', async () => {
    const user = await createUser();
    const res = await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ username: uniqueName('ten.moi') }).expect(422);
    expect(res.body.errors).toEqual([{ path: 'username', message: expect.any(String) }]);
  });

  test('R-SEC-2 when an edit carries a password, then it is refused with 400 pointing to the password endpoint', async () => {
    const user = await createUser();
    const res = await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ password: 'Mat-khau-moi-2025' }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'password', message: expect.stringContaining('/password') }]);
  });

  test('R-SEC-2 when the supervisor role is removed, then the stored subtree is cleared with it', async () => {
    const user = await createUser({ roles: ['supervisor'], supervisesCode: UBND });
    const record = (await request(app).get(`/api/users/${user.id}`).set(await as('admin')).expect(200)).body;
    const res = await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ ...record, roles: ['leader'] }).expect(200);
    expect(res.body).toMatchObject({ roles: ['leader'], supervisesCode: null });
  });

  test('R-SEC-2 when an edit moves a user to an unregistered organization, then it is refused with 422', async () => {
    const user = await createUser();
    await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ organizationCode: '000.00.97.H52' }).expect(422);
  });
});

describe('the installation keeps an admin (R-SEC-2)', () => {
  test('R-SEC-2 when an admin deactivates their own account, then it is refused with 409 and a clear message', async () => {
    const adminId = await userIdOf('admin');
    const res = await request(app).put(`/api/users/${adminId}`).set(await as('admin')).send({ active: false }).expect(409);
    expect(res.body.detail).toMatch(/^Không thể tự ngừng kích hoạt tài khoản của mình/);
    await request(app).get('/api/me').set(await as('admin')).expect(200);
  });

  test('R-SEC-2 when an admin deletes their own account, then it is refused with 409 and the account stays active', async () => {
    const adminId = await userIdOf('admin');
    await request(app).delete(`/api/users/${adminId}`).set(await as('admin')).expect(409);
    expect((await request(app).get(`/api/users/${adminId}`).set(await as('admin')).expect(200)).body.active).toBe(true);
  });

  test('R-SEC-2 when an admin removes their own admin role, then it is refused with 409 and the role stays', async () => {
    const adminId = await userIdOf('admin');
    const res = await request(app).put(`/api/users/${adminId}`).set(await as('admin')).send({ roles: ['leader'] }).expect(409);
    expect(res.body.detail).toMatch(/^Không thể tự bỏ vai trò Quản trị hệ thống/);
    expect((await request(app).get(`/api/users/${adminId}`).set(await as('admin')).expect(200)).body.roles).toEqual(['admin']);
  });

  test('R-SEC-2 when two admins remove each other’s admin role at the same moment, then one succeeds, the other is refused, and an admin remains', async () => {
    const a = await createUser({ roles: ['admin'] });
    const b = await createUser({ roles: ['admin'] });
    const [ta, tb] = [await login(a.username), await login(b.username)];
    const results = await Promise.all([
      request(app).put(`/api/users/${b.id}`).set(bearer(ta)).send({ roles: ['clerk'] }),
      request(app).put(`/api/users/${a.id}`).set(bearer(tb)).send({ roles: ['clerk'] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 403]);
    const roles = await Promise.all([a, b].map(async (u) => (await request(app).get(`/api/users/${u.id}`).set(await as('admin'))).body.roles as string[]));
    expect(roles.filter((r) => r.includes('admin'))).toHaveLength(1);
  });
});

describe('passwords (R-SEC-2)', () => {
  test('R-SEC-2 when a user changes their password with the right current password, then the new one logs in and the old one no longer does', async () => {
    const user = await createUser();
    const res = await request(app).post('/api/me/password').set(bearer(await login(user.username))).send({ currentPassword: user.password, newPassword: 'Mat-khau-cua-toi-2' }).expect(200);
    await request(app).get('/api/me').set(bearer(res.body.token)).expect(200);
    await login(user.username, 'Mat-khau-cua-toi-2');
    await request(app).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(401);
  });

  test('R-SEC-2 when a password is changed or reset, then every token issued before stops working at once', async () => {
    const user = await createUser();
    const stolen = await login(user.username);
    const other = await login(user.username);
    // iat has whole seconds: let the change fall in a later second than the old tokens
    await new Promise((r) => setTimeout(r, 1100));
    const res = await request(app).post('/api/me/password').set(bearer(other)).send({ currentPassword: user.password, newPassword: 'Mat-khau-cua-toi-3' }).expect(200);
    const denied = await request(app).get('/api/me').set(bearer(stolen)).expect(401);
    expect(denied.body.detail).toMatch(/thu hồi/);
    await request(app).get('/api/me').set(bearer(other)).expect(401);
    await request(app).get('/api/me').set(bearer(res.body.token)).expect(200);
    await new Promise((r) => setTimeout(r, 1100));
    await request(app).post(`/api/users/${user.id}/password`).set(await as('admin')).send({ password: 'Dat-lai-mat-khau-8' }).expect(200);
    await request(app).get('/api/me').set(bearer(res.body.token)).expect(401);
  });

  test('R-SEC-2 when a deactivated account is reactivated, then tokens issued before the deactivation stay void', async () => {
    const user = await createUser();
    const old = await login(user.username);
    await new Promise((r) => setTimeout(r, 1100));
    await request(app).delete(`/api/users/${user.id}`).set(await as('admin')).expect(200);
    await request(app).get('/api/me').set(bearer(old)).expect(401);
    await request(app).put(`/api/users/${user.id}`).set(await as('admin')).send({ active: true }).expect(200);
    await request(app).get('/api/me').set(bearer(old)).expect(401);
    await request(app).get('/api/me').set(bearer(await login(user.username))).expect(200);
  });

  test('R-SEC-2 when the current password is wrong, then the change is refused with 400 and a field error on currentPassword, and the old password still works', async () => {
    const user = await createUser();
    const res = await request(app).post('/api/me/password').set(bearer(await login(user.username))).send({ currentPassword: 'khong-phai-mat-khau', newPassword: 'Mat-khau-cua-toi-2' }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'currentPassword', message: expect.stringMatching(/^Mật khẩu hiện tại không đúng/) }]);
    await login(user.username, user.password);
  });

  test('R-SEC-2 when the new password breaks the policy, then the change is refused with 400 on newPassword', async () => {
    const user = await createUser();
    const res = await request(app).post('/api/me/password').set(bearer(await login(user.username))).send({ currentPassword: user.password, newPassword: 'ngan' }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'newPassword', message: expect.stringMatching(/ít nhất 10 ký tự/) }]);
  });

  test('R-SEC-2 when the current password is guessed wrong too often, then further attempts answer 429', async () => {
    const limited = build(3);
    const user = await createUser();
    const token = await login(user.username);
    for (let i = 0; i < 3; i += 1) await request(limited).post('/api/me/password').set(bearer(token)).send({ currentPassword: `doan-sai-${i}`, newPassword: 'Mat-khau-cua-toi-2' }).expect(400);
    const res = await request(limited).post('/api/me/password').set(bearer(token)).send({ currentPassword: user.password, newPassword: 'Mat-khau-cua-toi-2' }).expect(429);
    expect(res.type).toBe('application/problem+json');
  });

  test('R-SEC-2 when an admin resets a user’s password, then the user logs in with the new password only', async () => {
    const user = await createUser();
    const res = await request(app).post(`/api/users/${user.id}/password`).set(await as('admin')).send({ password: 'Dat-lai-mat-khau-9' }).expect(200);
    expect(res.body).toMatchObject({ id: user.id, passwordChangedAt: expect.stringMatching(ISO_VN) });
    await login(user.username, 'Dat-lai-mat-khau-9');
    await request(app).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(401);
  });

  test('R-SEC-2 when an admin resets a password to the username, then it is refused with 400', async () => {
    const user = await createUser();
    const res = await request(app).post(`/api/users/${user.id}/password`).set(await as('admin')).send({ password: `${user.username}` }).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ path: 'password', message: expect.stringMatching(/trùng với tên đăng nhập/) }]));
  });

  test('R-SEC-2 when an admin resets their own password through the admin endpoint, then it is refused with 409 (use the own-password change)', async () => {
    const res = await request(app).post(`/api/users/${await userIdOf('admin')}/password`).set(await as('admin')).send({ password: 'Mat-khau-quan-tri-9' }).expect(409);
    expect(res.body.detail).toMatch(/Đổi mật khẩu/);
  });
});

describe('password hashes never leave the API (R-SEC-2)', () => {
  test('R-SEC-2 when accounts are listed, read, created, edited, deactivated, reset or logged into, then no answer carries a hash', async () => {
    const admin = await as('admin');
    const created = await request(app).post('/api/users').set(admin).send({ username: uniqueName('bi.mat'), fullName: 'Bí Mật', organizationCode: SNV, roles: ['clerk'], password: PASSWORD }).expect(201);
    const id = created.body.id as string;
    const answers = [
      created,
      await request(app).get('/api/users').query({ range: '[0,999]' }).set(admin).expect(200),
      await request(app).get(`/api/users/${id}`).set(admin).expect(200),
      await request(app).put(`/api/users/${id}`).set(admin).send({ fullName: 'Bí Mật Hơn' }).expect(200),
      await request(app).post(`/api/users/${id}/password`).set(admin).send({ password: 'Mat-khau-khac-77' }).expect(200),
      await request(app).delete(`/api/users/${id}`).set(admin).expect(200),
      await request(app).post('/api/auth/login').send({ username: 'admin', password: PASSWORD }).expect(200),
      await request(app).get('/api/me').set(admin).expect(200),
    ];
    for (const res of answers) {
      expect(res.text).not.toMatch(/\$argon2|password_?hash/i);
    }
  });
});

describe('contract (R-SEC-2)', () => {
  test('R-SEC-2 when the OpenAPI document is read, then it describes the account, password and document-type endpoints with their request bodies', async () => {
    const doc = (await request(app).get('/api/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/users', '/users/{id}', '/users/{id}/password', '/me/password', '/document-types', '/document-types/{code}']));
    const create = doc.paths['/users'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['username', 'fullName', 'organizationCode', 'roles', 'password']));
    expect(JSON.stringify(doc.paths['/users'])).not.toMatch(/passwordHash/);
    expect(doc.paths['/me/password'].post.requestBody.content['application/json'].schema.required).toEqual(['currentPassword', 'newPassword']);
  });
});
