/**
 * GET /api/home (SPEC §1): one section per role of the caller, scoped like every read (R-SEC-2) —
 * a clerk's queue is their own organization's, a supervisor's overdue work is their subtree's,
 * configuration health is the admin's only. Against the real API, PostgreSQL and Temporal.
 */
import request from 'supertest';
import { eventually } from '../support/app';
import { CHIENG_SON, paperMetadata, startDocumentSystem, upload, type DocumentTestSystem } from './document-helpers';

let t: DocumentTestSystem;
beforeAll(async () => {
  t = await startDocumentSystem();
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const app = () => t.sys.app;
const home = async (username: string) => (await request(app()).get('/api/home').set(await t.as(username)).expect(200)).body;

/** Chiềng Sơn's clerk enters a paper document (R-REC-5); resolves once it arrived and was checked. */
async function paperAtChiengSon(): Promise<{ id: string; summary: string }> {
  const metadata = paperMetadata();
  const res = await upload(request(app()).post('/api/incoming').set(await t.as('vanthu.chiengson')), metadata, [[t.unsignedPdf, 'ban-quet.pdf']]).expect(201);
  await eventually(async () => {
    const doc = (await request(app()).get(`/api/incoming/${res.body.id}`).set(await t.as('vanthu.chiengson')).expect(200)).body;
    return doc.status === 'arrived' && doc.legalValidity && (await t.q(`SELECT 1 FROM tasks WHERE document_id = ? AND step = 'reception' AND status = 'open'`, [res.body.id])).length;
  }, 60_000);
  return { id: res.body.id as string, summary: metadata.summary as string };
}

describe('GET /api/home', () => {
  test('R-SEC-2 when a specialist opens the home page, then only the specialist section is there', async () => {
    const body = await home('chuyenvien.snv');
    expect(body.sections).toEqual(['specialist']);
    expect(Object.keys(body).filter((k) => ['clerk', 'leader', 'supervisor', 'admin'].includes(k))).toEqual([]);
    expect(body.specialist.myTasks).toEqual(expect.objectContaining({ total: expect.any(Number), overdue: expect.any(Number), dueToday: expect.any(Number) }));
  });

  test('R-REC-2 R-SEC-2 when a document arrives at a commune, then its clerk sees it awaiting reception with the check verdicts, and another clerk does not', async () => {
    const { id } = await paperAtChiengSon();
    const mine = (await home('vanthu.chiengson')).clerk.awaitingReception;
    const item = mine.items.find((d: { id: string }) => d.id === id);
    expect(item).toEqual(expect.objectContaining({ status: 'arrived', legalValidity: 'information_only' }));
    const checks = Array.isArray(item.checks) ? item.checks : item.checks.checks;
    expect(checks.map((c: { check: string }) => c.check).sort()).toEqual(['completeness', 'formats', 'integrity', 'signature']);
    const other = (await home('vanthu.mocchau')).clerk.awaitingReception;
    expect(other.items.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  test('R-DL-2 R-SEC-2 when a commune has an overdue step, then its district supervisor sees it under the commune in the 1–3 days bucket and another unit’s leader does not', async () => {
    const { id } = await paperAtChiengSon();
    await t.q(
      `UPDATE tasks SET due_at = now() - interval '2 days', overdue = true, overdue_at = now() - interval '2 days' WHERE document_id = ? AND status = 'open' RETURNING id`,
      [id],
    );
    const supervisor = (await home('giamsat.mocchau')).supervisor;
    expect(supervisor.root).toBe('000.00.37.H52');
    const commune = supervisor.overdue.byOrganization.find((r: { organizationCode: string }) => r.organizationCode === CHIENG_SON);
    expect(commune?.byAge.oneToThreeDays).toBeGreaterThanOrEqual(1);
    // R-CONN-4: Chiềng Sơn is not connected, and it is in the subtree.
    expect(supervisor.connections.notConnected.items.map((o: { code: string }) => o.code)).toContain(CHIENG_SON);
    const leader = (await home('lanhdao.snv')).leader.overdue;
    expect(leader.items.map((x: { documentId: string }) => x.documentId)).not.toContain(id);
  });

  test('R-ROUTE-1 when an admin opens the home page, then organizations without an active routing rule are listed and those with one are not', async () => {
    const body = await home('admin');
    expect(body.sections).toEqual(['admin']);
    const codes = body.admin.organizationsWithoutRules.items.map((o: { code: string }) => o.code);
    expect(codes).toContain('000.00.05.H52'); // Sở Kế hoạch và Đầu tư: no users, no rule
    expect(codes).not.toContain('000.00.02.H52'); // Sở Nội vụ: default rule to its leader
    expect(body.admin.organizationsWithoutRules.total).toBeGreaterThanOrEqual(codes.length);
    expect(body.admin.expiringPeers).toEqual({ total: 0, items: [], withinDays: 30 });
    // Non-admins never get the configuration health.
    expect((await home('giamsat.vp')).admin).toBeUndefined();
  });
});
