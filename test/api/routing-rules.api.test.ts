/**
 * Routing rules (R-ROUTE-1) and "paper accompanies" rules (R-OUT-4) through the HTTP contract:
 * versioned admin CRUD, who may read, checks of targets and document types, the rule tester, and
 * that rules written through the API are the ones the processes apply.
 */
import crypto from 'node:crypto';
import request from 'supertest';
import { eventually } from '../support/app';
import { SNV, STC, STTTT, draftMetadata, startDocumentSystem, upload, type DocumentTestSystem } from './document-helpers';

/** Sở Kế hoạch và Đầu tư has no demo leader, so no seeded rules. */
const SKHDT = '000.00.05.H52';

let t: DocumentTestSystem;

beforeAll(async () => {
  t = await startDocumentSystem();
});
afterAll(async () => {
  await t?.stop();
});

const app = () => t.sys.app;
const filter = (f: object) => ({ filter: JSON.stringify(f), range: '[0,99]' });

async function createRule(body: Record<string, unknown>, status = 201, user = 'admin') {
  const headers = await t.as(user);
  return request(app()).post('/api/routing-rules').set(headers).send(body).expect(status);
}

describe('routing rules (R-ROUTE-1)', () => {
  test('R-ROUTE-1 when an admin creates, edits and deletes a rule, then each change is a new version and every version stays', async () => {
    const specialist = await t.userId('chuyenvien.snv');
    const created = await createRule({
      organizationCode: SNV,
      name: 'Tổ chức cán bộ: chuyên viên',
      priority: 20,
      match: { typeCodes: ['qd'], keywords: ['tổ chức cán bộ'] },
      target: { kind: 'user', userId: specialist },
    });
    expect(created.headers.location).toBe(`/api/routing-rules/${created.body.id}`);
    expect(created.body).toMatchObject({ version: 1, organizationCode: SNV, active: true, isDefault: false, targetName: 'Tòng Văn Hùng', match: { typeCodes: ['QD'], keywords: ['tổ chức cán bộ'] } });
    const id = created.body.id;

    const edited = await request(app())
      .put(`/api/routing-rules/${id}`)
      .set(await t.as('admin'))
      .send({ ...created.body, priority: 5, name: 'Tổ chức cán bộ (sửa)' })
      .expect(200);
    expect(edited.body).toMatchObject({ id, version: 2, priority: 5, name: 'Tổ chức cán bộ (sửa)', createdByName: 'Quản trị hệ thống' });
    expect(edited.body.createdAt).toBe(created.body.createdAt);

    const deleted = await request(app()).delete(`/api/routing-rules/${id}`).set(await t.as('admin')).expect(200);
    expect(deleted.body).toMatchObject({ id, version: 3, active: false, priority: 5 });

    const versions = await request(app()).get(`/api/routing-rules/${id}/versions`).set(await t.as('admin')).expect(200);
    expect(versions.body.map((v: { version: number; active: boolean; priority: number }) => [v.version, v.active, v.priority])).toEqual([
      [1, true, 20],
      [2, true, 5],
      [3, false, 5],
    ]);
    const list = await request(app()).get('/api/routing-rules').query(filter({ organizationCode: SNV })).set(await t.as('admin')).expect(200);
    expect(list.body.filter((r: { id: string }) => r.id === id)).toEqual([expect.objectContaining({ version: 3, active: false })]);
    const active = await request(app()).get('/api/routing-rules').query(filter({ organizationCode: SNV, active: true })).set(await t.as('admin')).expect(200);
    expect(active.body.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  test("R-SEC-2 when a leader reads routing rules, then only their organization's come; clerks are refused; writes are for admins", async () => {
    const own = await request(app()).get('/api/routing-rules').query({ range: '[0,99]' }).set(await t.as('lanhdao.stttt')).expect(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect(new Set(own.body.map((r: { organizationCode: string }) => r.organizationCode))).toEqual(new Set([STTTT]));
    const snvRule = (await request(app()).get('/api/routing-rules').query(filter({ organizationCode: SNV })).set(await t.as('admin')).expect(200)).body[0];
    await request(app()).get(`/api/routing-rules/${snvRule.id}`).set(await t.as('lanhdao.stttt')).expect(404);
    await request(app()).get(`/api/routing-rules/${snvRule.id}/versions`).set(await t.as('lanhdao.stttt')).expect(404);
    await request(app()).get(`/api/routing-rules/${snvRule.id}`).set(await t.as('lanhdao.snv')).expect(200);
    await request(app()).get('/api/routing-rules').set(await t.as('vanthu.snv')).expect(403);
    await createRule({ organizationCode: SNV, name: 'Thử', target: { kind: 'leader', userId: await t.userId('lanhdao.snv') } }, 403, 'lanhdao.snv');
    await request(app()).put(`/api/routing-rules/${snvRule.id}`).set(await t.as('lanhdao.snv')).send({ priority: 1 }).expect(403);
    await request(app()).delete(`/api/routing-rules/${snvRule.id}`).set(await t.as('lanhdao.snv')).expect(403);
  });

  test('R-ROUTE-1 when a target is not of the organization, not a leader, or a type does not exist, then 422 names the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ target: { kind: 'user', userId: await t.userId('chuyenvien.stttt') } }, 'target.userId'],
      [{ target: { kind: 'leader', userId: await t.userId('chuyenvien.snv') } }, 'target.userId'],
      [{ target: { kind: 'department', departmentId: crypto.randomUUID() } }, 'target.departmentId'],
      [{ target: { kind: 'user', userId: await t.userId('chuyenvien.snv') }, match: { typeCodes: ['CV', 'NOPE'] } }, 'match.typeCodes.1'],
      [{ organizationCode: '000.00.99.H52', target: { kind: 'user', userId: await t.userId('chuyenvien.snv') } }, 'organizationCode'],
    ];
    for (const [over, path] of cases) {
      const res = await createRule({ organizationCode: SNV, name: 'Sai', ...over }, 422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path })]);
    }
    const bad = await createRule({ organizationCode: SNV, name: 'Sai', target: { kind: 'team', id: 1 }, match: { urgencies: ['rất khẩn'] } }, 400);
    expect(bad.type).toBe('application/problem+json');
  });

  test('R-ROUTE-1 when a second active default rule is created for an organization, then 409; its organization cannot be changed', async () => {
    const res = await createRule({ organizationCode: SNV, name: 'Mặc định khác', isDefault: true, target: { kind: 'leader', userId: await t.userId('lanhdao.snv') } }, 409);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'isDefault' })]);
    const rule = await createRule({ organizationCode: SNV, name: 'Đổi cơ quan', target: { kind: 'leader', userId: await t.userId('lanhdao.snv') } });
    await request(app()).put(`/api/routing-rules/${rule.body.id}`).set(await t.as('admin')).send({ organizationCode: STTTT }).expect(422);
    await request(app()).put(`/api/routing-rules/${rule.body.id}`).set(await t.as('admin')).send({ isDefault: true }).expect(409);
    await request(app()).put(`/api/routing-rules/${crypto.randomUUID()}`).set(await t.as('admin')).send({ priority: 1 }).expect(404);
    await request(app()).delete('/api/routing-rules/not-an-id').set(await t.as('admin')).expect(404);
  });

  test('R-ROUTE-1 when a document is tested against the rules, then the rule that fires comes with its reasons, and each rule says whether it matched', async () => {
    const hit = await request(app())
      .post('/api/routing-rules/test')
      .set(await t.as('lanhdao.stttt'))
      .send({ organizationCode: STTTT, summary: 'Kế hoạch CHUYEN DOI SO năm 2026', urgency: 'urgent' })
      .expect(200);
    expect(hit.body.decision).toMatchObject({ rule: { isDefault: false, version: 1 }, target: { kind: 'user' }, targetName: 'Bạc Thị Thu' });
    expect(hit.body.decision.reasons).toEqual(['trích yếu có "chuyển đổi số"']);
    expect(hit.body.rules.find((r: { isDefault: boolean }) => r.isDefault)).toMatchObject({ matched: true });

    const fallback = await request(app()).post('/api/routing-rules/test').set(await t.as('admin')).send({ organizationCode: STTTT, summary: 'Về việc khác' }).expect(200);
    expect(fallback.body.decision).toMatchObject({ rule: { isDefault: true }, reasons: ['quy tắc mặc định của cơ quan'] });

    const none = await request(app()).post('/api/routing-rules/test').set(await t.as('admin')).send({ organizationCode: SKHDT, summary: 'Không có quy tắc' }).expect(200);
    expect(none.body).toMatchObject({ decision: null, rules: [] });

    await request(app()).post('/api/routing-rules/test').set(await t.as('lanhdao.stttt')).send({ organizationCode: SNV, summary: 'Của cơ quan khác' }).expect(404);
    await request(app()).post('/api/routing-rules/test').set(await t.as('admin')).send({ organizationCode: STTTT }).expect(400);
  });

  test('R-ROUTE-1 when an admin adds a rule through the API, then the receiving process applies it and the history names it', async () => {
    const specialist = await t.userId('chuyenvien.stc');
    const rule = await createRule({ organizationCode: STC, name: 'Ngân sách: chuyên viên', priority: 1, match: { keywords: ['ngân sách'] }, target: { kind: 'user', userId: specialist } });
    const draft = await upload(request(app()).post('/api/outgoing').set(await t.as('vanthu.snv')), draftMetadata({ receivers: [STC], summary: 'Về việc quyết toán NGÂN SÁCH năm 2025' }), [[t.signedPdf, 'a.pdf']]).expect(201);
    await request(app()).post(`/api/outgoing/${draft.body.id}/issue`).set(await t.as('vanthu.snv')).send({}).expect(200);
    const incoming = await eventually(async () => {
      const [row] = await t.q<{ id: string }>("SELECT id FROM documents WHERE direction = 'incoming' AND source_document_id = ?", [draft.body.id]);
      if (!row) return null;
      const r = await request(app()).get(`/api/incoming/${row.id}`).set(await t.as('vanthu.stc'));
      return r.body.deadline?.step === 'reception' ? r.body : null;
    });
    await request(app()).post(`/api/incoming/${incoming.id}/accept`).set(await t.as('vanthu.stc')).send({}).expect(200);
    const processing = await eventually(async () => {
      const r = await request(app()).get(`/api/incoming/${incoming.id}`).set(await t.as('lanhdao.stc'));
      return r.body.status === 'processing' ? r.body : null;
    });
    expect(processing).toMatchObject({ mainHandlerId: specialist, routedRule: expect.objectContaining({ id: rule.body.id, version: 1 }) });
  });
});

describe('paper rules (R-OUT-4)', () => {
  test('R-OUT-4 when an admin manages paper rules, then they are created, read, replaced and deleted', async () => {
    const h = await t.as('admin');
    const created = await request(app()).post('/api/paper-rules').set(h).send({ name: 'Quyết định gửi Sở Tài chính kèm bản giấy', receiverCode: STC, typeCodes: ['qd'] }).expect(201);
    expect(created.body).toMatchObject({ name: 'Quyết định gửi Sở Tài chính kèm bản giấy', receiverCode: STC, receiverName: 'Sở Tài chính tỉnh Sơn La', typeCodes: ['QD'], active: true, senderCode: null });
    const id = created.body.id;
    const list = await request(app()).get('/api/paper-rules').query(filter({ q: 'tai chinh' })).set(h).expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([id]);
    const put = await request(app()).put(`/api/paper-rules/${id}`).set(h).send({ ...created.body, senderCode: SNV, active: false }).expect(200);
    expect(put.body).toMatchObject({ senderCode: SNV, senderName: 'Sở Nội vụ tỉnh Sơn La', active: false });
    await request(app()).delete(`/api/paper-rules/${id}`).set(h).expect(200);
    await request(app()).get(`/api/paper-rules/${id}`).set(h).expect(404);
  });

  test('R-OUT-4 when a paper rule has no condition, an unknown type or sender, then it is refused; non-admins are forbidden', async () => {
    const h = await t.as('admin');
    const none = await request(app()).post('/api/paper-rules').set(h).send({ name: 'Không điều kiện' }).expect(400);
    expect(none.body.errors).toEqual([expect.objectContaining({ path: 'receiverCode' })]);
    const type = await request(app()).post('/api/paper-rules').set(h).send({ name: 'Loại sai', typeCodes: ['NOPE'] }).expect(422);
    expect(type.body.errors).toEqual([expect.objectContaining({ path: 'typeCodes.0' })]);
    await request(app()).post('/api/paper-rules').set(h).send({ name: 'Nơi gửi sai', senderCode: '000.00.99.H52', receiverCode: STC }).expect(422);
    await request(app()).get('/api/paper-rules').set(await t.as('lanhdao.snv')).expect(403);
    await request(app()).post('/api/paper-rules').set(await t.as('vanthu.snv')).send({ name: 'x', receiverCode: STC }).expect(403);
  });

  test('R-OUT-4 when a paper rule holds for a connected receiver, then the issued document goes electronically and on paper', async () => {
    await request(app()).post('/api/paper-rules').set(await t.as('admin')).send({ name: 'Gửi Sở TT&TT kèm bản giấy', receiverCode: STTTT }).expect(201);
    const draft = await upload(request(app()).post('/api/outgoing').set(await t.as('vanthu.snv')), draftMetadata({ receivers: [STTTT] }), [[t.signedPdf, 'a.pdf']]).expect(201);
    await request(app()).post(`/api/outgoing/${draft.body.id}/issue`).set(await t.as('vanthu.snv')).send({}).expect(200);
    const d = await eventually(async () => {
      const r = await request(app()).get(`/api/outgoing/${draft.body.id}/deliveries`).set(await t.as('vanthu.snv')).expect(200);
      return r.body.find((x: { receiverCode: string; paperStatus: string | null }) => x.receiverCode === STTTT && x.paperStatus === 'pending');
    });
    expect(d.channel).toBe('both');
  });
});
