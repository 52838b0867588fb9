/**
 * Document activities against a real PostgreSQL with the demo data (SPEC §7.1–7.5): issuing
 * (signature required, one number under retries, channels), receipt (one document per delivery,
 * receipt time, checks, one register number), status codes reported to the sender without gaps,
 * routing rules, deadlines and escalation up the organization tree, and change requests. Signed
 * PDFs come from the throw-away PKI of test/support/pki.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { createActivities } from '../../activities';
import { storeFile } from '../../activities/files';
import { verifyPdfSignatures } from '../../activities/signatures';
import { seed } from '../../db/seed';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { makePdf, PASSPHRASE, signAs, testPki, toP12, type TestPki } from '../support/pki';

const UBND = '000.00.00.H52';
const STTTT = '000.00.03.H52';
const STC = '000.00.04.H52';
const SYT = '000.00.08.H52';
const MOC_CHAU = '000.00.37.H52';
const SOP_COP = '000.00.41.H52';
const CHIENG_SON = '000.02.37.H52';
const PHT = '001.01.03.H52';
/** A code of another province: not in this installation. */
const ELSEWHERE = '000.00.00.G09';

let tdb: TestDatabase;
let acts: ReturnType<typeof createActivities>;
let pki: TestPki;
let tmp: string;
let signedPdf: Uint8Array;
let unsignedPdf: Uint8Array;
/** The read model's clock: a Wednesday in office hours unless a test moves it. */
let clock = new Date('2024-06-12T09:00:00+07:00');
const at = () => clock.toISOString();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: UBND, demoPassword: 'Demo-password-1', withDemoUsers: true });
  pki = testPki();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-documents-'));
  const trust = { trustAnchorsDir: path.join(tmp, 'anchors'), signingKeysDir: path.join(tmp, 'keys') };
  fs.mkdirSync(trust.trustAnchorsDir);
  fs.mkdirSync(trust.signingKeysDir);
  fs.writeFileSync(path.join(trust.trustAnchorsDir, 'root.pem'), pki.root.pem);
  fs.writeFileSync(path.join(trust.signingKeysDir, `${UBND}.p12`), toP12(pki.organization));
  fs.writeFileSync(path.join(trust.signingKeysDir, `${UBND}.pass`), `${PASSPHRASE}\n`);
  acts = createActivities({ db: tdb.db, trust, now: () => clock });
  unsignedPdf = await makePdf();
  signedPdf = await signAs(unsignedPdf, pki.person);
});
afterAll(async () => {
  await tdb?.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  clock = new Date('2024-06-12T09:00:00+07:00');
});

const q = <T extends object>(sql: string, replacements: unknown[] = []) => tdb.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });

let seq = 0;
const key = (what: string) => `test:${++seq}:${what}`;

const users = new Map<string, string>();
async function user(username: string): Promise<string> {
  if (!users.has(username)) users.set(username, (await q<{ id: string }>('SELECT id FROM users WHERE username = ?', [username]))[0].id);
  return users.get(username)!;
}

interface DraftOptions {
  pdf?: Uint8Array;
  summary?: string;
  typeCode?: string;
  urgency?: string;
}

/** An outgoing draft as the API writes it: main PDF, metadata, receivers with a placeholder channel. */
async function draft(org: string, receivers: string[], o: DraftOptions = {}): Promise<string> {
  const file = await storeFile(tdb.db, { name: 'quyet-dinh.pdf', bytes: o.pdf ?? signedPdf, mediaType: 'application/pdf' });
  const [{ id }] = await q<{ id: string }>(
    `INSERT INTO documents (direction, organization_code, summary, type_code, urgency, status, document_date, signer_position, signer_name, copies, page_count)
     VALUES ('outgoing', ?, ?, ?, ?, 'draft', '2024-06-11', 'Giám đốc', 'Nguyễn Văn A', 2, 1) RETURNING id`,
    [org, o.summary ?? 'Về việc triển khai nhiệm vụ năm 2024', o.typeCode ?? 'CV', o.urgency ?? 'normal'],
  );
  await q('INSERT INTO document_files (document_id, position, file_id, role) VALUES (?, 0, ?, ?) RETURNING document_id', [id, file.id, 'main']);
  for (const code of receivers) {
    await q("INSERT INTO document_receivers (document_id, receiver_code, channel, status, status_at) VALUES (?, ?, 'internal', 'pending', now()) RETURNING document_id", [id, code]);
  }
  return id;
}

async function issued(org: string, receivers: string[], o: DraftOptions = {}) {
  const id = await draft(org, receivers, o);
  const result = await acts.issueOutgoing({ documentId: id, actorId: null, signOnServer: false, at: at(), key: key('issue') });
  return { id, result };
}

/** An internal delivery that has arrived at `receiver`. */
async function delivered(receiver: string, o: DraftOptions & { sender?: string } = {}) {
  const { id: sourceId } = await issued(o.sender ?? UBND, [receiver], o);
  const arrival = await acts.recordArrival({ receiverCode: receiver, sourceDocumentId: sourceId, incomingDocumentId: null, workflowId: `incoming:${receiver}:${sourceId}`, key: key('arrival') });
  return { sourceId, id: arrival.documentId, arrival };
}

async function accepted(receiver: string, o: DraftOptions & { sender?: string } = {}) {
  const d = await delivered(receiver, o);
  const { registerNumber } = await acts.acceptIncoming({ documentId: d.id, actorId: null, at: at(), key: key('accept') });
  return { ...d, registerNumber };
}

/** A document the clerk entered directly (plain paper intake, or a bare electronic row). */
async function entered(org: string, pdf: Uint8Array, intake: 'paper' | 'electronic'): Promise<string> {
  const file = await storeFile(tdb.db, { name: 'ban-quet.pdf', bytes: pdf, mediaType: 'application/pdf' });
  const [{ id }] = await q<{ id: string }>(
    `INSERT INTO documents (direction, organization_code, summary, number, number_and_notation, urgency, status, intake, sender_name)
     VALUES ('incoming', ?, 'Giấy mời họp', 12, '12/GM-BCĐ', 'normal', 'arrived', ?, 'Ban Chỉ đạo') RETURNING id`,
    [org, intake],
  );
  await q("INSERT INTO document_files (document_id, position, file_id, role) VALUES (?, 0, ?, 'main') RETURNING document_id", [id, file.id]);
  return id;
}

const senderCodes = (sourceId: string) =>
  q<{ status_code: string }>("SELECT status_code FROM document_history WHERE document_id = ? AND action = 'delivery_status' ORDER BY id", [sourceId]).then((r) => r.map((x) => x.status_code));
const receiverOf = (sourceId: string, code: string) =>
  q<{ status: string; status_code: string | null; reason: string | null; channel: string; change_code: string | null; paper_status: string | null }>(
    'SELECT status, status_code, reason, channel, change_code, paper_status FROM document_receivers WHERE document_id = ? AND receiver_code = ?',
    [sourceId, code],
  ).then((r) => r[0]);
/** Tasks opened in one transaction share created_at: order them by step, main handler first. */
const STEP_ORDER = ['reception', 'paper_receipt', 'routing', 'assignment', 'processing', 'recall_answer', 'sending', 'paper_dispatch', 'paper_recall'].map((s) => `'${s}'`).join(', ');
const tasksOf = (documentId: string) =>
  q<{ step: string; status: string; assignee_user_id: string | null; assignee_role: string | null; handler_role: string | null; due_at: Date | null; overdue: boolean; escalation_level: number; escalated_to: string | null; reminded_at: Date | null; urgency: string }>(
    `SELECT step, status, assignee_user_id, assignee_role, handler_role, due_at, overdue, escalation_level, escalated_to, reminded_at, urgency FROM tasks WHERE document_id = ? ORDER BY created_at, array_position(ARRAY[${STEP_ORDER}], step), handler_role DESC NULLS FIRST, id`,
    [documentId],
  );
const notifiedUsers = (kind: string, subjectId: string) =>
  q<{ username: string }>('SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = ? AND n.subject_id = ? ORDER BY 1', [kind, subjectId]).then((r) =>
    r.map((x) => x.username),
  );
const doc = (id: string) =>
  q<{ status: string; summary: string; revision: number; due_at: Date | null; overdue: boolean; register_number: number | null; pending_change: unknown; urgency: string; recall_reason: string | null }>(
    'SELECT status, summary, revision, due_at, overdue, register_number, pending_change, urgency, recall_reason FROM documents WHERE id = ?',
    [id],
  ).then((r) => r[0]);

describe('issuing (R-OUT-1, R-OUT-2, R-OUT-4, R-ORG-3)', () => {
  test('R-OUT-1 when the main PDF is not signed, then issuing fails non-retryable with SIGNATURE_REQUIRED and takes no number', async () => {
    const id = await draft(STC, [STTTT], { pdf: unsignedPdf });
    await expect(acts.issueOutgoing({ documentId: id, actorId: null, signOnServer: false, at: at(), key: key('issue') })).rejects.toMatchObject({
      type: 'SIGNATURE_REQUIRED',
      nonRetryable: true,
    });
    expect((await doc(id)).status).toBe('draft');
    expect(await q('SELECT 1 FROM register_entries WHERE document_id = ?', [id])).toHaveLength(0);
  });

  test('R-ORG-3 when issuing is retried, at once and after success, then the document gets one number and one identifier', async () => {
    const id = await draft(STC, [STTTT], { typeCode: 'QD' });
    const input = { documentId: id, actorId: await user('vanthu.stc'), signOnServer: false, at: at(), key: key('issue') };
    const [a, b] = await Promise.all([acts.issueOutgoing(input), acts.issueOutgoing(input)]);
    const c = await acts.issueOutgoing(input);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.identifier).toBe(`${STC}.2024.${a.number}`);
    expect(a.numberAndNotation).toBe(`${String(a.number).padStart(2, '0')}/QĐ-STC`);
    const entries = await q<{ number: number; details: { numberAndNotation: string } }>('SELECT number, details FROM register_entries WHERE document_id = ?', [id]);
    expect(entries).toEqual([{ number: a.number, details: expect.objectContaining({ numberAndNotation: a.numberAndNotation }) }]);
    const [row] = await q<{ status: string; document_identifier: string; legal_validity: string }>('SELECT status, document_identifier, legal_validity FROM documents WHERE id = ?', [id]);
    expect(row).toEqual({ status: 'issued', document_identifier: a.identifier, legal_validity: 'legally_valid' });
    expect(await q("SELECT 1 FROM document_history WHERE document_id = ? AND action = 'issued'", [id])).toHaveLength(1);
  });

  test('R-OUT-3 when the sending step opens after the document was already issued (issued at once, or the step retried after a lost worker), then no sending task is left open', async () => {
    const id = await draft(STC, [STTTT]);
    await acts.issueOutgoing({ documentId: id, actorId: null, signOnServer: false, at: at(), key: key('issue') });
    await acts.openSendingStep({ documentId: id, key: key('sending') });
    expect((await tasksOf(id)).filter((t) => t.status === 'open')).toEqual([]);
    // In the usual order the task opens and issuing closes it.
    const other = await draft(STC, [STTTT]);
    await acts.openSendingStep({ documentId: other, key: key('sending') });
    expect((await tasksOf(other)).map((t) => `${t.step}:${t.status}`)).toEqual(['sending:open']);
    await acts.issueOutgoing({ documentId: other, actorId: null, signOnServer: false, at: at(), key: key('issue') });
    expect((await tasksOf(other)).map((t) => `${t.step}:${t.status}`)).toEqual(['sending:done']);
  });

  test('R-OUT-1 when the organization signs on the server, then its signed copy replaces the main PDF and the document is issued', async () => {
    const id = await draft(UBND, [STTTT], { pdf: unsignedPdf });
    const [{ file_id: before }] = await q<{ file_id: string }>('SELECT file_id FROM document_files WHERE document_id = ?', [id]);
    await acts.issueOutgoing({ documentId: id, actorId: null, signOnServer: true, at: at(), key: key('issue') });
    const [{ content }] = await q<{ content: Buffer }>(
      'SELECT c.content FROM document_files df JOIN files f ON f.id = df.file_id JOIN file_contents c ON c.storage_key = f.storage_key WHERE df.document_id = ?',
      [id],
    );
    const report = await verifyPdfSignatures(content, { anchors: [pki.root.pem] });
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0].signer?.commonName).toBe('Ủy ban nhân dân tỉnh Sơn La');
    const [{ file_id: after }] = await q<{ file_id: string }>('SELECT file_id FROM document_files WHERE document_id = ?', [id]);
    expect(after).not.toBe(before);
  });

  test('R-OUT-1 when server signing is asked by an organization without a keystore, then issuing fails non-retryable with SIGNING_KEY_MISSING', async () => {
    const id = await draft(STTTT, [STC], { pdf: unsignedPdf });
    await expect(acts.issueOutgoing({ documentId: id, actorId: null, signOnServer: true, at: at(), key: key('issue') })).rejects.toMatchObject({
      type: 'SIGNING_KEY_MISSING',
      nonRetryable: true,
    });
  });

  test('R-OUT-2 R-OUT-4 when receivers are planned, then a connected one gets it internally, an unconnected one on paper, the province under the paper rule both ways, and an outside code through edXML', async () => {
    const { id, result } = await issued(STC, [STTTT, SOP_COP, UBND, ELSEWHERE]);
    expect(result.receivers).toEqual([
      { code: ELSEWHERE, name: ELSEWHERE, channel: 'edxml' },
      { code: UBND, name: 'Ủy ban nhân dân tỉnh Sơn La', channel: 'both' },
      { code: STTTT, name: 'Sở Thông tin và Truyền thông tỉnh Sơn La', channel: 'internal' },
      { code: SOP_COP, name: 'Ủy ban nhân dân huyện Sốp Cộp', channel: 'paper' },
    ]);
    expect((await receiverOf(id, SOP_COP)).status).toBe('paper_pending');
    expect((await receiverOf(id, STTTT)).status).toBe('pending');
  });
});

describe('receipt (R-REC-1..5, R-CAL-3)', () => {
  test('R-REC-4 when the same document is delivered twice, then there is one incoming document with one reception task, and the sender sees 01 once', async () => {
    const { sourceId, id, arrival } = await delivered(STTTT);
    const again = await acts.recordArrival({ receiverCode: STTTT, sourceDocumentId: sourceId, incomingDocumentId: null, workflowId: `incoming:${STTTT}:${sourceId}`, key: key('arrival') });
    expect(again).toEqual(arrival);
    expect(await q("SELECT 1 FROM documents WHERE direction = 'incoming' AND source_document_id = ?", [sourceId])).toHaveLength(1);
    expect((await tasksOf(id)).map((t) => [t.step, t.assignee_role])).toEqual([['reception', 'clerk']]);
    expect(await senderCodes(sourceId)).toEqual(['01']);
    expect(await receiverOf(sourceId, STTTT)).toMatchObject({ status: 'arrived', status_code: '01' });
    expect(await notifiedUsers('document_arrived', id)).toEqual(['vanthu.stttt']);
    // The copy shares the sender's immutable files.
    const files = await q<{ document_id: string; file_id: string }>('SELECT document_id, file_id FROM document_files WHERE document_id IN (?, ?)', [sourceId, id]);
    expect(new Set(files.map((f) => f.file_id)).size).toBe(1);
  });

  test('R-CAL-3 when a document arrives on a Saturday evening, then it counts as received at 07:30 on Monday', async () => {
    clock = new Date('2024-06-15T20:00:00+07:00');
    const { arrival } = await delivered(STTTT);
    expect(arrival.receivedAt).toBe('2024-06-17T07:30:00.000+07:00');
  });

  test('R-REC-5 when the sender sends under a paper rule, then the copy expects its paper and the clerk has a paper-receipt task', async () => {
    const { id, arrival } = await delivered(UBND, { sender: STC });
    expect(arrival.paperAccompanies).toBe(true);
    expect((await tasksOf(id)).map((t) => t.step)).toEqual(['reception', 'paper_receipt']);
    await acts.recordPaperReceived({ documentId: id, actorId: await user('vanthu.ubnd'), at: at(), key: key('paper') });
    expect((await tasksOf(id)).map((t) => [t.step, t.status])).toEqual([
      ['reception', 'open'],
      ['paper_receipt', 'done'],
    ]);
  });

  test('R-REC-2 when a validly signed document arrives intact, then every check passes and it is legally valid', async () => {
    const { id } = await delivered(STTTT);
    const k = key('checks');
    const checks = await acts.runReceiptChecks({ documentId: id, key: k });
    expect(checks).toMatchObject({ ok: true, legalValidity: 'legally_valid' });
    expect(checks.checks.map((c) => [c.check, c.outcome])).toEqual([
      ['completeness', 'passed'],
      ['integrity', 'passed'],
      ['signature', 'passed'],
      ['formats', 'passed'],
    ]);
    expect(checks.checks[2].detail).toContain('Nguyễn Văn A');
    expect(await acts.runReceiptChecks({ documentId: id, key: k })).toEqual(checks);
    const [row] = await q<{ legal_validity: string; checks: unknown }>('SELECT legal_validity, checks FROM documents WHERE id = ?', [id]);
    expect(row).toEqual({ legal_validity: 'legally_valid', checks });
  });

  test('R-REC-2 when an electronic document has no signature, then the signature check fails and refusal is proposed', async () => {
    const id = await entered(STC, unsignedPdf, 'electronic');
    const checks = await acts.runReceiptChecks({ documentId: id, key: key('checks') });
    expect(checks).toMatchObject({ ok: false, legalValidity: 'information_only' });
    expect(checks.checks.find((c) => c.check === 'signature')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('không có chữ ký số') });
  });

  test('R-REC-5 when the clerk entered a scanned paper document, then the missing signature is only a warning and it is for information only', async () => {
    const id = await entered(STC, unsignedPdf, 'paper');
    const arrival = await acts.recordArrival({ receiverCode: STC, sourceDocumentId: null, incomingDocumentId: id, workflowId: `incoming:${STC}:paper-${id}`, key: key('arrival') });
    expect(arrival).toMatchObject({ documentId: id, paperAccompanies: false, sourceRecalled: false });
    const checks = await acts.runReceiptChecks({ documentId: id, key: key('checks') });
    expect(checks).toMatchObject({ ok: true, legalValidity: 'information_only' });
    expect(checks.checks.find((c) => c.check === 'signature')?.outcome).toBe('warning');
  });

  test('R-REC-4 when acceptance is retried, at once and later, then the document is registered once and the next one gets the next number', async () => {
    const { id, sourceId } = await delivered(STTTT);
    const input = { documentId: id, actorId: await user('vanthu.stttt'), at: at(), key: key('accept') };
    const [a, b] = await Promise.all([acts.acceptIncoming(input), acts.acceptIncoming(input)]);
    expect(b).toEqual(a);
    expect(await acts.acceptIncoming(input)).toEqual(a);
    expect(await q('SELECT 1 FROM register_entries WHERE document_id = ?', [id])).toHaveLength(1);
    expect(await doc(id)).toMatchObject({ status: 'accepted', register_number: a.registerNumber });
    expect((await tasksOf(id)).map((t) => [t.step, t.status])).toEqual([['reception', 'done']]);
    expect(await senderCodes(sourceId)).toEqual(['01', '03']);
    const next = await accepted(STTTT);
    expect(next.registerNumber).toBe(a.registerNumber + 1);
  });

  test('R-REC-3 when the clerk refuses a document, then the sender sees 02 with the reason and its clerks are told it was returned', async () => {
    const { id, sourceId } = await delivered(STTTT, { sender: STC });
    await acts.refuseIncoming({ documentId: id, actorId: await user('vanthu.stttt'), reason: 'Gửi nhầm nơi nhận', at: at(), key: key('refuse') });
    expect((await doc(id)).status).toBe('refused');
    expect(await receiverOf(sourceId, STTTT)).toMatchObject({ status: 'refused', status_code: '02', reason: 'Gửi nhầm nơi nhận' });
    expect(await senderCodes(sourceId)).toEqual(['01', '02']);
    expect(await notifiedUsers('document_refused', sourceId)).toEqual(['vanthu.stc']);
  });
});

describe('status reported to the sender (R-DOC-3, R-ROUTE-2)', () => {
  test('R-DOC-3 when a document is assigned straight after acceptance, then the sender sees 01, 03, 04, 05 in that order', async () => {
    const { id, sourceId } = await accepted(STC);
    await acts.assignHandlers({ documentId: id, actorId: await user('lanhdao.stc'), handlerId: await user('chuyenvien.stc'), coHandlerIds: [], dueAt: '2024-06-26T09:00:00+07:00', at: at(), key: key('assign') });
    expect(await senderCodes(sourceId)).toEqual(['01', '03', '04', '05']);
    expect(await receiverOf(sourceId, STC)).toMatchObject({ status: 'processing', status_code: '05' });
    const own = await q<{ status_code: string }>('SELECT status_code FROM document_history WHERE document_id = ? AND status_code IS NOT NULL ORDER BY id', [id]);
    expect(own.map((r) => r.status_code)).toEqual(['01', '03', '04', '05']);
  });

  test('R-ROUTE-2 when the handler is replaced and the document completed, then the sender sees 05 again and then 06, and the tasks are closed', async () => {
    const { id, sourceId } = await accepted(STC);
    const leader = await user('lanhdao.stc');
    const base = { documentId: id, actorId: leader, coHandlerIds: [], dueAt: '2024-06-26T09:00:00+07:00' };
    await acts.assignHandlers({ ...base, handlerId: await user('chuyenvien.stc'), at: at(), key: key('assign') });
    await acts.assignHandlers({ ...base, handlerId: await user('vanthu.stc'), coHandlerIds: [await user('chuyenvien.stc')], reason: 'Điều chỉnh phân công', at: at(), key: key('assign') });
    expect((await tasksOf(id)).filter((t) => t.step === 'processing').map((t) => [t.handler_role, t.status])).toEqual([
      ['main', 'cancelled'],
      ['main', 'open'],
      ['co', 'open'],
    ]);
    await acts.completeIncoming({ documentId: id, actorId: await user('vanthu.stc'), result: 'Đã báo cáo', at: at(), key: key('complete') });
    expect(await senderCodes(sourceId)).toEqual(['01', '03', '04', '05', '05', '06']);
    expect((await tasksOf(id)).filter((t) => t.status === 'open')).toEqual([]);
    expect(await q<{ action: string }>("SELECT action FROM document_history WHERE document_id = ? AND action IN ('assigned', 'reassigned') ORDER BY id", [id])).toEqual([
      { action: 'assigned' },
      { action: 'reassigned' },
    ]);
  });
});

describe('routing rules (R-ROUTE-1)', () => {
  test('R-ROUTE-1 when the summary has a keyword of a rule, then that rule fires, its id and version are in the history and the person is assigned directly', async () => {
    const { id, sourceId } = await accepted(STTTT, { summary: 'Kế hoạch Chuyển đổi số tỉnh Sơn La năm 2024' });
    const result = await acts.routeIncoming({ documentId: id, at: at(), key: key('route') });
    const specialist = await user('chuyenvien.stttt');
    expect(result).toMatchObject({ routed: true, target: { kind: 'user', userId: specialist }, autoHandlerId: specialist });
    expect(result.rule).toMatchObject({ version: 1, name: 'Chuyển đổi số, công nghệ thông tin: chuyên viên phụ trách', reasons: ['trích yếu có "chuyển đổi số"'] });
    const [h] = await q<{ status_code: string; details: { rule: { id: string; version: number } } }>("SELECT status_code, details FROM document_history WHERE document_id = ? AND action = 'routed'", [id]);
    expect(h.status_code).toBe('04');
    expect(h.details.rule).toMatchObject({ id: result.rule!.id, version: 1 });
    expect((await tasksOf(id)).map((t) => t.step)).toEqual(['reception']);
    expect(await senderCodes(sourceId)).toEqual(['01', '03', '04']);
  });

  test('R-ROUTE-1 when no rule matches, then the default rule sends it to the leader, who gets the assignment task', async () => {
    const { id } = await accepted(STTTT, { summary: 'Báo cáo tài chính quý II' });
    const result = await acts.routeIncoming({ documentId: id, at: at(), key: key('route') });
    const leader = await user('lanhdao.stttt');
    expect(result).toMatchObject({ routed: true, target: { kind: 'leader', userId: leader }, autoHandlerId: null, rule: { reasons: ['quy tắc mặc định của cơ quan'] } });
    expect((await tasksOf(id)).filter((t) => t.step === 'assignment').map((t) => t.assignee_user_id)).toEqual([leader]);
    expect(await notifiedUsers('assignment_needed', id)).toEqual(['lanhdao.stttt']);
  });

  test('R-ROUTE-1 when a rule targets a department, then the document goes there and the organization\'s leaders get the assignment task', async () => {
    const SNV = '000.00.02.H52';
    const [{ id: departmentId }] = await q<{ id: string }>("INSERT INTO departments (organization_code, name) VALUES (?, 'Phòng Tổ chức cán bộ') RETURNING id", [SNV]);
    await q(
      `INSERT INTO routing_rules (id, version, organization_code, name, priority, match, target)
       VALUES (gen_random_uuid(), 1, ?, 'Tổ chức bộ máy: phòng TCCB', 5, '{"keywords":["bộ máy"]}', jsonb_build_object('kind', 'department', 'departmentId', CAST(? AS text))) RETURNING id`,
      [SNV, departmentId],
    );
    const { id } = await accepted(SNV, { summary: 'Về việc sắp xếp tổ chức bộ máy' });
    const result = await acts.routeIncoming({ documentId: id, at: at(), key: key('route') });
    expect(result).toMatchObject({ routed: true, target: { kind: 'department', departmentId }, rule: { name: 'Tổ chức bộ máy: phòng TCCB' } });
    const [row] = await q<{ department_id: string; routed_rule: { name: string } }>('SELECT department_id, routed_rule FROM documents WHERE id = ?', [id]);
    expect(row).toMatchObject({ department_id: departmentId, routed_rule: { name: 'Tổ chức bộ máy: phòng TCCB' } });
    expect((await tasksOf(id)).filter((t) => t.step === 'assignment').map((t) => [t.assignee_role, t.assignee_user_id])).toEqual([['leader', null]]);
    // The department has no leader of its own: every leader of the organization is told.
    expect(await notifiedUsers('assignment_needed', id)).toEqual(['lanhdao.snv']);
  });

  test('R-ROUTE-1 when the seed runs again, then no routing or paper rule is duplicated', async () => {
    const count = async () => (await q<{ n: string }>('SELECT (SELECT count(*) FROM routing_rules) + (SELECT count(*) FROM paper_rules) AS n'))[0].n;
    const before = await count();
    await seed(tdb.db, { provinceCode: UBND, demoPassword: 'Demo-password-1', withDemoUsers: true });
    expect(await count()).toBe(before);
    const defaults = await q<{ organization_code: string }>('SELECT organization_code FROM routing_rules WHERE is_default ORDER BY 1');
    expect(defaults.map((r) => r.organization_code)).toEqual([UBND, '000.00.02.H52', STTTT, STC, MOC_CHAU, '000.00.41.H52', CHIENG_SON]);
  });

  test('R-ROUTE-1 when the organization has neither a matching nor a default rule, then it is not routed and its clerks get a routing task', async () => {
    const { id } = await accepted(SYT);
    const k = key('route');
    const result = await acts.routeIncoming({ documentId: id, at: at(), key: k });
    expect(result).toEqual({ routed: false, rule: null, target: null, autoHandlerId: null });
    expect(await acts.routeIncoming({ documentId: id, at: at(), key: k })).toEqual(result);
    expect((await tasksOf(id)).filter((t) => t.status === 'open').map((t) => [t.step, t.assignee_role])).toEqual([['routing', 'clerk']]);
    expect((await doc(id)).status).toBe('accepted');
    expect(await q("SELECT 1 FROM document_history WHERE document_id = ? AND action = 'routing_needed'", [id])).toHaveLength(1);
  });
});

describe('deadlines and escalation (R-DL-1..3)', () => {
  test('R-DL-1 when processing of a normal document is scheduled, then it is due in 10 working days, reminded a working day before, and the tasks carry it', async () => {
    const { id } = await accepted(STC);
    await acts.assignHandlers({ documentId: id, actorId: null, handlerId: await user('chuyenvien.stc'), coHandlerIds: [], dueAt: '2024-07-01T09:00:00+07:00', at: at(), key: key('assign') });
    const schedule = await acts.scheduleStep({ documentId: id, step: 'processing', organizationCode: STC, urgency: 'normal', startedAt: '2024-06-12T09:00:00+07:00' });
    expect(schedule).toEqual({ dueAt: '2024-06-26T09:00:00.000+07:00', remindAt: '2024-06-25T09:00:00.000+07:00' });
    expect((await tasksOf(id)).filter((t) => t.step === 'processing').map((t) => t.due_at?.toISOString())).toEqual(['2024-06-26T02:00:00.000Z']);
    expect((await doc(id)).due_at?.toISOString()).toBe('2024-06-26T02:00:00.000Z');
  });

  test('R-DL-2 when a step stays overdue, then escalation goes to the parent organization\'s supervisors, then the province\'s, and stays at the root', async () => {
    const { id } = await delivered(CHIENG_SON);
    const step = { documentId: id, step: 'reception' as const, dueAt: '2024-06-13T17:00:00+07:00' };
    const first = await acts.escalateStep({ ...step, level: 1, key: key('escalate') });
    expect(first).toMatchObject({ escalatedTo: MOC_CHAU, level: 1 });
    expect(await notifiedUsers('deadline_escalation', id)).toEqual(['giamsat.mocchau']);
    const second = await acts.escalateStep({ ...step, level: 2, key: key('escalate') });
    expect(second).toMatchObject({ escalatedTo: UBND, level: 2 });
    expect(await notifiedUsers('deadline_escalation', id)).toEqual(['giamsat.mocchau', 'giamsat.snv', 'giamsat.stttt', 'giamsat.vp']);
    const beyond = await acts.escalateStep({ ...step, level: 5, key: key('escalate') });
    expect(beyond).toMatchObject({ escalatedTo: UBND, level: 2 });
    expect((await tasksOf(id)).map((t) => [t.escalation_level, t.escalated_to])).toEqual([[2, UBND]]);
    expect(await q("SELECT 1 FROM document_history WHERE document_id = ? AND action = 'escalated'", [id])).toHaveLength(3);
  });

  test('R-DL-2 when the parent organization has no supervisor, then escalation skips up to the next level that has one', async () => {
    const { id } = await delivered(PHT);
    const result = await acts.escalateStep({ documentId: id, step: 'reception', dueAt: '2024-06-13T17:00:00+07:00', level: 1, key: key('escalate') });
    expect(result).toMatchObject({ escalatedTo: STTTT, level: 2 });
    expect(await notifiedUsers('deadline_escalation', id)).toEqual(['giamsat.stttt']);
  });

  test('R-DL-3 when an overdue, reminded and escalated step is extended, then its timers restart: new due date, not overdue, not reminded, not escalated', async () => {
    const { id } = await accepted(STC);
    await acts.assignHandlers({ documentId: id, actorId: null, handlerId: await user('chuyenvien.stc'), coHandlerIds: [], dueAt: '2024-06-12T17:00:00+07:00', at: at(), key: key('assign') });
    const step = { documentId: id, step: 'processing' as const, dueAt: '2024-06-12T17:00:00+07:00' };
    await acts.remindStep({ ...step, key: key('remind') });
    const { nextEscalationAt } = await acts.markStepOverdue({ ...step, key: key('overdue') });
    expect(nextEscalationAt).toBe('2024-06-13T17:00:00.000+07:00');
    expect(await notifiedUsers('deadline_overdue', id)).toEqual(['lanhdao.stc']);
    await acts.escalateStep({ ...step, level: 1, key: key('escalate') });
    expect((await tasksOf(id))[1]).toMatchObject({ overdue: true, escalation_level: 1, escalated_to: UBND, reminded_at: expect.any(Date) });
    expect((await doc(id)).overdue).toBe(true);

    await acts.recordExtension({ ...step, dueAt: '2024-06-20T17:00:00+07:00', actorId: await user('lanhdao.stc'), reason: 'Chờ số liệu của các huyện', at: at(), key: key('extend') });
    expect((await tasksOf(id))[1]).toMatchObject({ overdue: false, escalation_level: 0, escalated_to: null, reminded_at: null, due_at: new Date('2024-06-20T17:00:00+07:00') });
    expect(await doc(id)).toMatchObject({ overdue: false, due_at: new Date('2024-06-20T17:00:00+07:00') });
    const [h] = await q<{ reason: string; details: { oldDueAt: string; newDueAt: string } }>("SELECT reason, details FROM document_history WHERE document_id = ? AND action = 'extended'", [id]);
    expect(h).toEqual({ reason: 'Chờ số liệu của các huyện', details: expect.objectContaining({ oldDueAt: '2024-06-12T17:00:00.000+07:00', newDueAt: '2024-06-20T17:00:00+07:00' }) });
  });
});

describe('recall, update and replace (R-RCL-1..3)', () => {
  test('R-RCL-1 when a recall is agreed after acceptance, then the copy is recalled, its open tasks are cancelled and its register entry stays', async () => {
    const { id } = await accepted(STTTT, { summary: 'Báo cáo tình hình quý II' });
    await acts.routeIncoming({ documentId: id, at: at(), key: key('route') });
    await acts.openChangeAnswer({ documentId: id, kind: 'recall', reason: 'Ban hành nhầm', changes: null, replacementId: null, at: at(), key: key('change') });
    expect((await doc(id)).pending_change).toMatchObject({ kind: 'recall', reason: 'Ban hành nhầm' });
    expect(await notifiedUsers('change_requested', id)).toEqual(['vanthu.stttt']);
    await acts.applyChange({ documentId: id, kind: 'recall', agree: true, reason: null, actorId: await user('vanthu.stttt'), changes: null, replacementId: null, at: at(), key: key('answer') });
    expect(await doc(id)).toMatchObject({ status: 'recalled', pending_change: null, recall_reason: 'Ban hành nhầm' });
    expect((await tasksOf(id)).map((t) => [t.step, t.status])).toEqual([
      ['reception', 'done'],
      ['assignment', 'cancelled'],
      ['recall_answer', 'done'],
    ]);
    expect(await q('SELECT 1 FROM register_entries WHERE document_id = ? AND voided_at IS NULL', [id])).toHaveLength(1);
    const codes = await q<{ status_code: string }>("SELECT status_code FROM document_history WHERE document_id = ? AND action IN ('change_requested', 'change_answered') ORDER BY id", [id]);
    expect(codes.map((c) => c.status_code)).toEqual(['13', '15']);
  });

  test('R-RCL-3 when an update is agreed, then the copy\'s metadata changes, its revision goes up and its processing deadline moves', async () => {
    const { id } = await accepted(STC);
    await acts.assignHandlers({ documentId: id, actorId: null, handlerId: await user('chuyenvien.stc'), coHandlerIds: [], dueAt: '2024-06-26T09:00:00+07:00', at: at(), key: key('assign') });
    const changes = { summary: 'Về việc triển khai nhiệm vụ năm 2024 (đính chính)', urgency: 'urgent' as const, dueAt: '2024-06-20T17:00:00+07:00' };
    await acts.applyChange({ documentId: id, kind: 'update', agree: true, reason: null, actorId: null, changes, replacementId: null, at: at(), key: key('answer') });
    expect(await doc(id)).toMatchObject({ status: 'processing', summary: changes.summary, urgency: 'urgent', revision: 1, due_at: new Date(changes.dueAt) });
    expect((await tasksOf(id)).filter((t) => t.step === 'processing').map((t) => [t.due_at, t.urgency])).toEqual([[new Date(changes.dueAt), 'urgent']]);
    expect(await q("SELECT 1 FROM document_history WHERE document_id = ? AND action = 'updated'", [id])).toHaveLength(1);
  });

  test('R-RCL-1 when a recall starts, then every receiver is asked, with its process or its paper copy, undispatched paper is cancelled, and a retry returns the same targets', async () => {
    const { id } = await issued(STC, [STTTT, SOP_COP, CHIENG_SON]);
    for (const code of [SOP_COP, CHIENG_SON]) await acts.openPaperDispatch({ documentId: id, receiverCode: code, at: at(), key: key('paper') });
    await acts.recordPaperDispatched({ documentId: id, receiverCode: SOP_COP, actorId: await user('vanthu.stc'), note: 'Gửi qua bưu điện', at: at(), key: key('dispatched') });
    const input = { documentId: id, kind: 'recall' as const, reason: 'Ban hành nhầm', actorId: null, changes: null, replacementId: null, addReceivers: [], removeReceivers: [], at: at(), key: key('recall') };
    const result = await acts.startChange(input);
    expect(result).toEqual({
      targets: [
        { code: STTTT, channel: 'internal', kind: 'recall', incomingWorkflowId: `incoming:${STTTT}:${id}`, paperDispatched: false },
        { code: SOP_COP, channel: 'paper', kind: 'recall', incomingWorkflowId: null, paperDispatched: true },
        { code: CHIENG_SON, channel: 'paper', kind: 'recall', incomingWorkflowId: null, paperDispatched: false },
      ],
      added: [],
    });
    expect(await acts.startChange(input)).toEqual(result);
    expect((await doc(id)).status).toBe('recalled');
    expect(await receiverOf(id, CHIENG_SON)).toMatchObject({ change_code: '13', paper_status: 'cancelled' });
    expect(await receiverOf(id, SOP_COP)).toMatchObject({ status: 'paper_sent', paper_status: 'dispatched' });
    expect((await tasksOf(id)).map((t) => t.status)).toEqual(['done', 'cancelled']);
  });

  test('R-RCL-3 when an update adds and removes receivers, then the removed are asked to recall, the rest to update, and the added are planned', async () => {
    const { id } = await issued(STC, [STTTT, MOC_CHAU]);
    const result = await acts.startChange({
      documentId: id,
      kind: 'update',
      reason: 'Bổ sung nơi nhận',
      actorId: null,
      changes: { summary: 'Về việc triển khai nhiệm vụ năm 2024 (bổ sung)' },
      replacementId: null,
      addReceivers: [SOP_COP],
      removeReceivers: [MOC_CHAU],
      at: at(),
      key: key('update'),
    });
    expect(result.targets.map((x) => [x.code, x.kind])).toEqual([
      [STTTT, 'update'],
      [MOC_CHAU, 'recall'],
    ]);
    expect(result.added).toEqual([{ code: SOP_COP, name: 'Ủy ban nhân dân huyện Sốp Cộp', channel: 'paper' }]);
    expect(await doc(id)).toMatchObject({ status: 'issued', summary: 'Về việc triển khai nhiệm vụ năm 2024 (bổ sung)', revision: 1 });
    expect((await receiverOf(id, SOP_COP)).status).toBe('paper_pending');
  });

  test('R-RCL-2 when a recall reaches a receiver the document has not reached, then it is agreed as not arrived, and the answer shows on the sender side', async () => {
    const { id } = await issued(STC, [STTTT]);
    const answer = await acts.applyChangeWithoutProcess({ sourceDocumentId: id, receiverCode: STTTT, kind: 'recall', reason: 'Ban hành nhầm', changes: null, replacementId: null, at: at(), key: key('direct') });
    expect(answer).toEqual({ agree: true, reason: 'chưa đến nơi nhận' });
    await acts.recordChangeAnswer({ documentId: id, receiverCode: STTTT, kind: 'recall', agree: true, reason: answer.reason, actorId: null, at: at(), key: key('answer') });
    expect(await receiverOf(id, STTTT)).toMatchObject({ status: 'recalled', change_code: '15' });
  });

  test('R-RCL-2 when a receiver refuses a recall, then the sender sees 16 with the reason and its clerks are told', async () => {
    const { sourceId } = await accepted(STTTT, { sender: STC });
    await acts.recordChangeAnswer({ documentId: sourceId, receiverCode: STTTT, kind: 'recall', agree: false, reason: 'Văn bản đã được triển khai', actorId: await user('vanthu.stttt'), at: at(), key: key('answer') });
    expect(await receiverOf(sourceId, STTTT)).toMatchObject({ status: 'accepted', change_code: '16' });
    expect(await notifiedUsers('change_refused', sourceId)).toEqual(['vanthu.stc']);
  });

  test('R-RCL-1 when a recall reaches a copy whose process has ended, then it is cancelled directly and answered 15', async () => {
    const { id, sourceId } = await accepted(STTTT, { sender: STC });
    await acts.assignHandlers({ documentId: id, actorId: null, handlerId: await user('chuyenvien.stttt'), coHandlerIds: [], dueAt: '2024-06-26T09:00:00+07:00', at: at(), key: key('assign') });
    await acts.completeIncoming({ documentId: id, actorId: null, result: 'Xong', at: at(), key: key('complete') });
    const answer = await acts.applyChangeWithoutProcess({ sourceDocumentId: sourceId, receiverCode: STTTT, kind: 'recall', reason: 'Ban hành nhầm', changes: null, replacementId: null, at: at(), key: key('direct') });
    expect(answer).toEqual({ agree: true, reason: null });
    expect((await doc(id)).status).toBe('recalled');
    expect(await q('SELECT 1 FROM register_entries WHERE document_id = ?', [id])).toHaveLength(1);
  });
});
