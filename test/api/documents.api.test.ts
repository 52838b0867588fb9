/**
 * The HTTP contract of documents before and around their processes, against real PostgreSQL, a
 * Temporal dev server and a real worker: drafts and paper intake (multipart, file and metadata
 * checks, problem+json), scope of lists, details, history and file downloads (R-SEC-2), priority
 * order and accent-insensitive search (R-DL-4, R-FMT-2), the printable copy (R-CONN-3), the
 * caller's tasks, overdue work and colleagues, calendar changes reaching running processes
 * (R-CAL-4) and the supervisors' daily digest (R-DL-2).
 */
import crypto from 'node:crypto';
import request from 'supertest';
import type { DeadlineProcesses } from '../../api/services/deadline-processes';
import { sendOverdueDigest, type Mailer } from '../../api/services/overdue-digest';
import { workflowIds } from '../../workflows/definitions';
import { eventually } from '../support/app';
import { makeDocx, makeJpeg, makeWindowsExecutable } from '../support/fixtures/formats';
import {
  CHIENG_SON,
  ISO_VN,
  MOC_CHAU,
  SNV,
  STC,
  STTTT,
  UBND,
  draftMetadata,
  paperMetadata,
  startDocumentSystem,
  upload,
  type DocumentTestSystem,
} from './document-helpers';

let t: DocumentTestSystem;

beforeAll(async () => {
  t = await startDocumentSystem();
});
afterAll(async () => {
  await t?.stop();
});

const app = () => t.sys.app;
const filter = (f: object, extra: Record<string, string> = {}) => ({ filter: JSON.stringify(f), ...extra });
const countDocuments = async () => Number((await t.q<{ n: string }>('SELECT count(*) AS n FROM documents'))[0].n);

/** POST /api/outgoing as `user`, expecting `status`. */
async function draft(user = 'vanthu.snv', over: Record<string, unknown> = {}, files?: Array<[Buffer | Uint8Array, string]>, status = 201) {
  const headers = await t.as(user);
  return upload(request(app()).post('/api/outgoing').set(headers), draftMetadata(over), files ?? [[t.signedPdf, 'cong-van.pdf']]).expect(status);
}

/** A document row written as the processes' activities would, for list and task tests. */
async function insertDocument(org: string, over: { direction?: string; urgency?: string; summary?: string; status?: string; createdAt?: string } = {}): Promise<string> {
  const id = crypto.randomUUID();
  await t.q(
    `INSERT INTO documents (id, direction, organization_code, summary, urgency, status, created_at) VALUES (?, ?, ?, ?, ?, ?, coalesce(CAST(? AS timestamptz), now())) RETURNING id`,
    [id, over.direction ?? 'incoming', org, over.summary ?? 'Văn bản thử', over.urgency ?? 'normal', over.status ?? 'processing', over.createdAt ?? null],
  );
  return id;
}

let taskSeq = 0;
async function insertTask(documentId: string, org: string, over: { userId?: string | null; role?: string | null; urgency?: string; dueAt?: string; overdue?: boolean; overdueAt?: string; status?: string; workflowId?: string | null; step?: string } = {}): Promise<string> {
  taskSeq += 1;
  const [{ id }] = await t.q<{ id: string }>(
    `INSERT INTO tasks (document_id, organization_code, kind, step, assignee_user_id, assignee_role, status, urgency, due_at, overdue, overdue_at, workflow_id, dedupe_key)
     VALUES (?, ?, 'step', ?, CAST(? AS uuid), ?, ?, ?, CAST(? AS timestamptz), ?, CAST(? AS timestamptz), ?, ?) RETURNING id`,
    [
      documentId,
      org,
      over.step ?? 'processing',
      over.userId ?? null,
      over.role === undefined ? (over.userId ? null : 'clerk') : over.role,
      over.status ?? 'open',
      over.urgency ?? 'normal',
      over.dueAt ?? new Date(Date.now() + 86_400_000).toISOString(),
      over.overdue ?? false,
      over.overdueAt ?? null,
      over.workflowId ?? null,
      `test-task:${taskSeq}`,
    ],
  );
  return id;
}

describe('outgoing drafts (R-OUT-1)', () => {
  test('R-OUT-1 when a clerk uploads a signed main PDF and an attachment, then a draft is created with receivers, files and a running process', async () => {
    const res = await draft('vanthu.snv', { receivers: [STTTT, UBND], urgency: 'urgent' }, [
      [t.signedPdf, 'Công văn số 12.pdf'],
      [makeDocx(), 'Phụ lục.docx'],
    ]);
    expect(res.headers.location).toBe(`/api/outgoing/${res.body.id}`);
    expect(res.body).toMatchObject({
      direction: 'outgoing',
      organizationCode: SNV,
      status: 'draft',
      urgency: 'urgent',
      legalValidity: 'legally_valid',
      createdByName: 'Quàng Thị Lan',
      workflowId: workflowIds.outgoing(res.body.id),
    });
    expect(res.body.signedAt).toMatch(ISO_VN);
    expect(res.body.receivers.map((r: { receiverCode: string; channel: string; status: string }) => [r.receiverCode, r.status])).toEqual([
      [UBND, 'pending'],
      [STTTT, 'pending'],
    ]);
    expect(res.body.files).toEqual([
      expect.objectContaining({ position: 0, role: 'main', name: 'Công văn số 12.pdf', mediaType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      expect.objectContaining({ position: 1, role: 'attachment', name: 'Phụ lục.docx' }),
    ]);
    const described = await t.sys.env.client.workflow.getHandle(workflowIds.outgoing(res.body.id)).describe();
    expect(described.type).toBe('outgoingDocumentWorkflow');
    const history = await request(app()).get(`/api/documents/${res.body.id}/history`).set(await t.as('lanhdao.snv')).expect(200);
    expect(history.body).toContainEqual(expect.objectContaining({ action: 'created', status: 'draft', actorLabel: 'Quàng Thị Lan', at: expect.stringMatching(ISO_VN) }));
  });

  test('R-DOC-4 when the main PDF is not signed, then the draft is created "for information only" without a signing time', async () => {
    const res = await draft('lanhdao.snv', {}, [[t.unsignedPdf, 'du-thao.pdf']]);
    expect(res.body).toMatchObject({ status: 'draft', legalValidity: 'information_only', signedAt: null });
  });

  test('R-FMT-1 when the files are wrong, then 422 problem+json lists every file problem and nothing is written', async () => {
    const before = await countDocuments();
    const res = await draft('vanthu.snv', {}, [
      [makeDocx(), 'cong-van.docx'],
      [Buffer.alloc(0), 'rong.txt'],
      [makeWindowsExecutable(), 'bao-cao.pdf'],
    ], 422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['files.0', 'files.1', 'files.2']);
    expect(res.body.detail).toContain('cong-van.docx');
    expect(res.body.detail).toContain('bao-cao.pdf');
    expect(await countDocuments()).toBe(before);
  });

  test('R-FMT-1 when no file is sent, then 422 says the main PDF is required', async () => {
    const res = await upload(request(app()).post('/api/outgoing').set(await t.as('vanthu.snv')), draftMetadata(), []).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'files' })]);
  });

  test('R-SEC-4 when the metadata is missing, not JSON or incomplete, then 400 names the metadata fields', async () => {
    const h = await t.as('vanthu.snv');
    const missing = await request(app()).post('/api/outgoing').set(h).attach('files', t.signedPdf, 'a.pdf').expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'metadata' })]);
    await upload(request(app()).post('/api/outgoing').set(h), '{not json', [[t.signedPdf, 'a.pdf']]).expect(400);
    const incomplete = await upload(request(app()).post('/api/outgoing').set(h), { typeCode: 'CV', receivers: [STTTT, STTTT], extra: 1 }, [[t.signedPdf, 'a.pdf']]).expect(400);
    const paths = incomplete.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['metadata.summary', 'metadata.documentDate', 'metadata.signerName', 'metadata.receivers.1']));
  });

  test('R-OUT-2 when a receiver is not registered or is the sender itself, then 422 names each one', async () => {
    const res = await draft('vanthu.snv', { receivers: [STTTT, '000.00.99.H52', SNV] }, undefined, 422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'metadata.receivers.1', message: expect.stringContaining('chưa được đăng ký') }),
      expect.objectContaining({ path: 'metadata.receivers.2', message: expect.stringContaining('chính cơ quan gửi') }),
    ]);
  });

  test('R-OUT-1 when an unknown document type is given, then 422', async () => {
    await draft('vanthu.snv', { typeCode: 'XYZ' }, undefined, 422);
  });

  test('R-SEC-4 when the body is JSON instead of multipart, then 415 problem+json', async () => {
    const res = await request(app()).post('/api/outgoing').set(await t.as('vanthu.snv')).send(draftMetadata()).expect(415);
    expect(res.type).toBe('application/problem+json');
  });

  test('R-SEC-4 when files are sent under another part name, then 400 names the part', async () => {
    const res = await request(app()).post('/api/outgoing').set(await t.as('vanthu.snv')).field('metadata', JSON.stringify(draftMetadata())).attach('attachment', t.signedPdf, 'a.pdf').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'attachment' })]);
  });

  test('R-SEC-2 when a specialist or a supervisor creates a draft, then it is forbidden', async () => {
    await draft('chuyenvien.snv', {}, undefined, 403);
    await draft('giamsat.snv', {}, undefined, 403);
  });

  test('R-RCL-3 when a draft replaces a document that is not issued, then 422', async () => {
    const other = await draft('vanthu.snv');
    const res = await draft('vanthu.snv', { replacesId: other.body.id }, undefined, 422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'metadata.replacesId' })]);
  });
});

describe('reading documents (R-SEC-2, R-DL-4)', () => {
  test("R-SEC-2 when a clerk lists outgoing documents, then only their organization's appear, and another organization's id reads as 404", async () => {
    const mine = await draft('vanthu.snv');
    const theirs = await draft('vanthu.stttt', { receivers: [SNV] });
    const list = await request(app()).get('/api/outgoing').query({ range: '[0,199]' }).set(await t.as('vanthu.snv')).expect(200);
    expect(new Set(list.body.map((d: { organizationCode: string }) => d.organizationCode))).toEqual(new Set([SNV]));
    expect(list.headers['content-range']).toMatch(/^outgoing 0-\d+\/\d+$/);
    await request(app()).get(`/api/outgoing/${mine.body.id}`).set(await t.as('chuyenvien.snv')).expect(200);
    const other = await request(app()).get(`/api/outgoing/${theirs.body.id}`).set(await t.as('vanthu.snv')).expect(404);
    expect(other.type).toBe('application/problem+json');
    await request(app()).get(`/api/outgoing/${theirs.body.id}/deliveries`).set(await t.as('vanthu.snv')).expect(404);
    await request(app()).get(`/api/documents/${theirs.body.id}/history`).set(await t.as('lanhdao.snv')).expect(404);
    await request(app()).get(`/api/incoming/${mine.body.id}`).set(await t.as('vanthu.snv')).expect(404);
  });

  test('R-SEC-2 when a supervisor of a district lists incoming documents, then the district and its communes appear; an admin sees all', async () => {
    const a = await insertDocument(MOC_CHAU, { summary: 'Giám sát huyện A' });
    const b = await insertDocument(CHIENG_SON, { summary: 'Giám sát xã B' });
    const c = await insertDocument(SNV, { summary: 'Giám sát sở C' });
    const res = await request(app()).get('/api/incoming').query(filter({ q: 'giam sat' }, { range: '[0,99]' })).set(await t.as('giamsat.mocchau')).expect(200);
    expect(res.body.map((d: { id: string }) => d.id).sort()).toEqual([a, b].sort());
    const admin = await request(app()).get('/api/incoming').query(filter({ q: 'giam sat' })).set(await t.as('admin')).expect(200);
    expect(admin.body.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([a, b, c]));
    await request(app()).get(`/api/incoming/${c}`).set(await t.as('giamsat.mocchau')).expect(404);
  });

  test('R-DL-4 when documents are listed, then urgent ones come first, most urgent first, then the newest', async () => {
    const tag = `Ưu tiên ${crypto.randomUUID().slice(0, 8)}`;
    const older = await insertDocument(STTTT, { summary: `${tag} thường cũ`, createdAt: '2026-01-01T08:00:00+07:00' });
    const newer = await insertDocument(STTTT, { summary: `${tag} thường mới`, createdAt: '2026-01-03T08:00:00+07:00' });
    const express = await insertDocument(STTTT, { summary: `${tag} hỏa tốc`, urgency: 'express', createdAt: '2026-01-01T07:00:00+07:00' });
    const urgent = await insertDocument(STTTT, { summary: `${tag} khẩn`, urgency: 'urgent', createdAt: '2026-01-02T08:00:00+07:00' });
    const res = await request(app()).get('/api/incoming').query(filter({ q: tag })).set(await t.as('vanthu.stttt')).expect(200);
    expect(res.body.map((d: { id: string }) => d.id)).toEqual([express, urgent, newer, older]);
  });

  test('R-FMT-2 when searching without accents or in another case, then the Vietnamese summary is found', async () => {
    const res = await draft('vanthu.snv', { summary: 'Quyết định phê duyệt Đề án số hóa văn bản lưu trữ' });
    const found = await request(app()).get('/api/outgoing').query(filter({ q: 'DE AN SO HOA' })).set(await t.as('vanthu.snv')).expect(200);
    expect(found.body.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    const none = await request(app()).get('/api/outgoing').query(filter({ q: 'de an_so%' })).set(await t.as('vanthu.snv')).expect(200);
    expect(none.body).toEqual([]);
  });

  test('R-SEC-4 when a list filter is unknown or malformed, then 400', async () => {
    await request(app()).get('/api/outgoing').query(filter({ nope: 1 })).set(await t.as('vanthu.snv')).expect(400);
    await request(app()).get('/api/incoming').query(filter({ status: 'draft' })).set(await t.as('vanthu.snv')).expect(400);
    await request(app()).get('/api/incoming').query(filter({ from: '04/05/2026' })).set(await t.as('vanthu.snv')).expect(400);
  });
});

describe('files (R-FMT-3, R-SEC-2)', () => {
  test('R-FMT-3 when a colleague downloads a file of a document, then the bytes come with their media type and SHA-256; another organization gets 404', async () => {
    const res = await draft('vanthu.snv', {}, [[t.signedPdf, 'Công văn gửi Sở.pdf']]);
    const file = res.body.files[0];
    const got = await request(app())
      .get(file.url.replace(/^\/api/, '/api'))
      .set(await t.as('chuyenvien.snv'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers.etag).toBe(`"${file.sha256}"`);
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''C%C3%B4ng%20v%C4%83n");
    expect(Buffer.compare(got.body as Buffer, t.signedPdf)).toBe(0);
    await request(app()).get(`/api/files/${file.fileId}`).set(await t.as('vanthu.stttt')).expect(404);
    await request(app()).get(`/api/files/${crypto.randomUUID()}`).set(await t.as('admin')).expect(404);
    await request(app()).get('/api/files/not-a-uuid').set(await t.as('admin')).expect(404);
  });
});

describe('plain paper intake (R-REC-5)', () => {
  test('R-REC-5 when a clerk enters a paper document with a JPEG scan, then it arrives with intake "paper" and its receipt process starts', async () => {
    const res = await upload(request(app()).post('/api/incoming').set(await t.as('vanthu.snv')), paperMetadata({ urgency: 'very_urgent' }), [[makeJpeg(), 'Bản quét.jpg']]).expect(201);
    expect(res.body).toMatchObject({ direction: 'incoming', organizationCode: SNV, intake: 'paper', status: 'arrived', senderName: 'Bộ Nội vụ', urgency: 'very_urgent' });
    expect(res.body.receivedAt).toMatch(ISO_VN);
    expect(res.body.files).toEqual([expect.objectContaining({ role: 'main', mediaType: 'image/jpeg', name: 'Bản quét.jpg' })]);
    const workflowId = workflowIds.incoming(SNV, workflowIds.paperSourceKey(res.body.id));
    expect(res.body.workflowId).toBe(workflowId);
    expect((await t.sys.env.client.workflow.getHandle(workflowId).describe()).type).toBe('incomingDocumentWorkflow');
    // The process announces the arrival: a reception task for the clerks.
    const task = await eventually(async () => {
      const list = await request(app()).get('/api/tasks').query(filter({ documentId: res.body.id })).set(await t.as('vanthu.snv')).expect(200);
      return list.body.find((x: { step: string }) => x.step === 'reception');
    });
    expect(task).toMatchObject({ assigneeRole: 'clerk', urgency: 'very_urgent', status: 'open' });
  });

  test('R-FMT-1 when the main scan is neither PDF nor JPEG, then 422 says a PDF or JPEG scan is needed', async () => {
    const res = await upload(request(app()).post('/api/incoming').set(await t.as('vanthu.snv')), paperMetadata(), [[makeDocx(), 'scan.docx']]).expect(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'files.0', message: expect.stringContaining('PDF hoặc JPEG') });
  });

  test('R-SEC-2 when a leader enters a paper document, then it is forbidden (clerks do)', async () => {
    await upload(request(app()).post('/api/incoming').set(await t.as('lanhdao.snv')), paperMetadata(), [[t.unsignedPdf, 'scan.pdf']]).expect(403);
  });

  test('R-CONN-3 when the printable copy of a paper PDF is asked for, then a PDF comes back; for a JPEG scan it is 409', async () => {
    const pdf = await upload(request(app()).post('/api/incoming').set(await t.as('vanthu.snv')), paperMetadata(), [[t.unsignedPdf, 'scan.pdf']]).expect(201);
    const res = await request(app()).get(`/api/incoming/${pdf.body.id}/printable`).set(await t.as('chuyenvien.snv')).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(res.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const jpeg = await upload(request(app()).post('/api/incoming').set(await t.as('vanthu.snv')), paperMetadata(), [[makeJpeg(), 'scan.jpg']]).expect(201);
    await request(app()).get(`/api/incoming/${jpeg.body.id}/printable`).set(await t.as('vanthu.snv')).expect(409);
  });
});

describe('work lists (R-DL-1..4)', () => {
  test("R-DL-4 when a clerk reads their tasks, then the organization's clerk tasks and their own come, urgent first then nearest deadline; others' do not", async () => {
    const doc = await insertDocument(STC);
    const clerk = await t.userId('vanthu.stc');
    const specialist = await t.userId('chuyenvien.stc');
    const later = await insertTask(doc, STC, { role: 'clerk', dueAt: '2099-01-02T08:00:00+07:00' });
    const sooner = await insertTask(doc, STC, { role: 'clerk', dueAt: '2099-01-01T08:00:00+07:00' });
    const urgent = await insertTask(doc, STC, { role: 'clerk', urgency: 'urgent', dueAt: '2099-02-01T08:00:00+07:00' });
    const named = await insertTask(doc, STC, { userId: clerk, dueAt: '2099-03-01T08:00:00+07:00' });
    const notMine = await insertTask(doc, STC, { userId: specialist });
    const leaders = await insertTask(doc, STC, { role: 'leader' });
    await insertTask(doc, STC, { role: 'clerk', status: 'done' });
    const res = await request(app()).get('/api/tasks').query(filter({ documentId: doc })).set(await t.as('vanthu.stc')).expect(200);
    expect(res.body.map((x: { id: string }) => x.id)).toEqual([urgent, sooner, later, named]);
    expect(res.body[0].dueAt).toMatch(ISO_VN);
    const spec = await request(app()).get('/api/tasks').query(filter({ documentId: doc })).set(await t.as('chuyenvien.stc')).expect(200);
    expect(spec.body.map((x: { id: string }) => x.id)).toEqual([notMine]);
    const lead = await request(app()).get('/api/tasks').query(filter({ documentId: doc })).set(await t.as('lanhdao.stc')).expect(200);
    expect(lead.body.map((x: { id: string }) => x.id)).toEqual([leaders]);
    const other = await request(app()).get('/api/tasks').query(filter({ documentId: doc })).set(await t.as('vanthu.snv')).expect(200);
    expect(other.body).toEqual([]);
    await request(app()).get(`/api/tasks/${named}`).set(await t.as('vanthu.stc')).expect(200);
    await request(app()).get(`/api/tasks/${named}`).set(await t.as('vanthu.snv')).expect(404);
  });

  test('R-DL-2 when overdue work is listed, then a leader sees their organization, a supervisor the subtree, and a specialist is refused', async () => {
    const commune = await insertDocument(CHIENG_SON);
    const district = await insertDocument(MOC_CHAU);
    const inCommune = await insertTask(commune, CHIENG_SON, { overdue: true, dueAt: '2026-01-01T08:00:00+07:00' });
    const inDistrict = await insertTask(district, MOC_CHAU, { overdue: true, dueAt: '2026-01-02T08:00:00+07:00' });
    await insertTask(district, MOC_CHAU, { overdue: false });
    const leader = await request(app()).get('/api/overdue').query({ range: '[0,99]' }).set(await t.as('lanhdao.mocchau')).expect(200);
    expect(leader.body.map((x: { id: string }) => x.id)).toContain(inDistrict);
    expect(leader.body.map((x: { id: string }) => x.id)).not.toContain(inCommune);
    expect(new Set(leader.body.map((x: { organizationCode: string }) => x.organizationCode))).toEqual(new Set([MOC_CHAU]));
    const supervisor = await request(app()).get('/api/overdue').query({ range: '[0,99]' }).set(await t.as('giamsat.mocchau')).expect(200);
    expect(supervisor.body.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([inCommune, inDistrict]));
    expect(supervisor.body.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    await request(app()).get('/api/overdue').set(await t.as('chuyenvien.mocchau')).expect(403);
  });

  test("R-ROUTE-2 when colleagues are listed, then the active users of the caller's own organization come", async () => {
    const res = await request(app()).get('/api/colleagues').set(await t.as('lanhdao.stttt')).expect(200);
    expect(res.body.map((u: { fullName: string }) => u.fullName).sort()).toEqual(['Bạc Thị Thu', 'Lò Văn Bình', 'Nguyễn Thị Hằng', 'Vì Văn Sơn'].sort());
    expect(res.body[0]).not.toHaveProperty('passwordHash');
    const specialists = await request(app()).get('/api/colleagues').query(filter({ role: 'specialist' })).set(await t.as('lanhdao.stttt')).expect(200);
    expect(specialists.body.map((u: { username: string }) => u.username)).toEqual(['chuyenvien.stttt']);
  });
});

describe('calendar changes reach running processes (R-CAL-4)', () => {
  test('R-CAL-4 when an admin adds a holiday, then every process with a deadline still ahead is signalled; ended ones are skipped', async () => {
    const paper = await upload(request(app()).post('/api/incoming').set(await t.as('vanthu.stttt')), paperMetadata(), [[t.unsignedPdf, 'scan.pdf']]).expect(201);
    const running = paper.body.workflowId as string;
    // The reception task the process opened carries a deadline ahead (or give it one).
    await eventually(async () => (await t.q('SELECT 1 FROM tasks WHERE document_id = ?', [paper.body.id])).length > 0);
    await t.q(`UPDATE tasks SET due_at = now() + interval '2 days', workflow_id = ? WHERE document_id = ? RETURNING id`, [running, paper.body.id]);
    const gone = await insertDocument(STTTT);
    await insertTask(gone, STTTT, { workflowId: 'incoming:000.00.03.H52:ended-long-ago' });

    await request(app()).post('/api/holidays').set(await t.as('admin')).send({ date: '2099-09-03', kind: 'day_off', name: 'Nghỉ bù thử nghiệm' }).expect(201);
    const result = await (app().locals.deadlines as DeadlineProcesses).settled();
    expect(result).toMatchObject({ ended: 1 });
    expect(result!.signalled).toBeGreaterThanOrEqual(1);
    const handle = t.sys.env.client.workflow.getHandle(running);
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged')).toBe(true);
  });
});

describe('daily overdue digest (R-DL-2)', () => {
  test('R-DL-2 when the digest runs, then each supervisor with overdue work in their subtree gets one notification a day, and an e-mail when they have an address', async () => {
    const commune = await insertDocument(CHIENG_SON);
    const now = new Date('2099-06-10T07:30:00+07:00');
    await insertTask(commune, CHIENG_SON, { overdue: true, overdueAt: '2099-06-09T17:00:00+07:00' });
    await insertTask(commune, CHIENG_SON, { overdue: true, overdueAt: '2099-06-01T17:00:00+07:00' });
    await t.q(`UPDATE users SET email = 'hvtam@mocchau.sonla.gov.vn' WHERE username = 'giamsat.mocchau' RETURNING id`);
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    const mailer: Mailer = { sendMail: async (m) => void sent.push(m) };

    const first = await sendOverdueDigest(t.sys.tdb.db, { now, mailer, from: 'no-reply@sonla.gov.vn' });
    expect(first.date).toBe('2099-06-10');
    const [note] = await t.q<{ title: string; body: string; kind: string }>(
      `SELECT n.title, n.body, n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'giamsat.mocchau' AND n.dedupe_key = 'digest:2099-06-10'`,
    );
    expect(note.kind).toBe('overdue_digest');
    expect(note.title).toMatch(/^Tổng hợp việc quá hạn ngày 10\/06\/2099: \d+ việc$/);
    expect(note.body).toContain('Ủy ban nhân dân xã Chiềng Sơn (000.02.37.H52)');
    expect(note.body).toContain('quá hạn dưới 1 ngày');
    expect(note.body).toContain('quá hạn trên 7 ngày');
    expect(sent.filter((m) => m.to === 'hvtam@mocchau.sonla.gov.vn')).toHaveLength(1);
    expect(first.emailed).toBe(sent.length);

    const again = await sendOverdueDigest(t.sys.tdb.db, { now: new Date('2099-06-10T15:00:00+07:00'), mailer });
    expect(again.notified).toBe(0);
    expect(sent.filter((m) => m.to === 'hvtam@mocchau.sonla.gov.vn')).toHaveLength(1);
  });
});

describe('API contract (SPEC §11)', () => {
  test('R-SEC-4 when the OpenAPI document is read, then every document endpoint is described', async () => {
    const res = await request(app()).get('/api/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/outgoing',
        '/outgoing/{id}',
        '/outgoing/{id}/issue',
        '/outgoing/{id}/recall',
        '/outgoing/{id}/update',
        '/outgoing/{id}/deliveries',
        '/outgoing/{id}/paper-dispatched',
        '/outgoing/{id}/paper-recalled',
        '/outgoing/{id}/printable',
        '/incoming',
        '/incoming/{id}',
        '/incoming/{id}/accept',
        '/incoming/{id}/refuse',
        '/incoming/{id}/route',
        '/incoming/{id}/assign',
        '/incoming/{id}/complete',
        '/incoming/{id}/extend',
        '/incoming/{id}/paper-received',
        '/incoming/{id}/acknowledge-recall',
        '/incoming/{id}/checks',
        '/incoming/{id}/printable',
        '/documents/{id}/history',
        '/files/{id}',
        '/tasks',
        '/overdue',
        '/colleagues',
        '/routing-rules',
        '/routing-rules/{id}',
        '/routing-rules/{id}/versions',
        '/routing-rules/test',
        '/paper-rules',
        '/paper-rules/{id}',
      ]),
    );
    expect(res.body.paths['/outgoing'].post.requestBody.content['multipart/form-data'].schema.required).toEqual(['metadata', 'files']);
  });
});
