/**
 * The document processes end to end through the HTTP contract, with the real workflows and
 * activities on a Temporal dev server: issuing (R-OUT-1..2), delivery tracking (R-OUT-5),
 * receipt, routing, assignment, completion (R-REC-3, R-ROUTE-1..2), deadlines extended (R-DL-3),
 * paper dispatch and printing (R-OUT-4), recall and update (R-RCL-1..3), and how the workflows'
 * answers become problem+json (409 for a refused decision, 422 for a missing signature or key).
 */
import request from 'supertest';
import { workflowIds } from '../../workflows/definitions';
import { eventually } from '../support/app';
import { SNV, SOP_COP, STC, STTTT, UBND, draftMetadata, startDocumentSystem, upload, type DocumentTestSystem } from './document-helpers';

let t: DocumentTestSystem;
const year = new Date().getFullYear();

beforeAll(async () => {
  t = await startDocumentSystem();
});
afterAll(async () => {
  await t?.stop();
});

const app = () => t.sys.app;

interface Delivery {
  receiverCode: string;
  channel: string;
  status: string;
  statusCode: string | null;
  reason: string | null;
  paperStatus: string | null;
  change: { kind: string; code: string | null; reason: string | null } | null;
}

async function createDraft(user: string, over: Record<string, unknown> = {}, pdf: Buffer = t.signedPdf): Promise<{ id: string; summary: string }> {
  const res = await upload(request(app()).post('/api/outgoing').set(await t.as(user)), draftMetadata(over), [[pdf, 'van-ban.pdf']]).expect(201);
  return { id: res.body.id, summary: res.body.summary };
}

async function issued(user: string, over: Record<string, unknown> = {}): Promise<{ id: string; summary: string; identifier: string }> {
  const d = await createDraft(user, over);
  const res = await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as(user)).send({}).expect(200);
  return { ...d, identifier: res.body.identifier };
}

/** The receiver's copy of an outgoing document, once its process recorded the arrival. */
async function arrivedAt(receiverClerk: string, sourceId: string): Promise<{ id: string; status: string; workflowId: string }> {
  return eventually(async () => {
    const [row] = await t.q<{ id: string }>("SELECT id FROM documents WHERE direction = 'incoming' AND source_document_id = ?", [sourceId]);
    if (!row) return null;
    const res = await request(app()).get(`/api/incoming/${row.id}`).set(await t.as(receiverClerk));
    // Ready for a decision once the reception step is open.
    return res.status === 200 && res.body.deadline?.step === 'reception' ? res.body : null;
  });
}

async function deliveries(user: string, id: string): Promise<Delivery[]> {
  return (await request(app()).get(`/api/outgoing/${id}/deliveries`).set(await t.as(user)).expect(200)).body;
}

async function deliveryOf(user: string, id: string, code: string, until: (d: Delivery) => boolean): Promise<Delivery> {
  return eventually(async () => (await deliveries(user, id)).find((d) => d.receiverCode === code && until(d)));
}

/** POST an incoming document's action as `user`, expecting `status`. */
async function act(user: string, id: string, action: string, body: object = {}, status = 200) {
  const headers = await t.as(user);
  return request(app()).post(`/api/incoming/${id}/${action}`).set(headers).send(body).expect(status);
}

describe('issuing (R-OUT-1, R-OUT-2)', () => {
  test('R-OUT-1 when an unsigned draft is issued without server signing, then 409 says a valid signature is required', async () => {
    const d = await createDraft('vanthu.snv', {}, t.unsignedPdf);
    const res = await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('vanthu.snv')).send({}).expect(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toContain('chữ ký số hợp lệ');
  });

  test('R-OUT-1 when an organization without a signing key asks the server to sign, then 422 says the key is missing', async () => {
    const d = await createDraft('vanthu.snv', {}, t.unsignedPdf);
    const res = await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('lanhdao.snv')).send({ signOnServer: true }).expect(422);
    expect(res.body.detail).toMatch(/SIGNING|ký số trên máy chủ|chưa được cấu hình/);
    const after = await request(app()).get(`/api/outgoing/${d.id}`).set(await t.as('vanthu.snv')).expect(200);
    expect(after.body.status).toBe('draft');
  });

  test('R-OUT-1 when an organization with a signing key issues an unsigned draft with server signing, then it is issued with its identifier', async () => {
    const d = await createDraft('vanthu.ubnd', { receivers: [SNV] }, t.unsignedPdf);
    const res = await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('vanthu.ubnd')).send({ signOnServer: true }).expect(200);
    expect(res.body.identifier).toMatch(new RegExp(`^${UBND.replaceAll('.', '\\.')}\\.${year}\\.\\d+$`));
    expect(res.body.document).toMatchObject({ status: 'issued', legalValidity: 'legally_valid' });
  });

  test('R-OUT-2 when a signed draft is issued, then it gets number and identifier, a second issue is 409, and only clerks and leaders may issue', async () => {
    const d = await createDraft('vanthu.snv', { receivers: [STTTT], notation: 'SNV-VP' });
    await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('chuyenvien.snv')).send({}).expect(403);
    await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('vanthu.stttt')).send({}).expect(404);
    const res = await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('lanhdao.snv')).send({}).expect(200);
    expect(res.body).toMatchObject({ identifier: expect.stringMatching(new RegExp(`^${SNV.replaceAll('.', '\\.')}\\.${year}\\.\\d+$`)), numberAndNotation: expect.stringMatching(/^\d+\//) });
    expect(res.body.issuedAt).toMatch(/\+07:00$/);
    const again = await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('vanthu.snv')).send({}).expect(409);
    expect(again.type).toBe('application/problem+json');
    await request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('vanthu.snv')).send({ signOnServer: 'yes' }).expect(400);
  });
});

describe('repeated decisions (R-REC-4, R-DOC-1)', () => {
  test('R-REC-4 R-DOC-1 when a decision whose answer was lost is sent again with the same Idempotency-Key, then it is carried out once and answered the same; another key is refused as usual, and a malformed key is 400', async () => {
    const d = await createDraft('vanthu.snv', { receivers: [STTTT] });
    const issue = async (key: string, status: number) =>
      request(app()).post(`/api/outgoing/${d.id}/issue`).set(await t.as('vanthu.snv')).set('Idempotency-Key', key).send({}).expect(status);
    await issue('bad key!', 400);
    const first = await issue('issue-3f9c2a71', 200);
    const again = await issue('issue-3f9c2a71', 200);
    expect(again.body.identifier).toBe(first.body.identifier);
    expect(again.body.numberAndNotation).toBe(first.body.numberAndNotation);
    await issue('issue-other-key', 409);
    expect(await t.q('SELECT 1 FROM register_entries WHERE document_id = ?', [d.id])).toHaveLength(1);

    const incoming = await arrivedAt('vanthu.stttt', d.id);
    await eventually(async () => (await request(app()).get(`/api/incoming/${incoming.id}/checks`).set(await t.as('vanthu.stttt'))).body.checks ?? null);
    const accept = async (key: string, status: number) =>
      request(app()).post(`/api/incoming/${incoming.id}/accept`).set(await t.as('vanthu.stttt')).set('Idempotency-Key', key).send({}).expect(status);
    const accepted = await accept('accept-7d1e55b0', 200);
    const repeated = await accept('accept-7d1e55b0', 200);
    expect(repeated.body.registerNumber).toBe(accepted.body.registerNumber);
    await accept('accept-another', 409);
    const entries = await t.q<{ number: number }>("SELECT number FROM register_entries WHERE document_id = ? AND register = 'incoming'", [incoming.id]);
    expect(entries).toEqual([{ number: accepted.body.registerNumber }]);
  });
});

describe('receipt, routing, assignment, completion (R-REC-3, R-ROUTE-2, R-OUT-5)', () => {
  test('R-OUT-5 when the receiver accepts, routes, assigns and completes, then each decision answers at once and the sender sees every status', async () => {
    const doc = await issued('vanthu.snv', { receivers: [STTTT] });
    const incoming = await arrivedAt('vanthu.stttt', doc.id);
    expect(incoming.workflowId).toBe(workflowIds.incoming(STTTT, doc.id));
    await deliveryOf('vanthu.snv', doc.id, STTTT, (d) => d.status === 'arrived');

    const checks = await eventually(async () => {
      const r = await request(app()).get(`/api/incoming/${incoming.id}/checks`).set(await t.as('vanthu.stttt')).expect(200);
      return r.body.checks ? r.body : null;
    });
    expect(checks.legalValidity).toBe('legally_valid');
    expect(checks.checks.checks.map((c: { check: string }) => c.check)).toEqual(expect.arrayContaining(['completeness', 'integrity', 'signature', 'formats']));

    // Who may accept: the receiving organization's clerk only.
    await act('lanhdao.stttt', incoming.id, 'accept', {}, 403);
    await act('vanthu.snv', incoming.id, 'accept', {}, 404);
    await act('vanthu.stttt', incoming.id, 'complete', { result: 'Sớm quá' }, 403);
    const accepted = await act('vanthu.stttt', incoming.id, 'accept', { note: 'Đã kiểm tra' }, 200);
    expect(accepted.body.registerNumber).toBeGreaterThanOrEqual(1);
    expect(accepted.body.document).toMatchObject({ status: 'accepted', registerNumber: accepted.body.registerNumber });
    // The organization's default rule routes it to its leaders for assignment (R-ROUTE-1).
    const routed = await eventually(async () => {
      const r = await request(app()).get(`/api/incoming/${incoming.id}`).set(await t.as('lanhdao.stttt'));
      return r.body.deadline?.step === 'assignment' ? r.body : null;
    });
    expect(routed).toMatchObject({ status: 'routed', routedRule: expect.objectContaining({ version: 1, reasons: expect.any(Array) }) });
    const twice = await act('vanthu.stttt', incoming.id, 'accept', {}, 409);
    expect(twice.body.detail).toContain('tiếp nhận');

    // A manual route: its target is checked here (422), the step by the process (409: already routed).
    await act('lanhdao.stttt', incoming.id, 'route', { target: { kind: 'leader', userId: await t.userId('chuyenvien.stttt') } }, 422);
    await act('lanhdao.stttt', incoming.id, 'route', { target: { kind: 'user', userId: await t.userId('chuyenvien.snv') } }, 422);
    await act('chuyenvien.stttt', incoming.id, 'route', { target: { kind: 'leader', userId: await t.userId('lanhdao.stttt') } }, 403);
    const reroute = await act('vanthu.stttt', incoming.id, 'route', { target: { kind: 'leader', userId: await t.userId('lanhdao.stttt') } }, 409);
    expect(reroute.body.detail).toContain('chuyển xử lý');

    // Assignment (R-ROUTE-2): people of the organization, a deadline ahead.
    const specialist = await t.userId('chuyenvien.stttt');
    const bad = await act('lanhdao.stttt', incoming.id, 'assign', { handlerId: await t.userId('chuyenvien.snv'), coHandlerIds: [specialist, specialist] }, 422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['handlerId', 'coHandlerIds.1']));
    await act('lanhdao.stttt', incoming.id, 'assign', { handlerId: specialist, dueAt: '2020-01-01T08:00:00+07:00' }, 422);
    await act('vanthu.stttt', incoming.id, 'assign', { handlerId: specialist }, 403);
    const assigned = await act('lanhdao.stttt', incoming.id, 'assign', { handlerId: specialist, coHandlerIds: [await t.userId('vanthu.stttt')], reason: 'Đúng lĩnh vực' }, 200);
    expect(assigned.body.dueAt).toBeDefined();
    expect(assigned.body.document).toMatchObject({ status: 'processing', mainHandlerId: specialist });
    expect(assigned.body.document.handlers).toEqual(expect.arrayContaining([expect.objectContaining({ userId: specialist, role: 'main' })]));
    await eventually(async () => (await request(app()).get(`/api/incoming/${incoming.id}`).set(await t.as('lanhdao.stttt'))).body.deadline?.step === 'processing');
    const mine = await request(app()).get('/api/tasks').query({ filter: JSON.stringify({ documentId: incoming.id }) }).set(await t.as('chuyenvien.stttt')).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ step: 'processing', handlerRole: 'main', assigneeUserId: specialist })]);

    // Extension (R-DL-3): a leader, a date ahead, a reason.
    await request(app()).post(`/api/incoming/${incoming.id}/extend`).set(await t.as('chuyenvien.stttt')).send({ dueAt: '2099-12-31T17:00:00+07:00', reason: 'Cần thêm thời gian' }).expect(403);
    await request(app()).post(`/api/incoming/${incoming.id}/extend`).set(await t.as('lanhdao.stttt')).send({ dueAt: '2020-12-31T17:00:00+07:00', reason: 'Quá khứ' }).expect(422);
    const extended = await request(app()).post(`/api/incoming/${incoming.id}/extend`).set(await t.as('lanhdao.stttt')).send({ dueAt: '2099-12-31T17:00:00+07:00', reason: 'Chờ ý kiến các sở' }).expect(200);
    expect(new Date(extended.body.dueAt).toISOString()).toBe(new Date('2099-12-31T17:00:00+07:00').toISOString());

    // Completion by the main handler (a specialist).
    await act('chuyenvien.stttt', incoming.id, 'complete', {}, 400);
    const done = await act('chuyenvien.stttt', incoming.id, 'complete', { result: 'Đã tham mưu văn bản trả lời' }, 200);
    expect(done.body.document).toMatchObject({ status: 'completed', result: 'Đã tham mưu văn bản trả lời' });
    await act('chuyenvien.stttt', incoming.id, 'complete', { result: 'Lần hai' }, 409);

    const final = await deliveryOf('vanthu.snv', doc.id, STTTT, (d) => d.status === 'completed');
    expect(final.statusCode).toBe('06');
    const history = await request(app()).get(`/api/documents/${incoming.id}/history`).set(await t.as('giamsat.stttt')).expect(200);
    const actions = history.body.map((h: { action: string }) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['arrived', 'accepted', 'routed', 'assigned', 'extended', 'completed']));
  });

  test('R-REC-3 when the receiver refuses with a reason, then the sender sees the refusal and the reason', async () => {
    const doc = await issued('vanthu.snv', { receivers: [STC] });
    const incoming = await arrivedAt('vanthu.stc', doc.id);
    await act('vanthu.stc', incoming.id, 'refuse', { reason: '  ' }, 400);
    const res = await act('vanthu.stc', incoming.id, 'refuse', { reason: 'Không thuộc thẩm quyền của Sở Tài chính' }, 200);
    expect(res.body.document.status).toBe('refused');
    const d = await deliveryOf('vanthu.snv', doc.id, STC, (x) => x.status === 'refused');
    expect(d).toMatchObject({ statusCode: '02', reason: 'Không thuộc thẩm quyền của Sở Tài chính' });
    // The process has ended: another decision is refused with 409.
    const late = await act('vanthu.stc', incoming.id, 'accept', {}, 409);
    expect(late.type).toBe('application/problem+json');
  });
});

describe('paper path (R-OUT-4, R-CONN-3)', () => {
  test('R-OUT-4 when a document goes to an organization that is not connected, then a printable copy is offered and the clerk confirms dispatch once', async () => {
    const doc = await issued('vanthu.snv', { receivers: [SOP_COP, STTTT] });
    const paper = await deliveryOf('vanthu.snv', doc.id, SOP_COP, (d) => d.paperStatus === 'pending');
    expect(paper.channel).toBe('paper');
    const pdf = await request(app()).get(`/api/outgoing/${doc.id}/printable`).query({ to: SOP_COP }).set(await t.as('vanthu.snv')).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(pdf.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await request(app()).get(`/api/outgoing/${doc.id}/printable`).query({ to: STTTT }).set(await t.as('vanthu.snv')).expect(422);
    await request(app()).get(`/api/outgoing/${doc.id}/printable`).set(await t.as('vanthu.snv')).expect(400);

    await request(app()).post(`/api/outgoing/${doc.id}/paper-dispatched`).set(await t.as('vanthu.snv')).send({ receiverCode: STTTT }).expect(422);
    await request(app()).post(`/api/outgoing/${doc.id}/paper-dispatched`).set(await t.as('vanthu.snv')).send({ receiverCode: SOP_COP, note: 'Gửi qua bưu điện' }).expect(200);
    await deliveryOf('vanthu.snv', doc.id, SOP_COP, (d) => d.paperStatus === 'dispatched');
    const again = await request(app()).post(`/api/outgoing/${doc.id}/paper-dispatched`).set(await t.as('vanthu.snv')).send({ receiverCode: SOP_COP }).expect(409);
    expect(again.body.detail).toContain(SOP_COP);

    // Recalled afterwards: the paper copy must be fetched back, and the clerk confirms it.
    await request(app()).post(`/api/outgoing/${doc.id}/paper-recalled`).set(await t.as('vanthu.snv')).send({ receiverCode: SOP_COP }).expect(409);
    const recall = await request(app()).post(`/api/outgoing/${doc.id}/recall`).set(await t.as('vanthu.snv')).send({ reason: 'Ban hành nhầm' }).expect(202);
    expect(recall.body.workflowId).toBe(workflowIds.change(doc.id, 1));
    await eventually(async () => {
      const res = await request(app()).post(`/api/outgoing/${doc.id}/paper-recalled`).set(await t.as('vanthu.snv')).send({ receiverCode: SOP_COP });
      return res.status === 200;
    });
  });
});

describe('recall and update (R-RCL-1..3)', () => {
  test('R-RCL-1 when an issued document is recalled after the receiver accepted it, then the receiver answers and the sender sees the answer', async () => {
    const doc = await issued('vanthu.snv', { receivers: [UBND] });
    const incoming = await arrivedAt('vanthu.ubnd', doc.id);
    await act('vanthu.ubnd', incoming.id, 'accept', {}, 200);
    await request(app()).post(`/api/outgoing/${doc.id}/recall`).set(await t.as('chuyenvien.snv')).send({ reason: 'Sai sót' }).expect(403);
    await request(app()).post(`/api/outgoing/${doc.id}/recall`).set(await t.as('vanthu.snv')).send({}).expect(400);
    const res = await request(app()).post(`/api/outgoing/${doc.id}/recall`).set(await t.as('lanhdao.snv')).send({ reason: 'Văn bản có sai sót về số liệu' }).expect(202);
    expect(res.body).toEqual({ workflowId: workflowIds.change(doc.id, 1) });
    await request(app()).post(`/api/outgoing/${doc.id}/recall`).set(await t.as('vanthu.snv')).send({ reason: 'Lần hai' }).expect(409);

    const pending = await eventually(async () => {
      const r = await request(app()).get(`/api/incoming/${incoming.id}`).set(await t.as('vanthu.ubnd')).expect(200);
      return r.body.pendingChange ? r.body : null;
    });
    expect(pending.pendingChange).toMatchObject({ kind: 'recall' });
    await act('vanthu.ubnd', incoming.id, 'acknowledge-recall', { agree: false }, 400);
    await act('lanhdao.ubnd', incoming.id, 'acknowledge-recall', {}, 403);
    const answered = await act('vanthu.ubnd', incoming.id, 'acknowledge-recall', {}, 200);
    expect(answered.body.document.status).toBe('recalled');
    const d = await deliveryOf('vanthu.snv', doc.id, UBND, (x) => x.change?.code === '15');
    expect(d.change).toMatchObject({ kind: 'recall', code: '15' });
    await act('vanthu.ubnd', incoming.id, 'acknowledge-recall', {}, 409);
  });

  test('R-RCL-3 when an issued document is updated, then the receiver gets the new metadata, and a later update takes the next change process', async () => {
    const doc = await issued('vanthu.snv', { receivers: [STTTT] });
    const incoming = await arrivedAt('vanthu.stttt', doc.id);
    await request(app()).post(`/api/outgoing/${doc.id}/update`).set(await t.as('vanthu.snv')).send({ reason: 'Không đổi gì' }).expect(400);
    await request(app()).post(`/api/outgoing/${doc.id}/update`).set(await t.as('vanthu.snv')).send({ reason: 'Bớt nơi nhận', removeReceivers: [STC] }).expect(422);
    const first = await request(app())
      .post(`/api/outgoing/${doc.id}/update`)
      .set(await t.as('vanthu.snv'))
      .send({ reason: 'Sửa trích yếu', changes: { summary: 'Về việc triển khai văn bản điện tử (đã sửa)' } })
      .expect(202);
    expect(first.body.workflowId).toBe(workflowIds.change(doc.id, 1));
    await eventually(async () => {
      const r = await request(app()).get(`/api/incoming/${incoming.id}`).set(await t.as('vanthu.stttt')).expect(200);
      return r.body.summary === 'Về việc triển khai văn bản điện tử (đã sửa)';
    });
    const second = await eventually(async () => {
      const r = await request(app()).post(`/api/outgoing/${doc.id}/update`).set(await t.as('vanthu.snv')).send({ reason: 'Đổi độ khẩn', changes: { urgency: 'urgent' } });
      return r.status === 202 ? r : null;
    });
    expect(second.body.workflowId).toBe(workflowIds.change(doc.id, 2));
  });

  test('R-RCL-1 when a draft is recalled, then 409: only issued documents can be recalled', async () => {
    const d = await createDraft('vanthu.snv');
    const res = await request(app()).post(`/api/outgoing/${d.id}/recall`).set(await t.as('vanthu.snv')).send({ reason: 'Thử' }).expect(409);
    expect(res.body.detail).toContain('đã phát hành');
  });
});
