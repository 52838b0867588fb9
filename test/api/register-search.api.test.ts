/**
 * The incoming and outgoing registers as the clerk uses them (R-DOC-1, R-DOC-2; QĐ 2588 Article
 * 3.8 "để quản lý và tra cứu văn bản"), against real PostgreSQL, a Temporal dev server and a
 * real worker, with documents that really travelled from Sở Nội vụ to Sở Thông tin và Truyền
 * thông: accent-insensitive search and the register's filters, totals that stop counting at
 * 10 000, the export as CSV and XLSX read back and compared with the JSON list, its scope and its
 * cap, and the acceptance of several arrived documents at once (R-REC-3) with per-document
 * outcomes (R-SEC-2: another organization's document fails like an unknown one).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import express from 'express';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createLogger } from '../../api/logger';
import { problemMiddleware } from '../../api/problem';
import { incomingRegisterFilterSchema } from '../../api/register-search.schemas';
import { registerExportHandler } from '../../api/routes/register-export.handler';
import { createRegisterExportService } from '../../api/services/register-export.service';
import { createDocumentsRepository } from '../../db/repositories/documents.repository';
import { INCOMING_STATUS_LABELS_VI, type IncomingStatus } from '../../domain/document-status';
import { URGENCY_LABELS_VI, type Urgency } from '../../domain/documents';
import { eventually } from '../support/app';
import { CHIENG_SON, STTTT, draftMetadata, paperMetadata, startDocumentSystem, upload, type DocumentTestSystem } from './document-helpers';

let t: DocumentTestSystem;
const app = () => t.sys.app;
/** A word of this run, in every summary, so the searches find this file's documents only. */
const tag = `m${crypto.randomBytes(3).toString('hex')}`;
const filter = (f: object, extra: Record<string, string> = {}) => ({ filter: JSON.stringify(f), ...extra });

interface Listed {
  id: string;
  summary: string;
  status: string;
  urgency: Urgency;
  registerNumber: number | null;
  registerAt: string;
  receivedAt: string | null;
  numberAndNotation: string | null;
  documentDate: string | null;
  senderName: string | null;
  typeName: string | null;
  mainHandlerName: string | null;
  dueAt: string | null;
  sourceDocumentId: string | null;
  checksPassed: boolean | null;
}

/** The receiver's copy of an outgoing document, once its reception step is open. */
async function arrivedAt(receiverClerk: string, sourceId: string): Promise<Listed> {
  return eventually(async () => {
    const [row] = await t.q<{ id: string }>("SELECT id FROM documents WHERE direction = 'incoming' AND source_document_id = ?", [sourceId]);
    if (!row) return null;
    const res = await request(app()).get(`/api/incoming/${row.id}`).set(await t.as(receiverClerk));
    // Ready for a decision once the reception step is open and the receipt checks are recorded.
    return res.status === 200 && res.body.deadline?.step === 'reception' && res.body.checksPassed !== null ? res.body : null;
  }, 60_000);
}

/** Sở Nội vụ issues a signed document to Sở Thông tin và Truyền thông; answers the receiver's copy. */
async function sendToStttt(over: Record<string, unknown>): Promise<{ outgoingId: string; incoming: Listed }> {
  const headers = await t.as('vanthu.snv');
  const draft = await upload(request(app()).post('/api/outgoing').set(headers), draftMetadata({ receivers: [STTTT], ...over }), [[t.signedPdf, 'van-ban.pdf']]).expect(201);
  await request(app()).post(`/api/outgoing/${draft.body.id}/issue`).set(headers).send({}).expect(200);
  return { outgoingId: draft.body.id, incoming: await arrivedAt('vanthu.stttt', draft.body.id) };
}

async function list(user: string, resource: 'incoming' | 'outgoing' | 'register-entries', f: object, extra: Record<string, string> = {}) {
  return request(app()).get(`/api/${resource}`).query(filter(f, { range: '[0,199]', ...extra })).set(await t.as(user)).expect(200);
}
const idsOf = (res: request.Response): string[] => res.body.map((d: { id: string }) => d.id);

let a: { outgoingId: string; incoming: Listed };
let b: { outgoingId: string; incoming: Listed };
let c: { outgoingId: string; incoming: Listed };
/** A paper document entered at Sở Nội vụ: another organization's incoming document for Sở TT&TT's clerk. */
let foreign: Listed;

beforeAll(async () => {
  t = await startDocumentSystem();
  a = await sendToStttt({ summary: `Về việc triển khai văn bản điện tử đợt ${tag}`, urgency: 'urgent', typeCode: 'CV', documentDate: '2026-05-04' });
  b = await sendToStttt({ summary: `Về việc góp ý dự thảo quy chế văn bản đợt ${tag}`, urgency: 'normal', typeCode: 'CV', documentDate: '2026-05-06' });
  c = await sendToStttt({ summary: `Báo cáo kết quả chuyển đổi số đợt ${tag}`, urgency: 'normal', typeCode: 'BC', documentDate: '2026-04-20' });
  const paper = await upload(
    request(app()).post('/api/incoming').set(await t.as('vanthu.snv')),
    paperMetadata({ summary: `Về việc văn bản giấy đợt ${tag}` }),
    [[t.unsignedPdf, 'ban-quet.pdf']],
  ).expect(201);
  foreign = paper.body;
}, 240_000);
afterAll(async () => {
  await t?.stop();
});

describe('searching the registers (R-DOC-1, R-DOC-2)', () => {
  test('R-DOC-1 when a clerk searches "van ban dien tu" without accents, then the document whose summary reads "văn bản điện tử" is found', async () => {
    const res = await list('vanthu.stttt', 'incoming', { q: `van ban dien tu dot ${tag}` });
    expect(idsOf(res)).toEqual([a.incoming.id]);
    expect(res.body[0].summary).toBe(`Về việc triển khai văn bản điện tử đợt ${tag}`);
    expect(res.headers['content-range']).toBe('incoming 0-0/1');
    expect(res.headers['x-total-estimated']).toBeUndefined();
  });

  test('R-DOC-1 when a clerk searches the sender "so noi vu" without accents, then the documents from Sở Nội vụ are found', async () => {
    const res = await list('vanthu.stttt', 'incoming', { q: 'SO NOI VU' });
    expect(idsOf(res)).toEqual(expect.arrayContaining([a.incoming.id, b.incoming.id, c.incoming.id]));
    expect(new Set(res.body.map((d: Listed) => d.senderName))).toEqual(new Set(['Sở Nội vụ tỉnh Sơn La']));
  });

  test('R-DOC-1 when a clerk searches a number and notation, then the document carrying it is found', async () => {
    const res = await list('vanthu.stttt', 'incoming', { q: a.incoming.numberAndNotation!.toLowerCase() });
    expect(idsOf(res)).toEqual([a.incoming.id]);
  });

  test('R-DOC-2 when the sender searches its outgoing register by a receiver\'s name without accents, then the documents sent there are found', async () => {
    const res = await list('vanthu.snv', 'outgoing', { q: 'so thong tin va truyen thong' });
    expect(idsOf(res)).toEqual(expect.arrayContaining([a.outgoingId, b.outgoingId, c.outgoingId]));
  });

  test('R-DOC-1 when urgency, type and status filters are given, then only documents matching all of them are listed', async () => {
    const urgent = await list('vanthu.stttt', 'incoming', { q: tag, urgency: 'urgent' });
    expect(idsOf(urgent)).toEqual([a.incoming.id]);
    const reports = await list('vanthu.stttt', 'incoming', { q: tag, typeCode: 'BC', status: ['arrived', 'accepted'] });
    expect(idsOf(reports)).toEqual([c.incoming.id]);
    const completed = await list('vanthu.stttt', 'incoming', { q: tag, status: 'completed' });
    expect(idsOf(completed)).toEqual([]);
  });

  test('R-DOC-1 when a document-date range is given, then only documents dated inside it (inclusive) are listed', async () => {
    const may = await list('vanthu.stttt', 'incoming', { q: tag, documentDateFrom: '2026-05-04', documentDateTo: '2026-05-06' }, { sort: '["documentDate","ASC"]' });
    expect(idsOf(may)).toEqual([a.incoming.id, b.incoming.id]);
    const april = await list('vanthu.stttt', 'incoming', { q: tag, documentDateTo: '2026-04-30' });
    expect(idsOf(april)).toEqual([c.incoming.id]);
  });

  test('R-DOC-1 when a receipt-date range is given, then it is the Vietnam calendar day of receipt that counts', async () => {
    const day = a.incoming.receivedAt!.slice(0, 10);
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const thatDay = await list('vanthu.stttt', 'incoming', { q: `van ban dien tu dot ${tag}`, from: day, to: day });
    expect(idsOf(thatDay)).toEqual([a.incoming.id]);
    const before = await list('vanthu.stttt', 'incoming', { q: `van ban dien tu dot ${tag}`, to: dayBefore });
    expect(idsOf(before)).toEqual([]);
  });

  test('R-DOC-1 when a filter value is malformed, then 400 problem+json names it', async () => {
    const res = await request(app()).get('/api/incoming').query(filter({ documentDateFrom: '04/05/2026' })).set(await t.as('vanthu.stttt')).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toContain('documentDateFrom');
  });
});

describe('accepting several documents at once (R-REC-3, R-DOC-1)', () => {
  test('R-DOC-1 when the clerk bulk-accepts two arrived documents with another organization\'s and a malformed id, then the two get consecutive numbers and the others fail with 404', async () => {
    expect([a.incoming.checksPassed, b.incoming.checksPassed]).toEqual([true, true]);
    const res = await request(app())
      .post('/api/incoming/bulk-accept')
      .set(await t.as('vanthu.stttt'))
      .send({ ids: [a.incoming.id, foreign.id, b.incoming.id, 'not-a-document'] })
      .expect(200);
    expect(res.body.map((o: { id: string; ok: boolean }) => [o.id, o.ok])).toEqual([
      [a.incoming.id, true],
      [foreign.id, false],
      [b.incoming.id, true],
      ['not-a-document', false],
    ]);
    expect(res.body[1].problem).toMatchObject({ status: 404 });
    expect(res.body[3].problem).toMatchObject({ status: 404 });
    // Not a word about the foreign document: it reads exactly like one that does not exist.
    expect(res.body[1].problem.detail).toBe(res.body[3].problem.detail);
    const numbers = [res.body[0].registerNumber, res.body[2].registerNumber].sort((x: number, y: number) => x - y);
    expect(numbers[1]! - numbers[0]!).toBe(1);
    // Accepted, then routed by the organization's default rule (R-ROUTE-1): wait until it settles.
    await eventually(async () => {
      const after = await list('vanthu.stttt', 'incoming', { id: [a.incoming.id, b.incoming.id] });
      return after.body.length === 2 && after.body.every((d: Listed) => d.status === 'routed' && d.registerNumber !== null);
    });
    const stillArrived = await request(app()).get(`/api/incoming/${foreign.id}`).set(await t.as('vanthu.snv')).expect(200);
    expect(stillArrived.body.status).toBe('arrived');
  });

  test('R-DOC-1 when an already accepted document is bulk-accepted again, then that item fails with 409 and no second number is given', async () => {
    const res = await request(app()).post('/api/incoming/bulk-accept').set(await t.as('vanthu.stttt')).send({ ids: [a.incoming.id] }).expect(200);
    expect(res.body).toEqual([expect.objectContaining({ id: a.incoming.id, ok: false, problem: expect.objectContaining({ status: 409 }) })]);
    const [{ n }] = await t.q<{ n: string }>("SELECT count(*) AS n FROM register_entries WHERE document_id = ? AND register = 'incoming'", [a.incoming.id]);
    expect(Number(n)).toBe(1);
  });

  test('R-SEC-2 when someone other than a clerk bulk-accepts, or sends no ids or more than 100, then 403 or 400 and nothing is accepted', async () => {
    await request(app()).post('/api/incoming/bulk-accept').set(await t.as('lanhdao.stttt')).send({ ids: [c.incoming.id] }).expect(403);
    await request(app()).post('/api/incoming/bulk-accept').set(await t.as('vanthu.stttt')).send({ ids: [] }).expect(400);
    const many = Array.from({ length: 101 }, () => crypto.randomUUID());
    const res = await request(app()).post('/api/incoming/bulk-accept').set(await t.as('vanthu.stttt')).send({ ids: many }).expect(400);
    expect(res.body.detail).toContain('100');
    const now = await request(app()).get(`/api/incoming/${c.incoming.id}`).set(await t.as('vanthu.stttt')).expect(200);
    expect(now.body.status).toBe('arrived');
  });

  test('R-DOC-1 when a clerk types the register number (số đến) or filters by it, then the registered document is found', async () => {
    const [accepted] = (await list('vanthu.stttt', 'incoming', { id: a.incoming.id })).body as Listed[];
    const byFilter = await list('vanthu.stttt', 'incoming', { registerNumber: accepted!.registerNumber });
    expect(idsOf(byFilter)).toContain(a.incoming.id);
    expect(byFilter.body.every((d: Listed) => d.registerNumber === accepted!.registerNumber)).toBe(true);
    const typed = await list('vanthu.stttt', 'incoming', { q: String(accepted!.registerNumber) });
    expect(idsOf(typed)).toContain(a.incoming.id);
  });

  test('R-DOC-1 when a clerk searches the register entries without accents, then the entry of the accepted document is found', async () => {
    const res = await list('vanthu.stttt', 'register-entries', { q: `van ban dien tu dot ${tag}`, register: 'incoming' });
    expect(res.body.map((e: { documentId: string }) => e.documentId)).toEqual([a.incoming.id]);
    const bySender = await list('vanthu.stttt', 'register-entries', { q: 'so noi vu', urgency: 'urgent' });
    expect(bySender.body.map((e: { documentId: string }) => e.documentId)).toContain(a.incoming.id);
    expect(bySender.body.every((e: { details: { urgency: string } }) => e.details.urgency === 'urgent')).toBe(true);
  });
});

// ------------------------------------------------------------------------------ export

const HEADERS_IN = ['Số đến', 'Ngày đến', 'Số, ký hiệu văn bản', 'Ngày văn bản', 'Nơi gửi', 'Trích yếu nội dung', 'Loại văn bản', 'Độ khẩn', 'Người xử lý', 'Hạn xử lý', 'Trạng thái'];
/** 2026-05-04T10:05:00.000+07:00 → 04/05/2026 10:05. */
const vnDateTime = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}` : '');
const vnDay = (key: string | null) => (key ? key.split('-').reverse().join('/') : '');

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
}

/** The register line the JSON list says a document has, as the CSV writes it. */
const expectedLine = (d: Listed) => [
  d.registerNumber === null ? '' : String(d.registerNumber),
  vnDateTime(d.registerAt),
  d.numberAndNotation ?? '',
  vnDay(d.documentDate),
  d.senderName ?? '',
  d.summary,
  d.typeName ?? '',
  URGENCY_LABELS_VI[d.urgency],
  d.mainHandlerName ?? '',
  vnDateTime(d.dueAt),
  INCOMING_STATUS_LABELS_VI[d.status as IncomingStatus],
];

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function exported(user: string, format: 'csv' | 'xlsx', f: object, status = 200) {
  return request(app()).get('/api/incoming/export').query({ format, filter: JSON.stringify(f) }).set(await t.as(user)).buffer(true).parse(binary).expect(status);
}

describe('exporting the registers (R-DOC-1, R-DOC-2)', () => {
  test('R-DOC-1 when a clerk exports the incoming register as CSV, then it is UTF-8 with BOM, Vietnamese headers, and the same rows as the list in register order', async () => {
    const res = await exported('vanthu.stttt', 'csv', { q: tag });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="so-van-ban-den_000\.00\.03\.H52_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''S%E1%BB%95%20v%C4%83n%20b%E1%BA%A3n%20%C4%91%E1%BA%BFn%20/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = parseCsv(body.toString('utf8').slice(1));
    expect(header).toEqual(HEADERS_IN);
    const json = (await list('vanthu.stttt', 'incoming', { q: tag }, { sort: '["registerAt","ASC"]' })).body as Listed[];
    expect(json.map((d) => d.id)).toEqual(expect.arrayContaining([a.incoming.id, b.incoming.id, c.incoming.id]));
    expect(lines).toEqual(json.map(expectedLine));
  });

  test('R-DOC-1 when a clerk exports the incoming register as XLSX, then the header is bold and frozen and the rows read back as the list, with dates as dates in +07:00', async () => {
    const res = await exported('vanthu.stttt', 'xlsx', { q: tag });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="so-van-ban-den_000\.00\.03\.H52_\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Buffer as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Sổ văn bản đến');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = ws.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual(HEADERS_IN);
    expect(header.getCell(1).font?.bold).toBe(true);
    const json = (await list('vanthu.stttt', 'incoming', { q: tag }, { sort: '["registerAt","ASC"]' })).body as Listed[];
    expect(ws.rowCount).toBe(json.length + 1);
    json.forEach((d, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value ?? null).toBe(d.registerNumber);
      // Wall-clock Vietnam time in the cell: the instant shifted by +07:00.
      expect((row.getCell(2).value as Date).getTime()).toBe(Date.parse(d.registerAt) + 7 * 3_600_000);
      expect(row.getCell(2).numFmt).toBe('dd/mm/yyyy hh:mm');
      expect(row.getCell(3).value).toBe(d.numberAndNotation);
      expect((row.getCell(4).value as Date).toISOString().slice(0, 10)).toBe(d.documentDate);
      expect([5, 6, 7, 8, 11].map((n) => row.getCell(n).value)).toEqual([d.senderName, d.summary, d.typeName, URGENCY_LABELS_VI[d.urgency], INCOMING_STATUS_LABELS_VI[d.status as IncomingStatus]]);
    });
  });

  test("R-SEC-2 when a clerk of another organization exports with the same filter, then only their own organization's documents are in the file", async () => {
    const res = await exported('vanthu.snv', 'csv', { q: tag });
    const [, ...lines] = parseCsv((res.body as Buffer).toString('utf8').slice(1));
    expect(lines.map((l) => l[5])).toEqual([`Về việc văn bản giấy đợt ${tag}`]);
  });

  test('R-DOC-2 when a clerk exports the outgoing register, then its columns are those of the outgoing book with the receivers', async () => {
    const res = await request(app())
      .get('/api/outgoing/export')
      .query({ format: 'csv', filter: JSON.stringify({ q: `van ban dien tu dot ${tag}` }) })
      .set(await t.as('vanthu.snv'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const [header, line] = parseCsv((res.body as Buffer).toString('utf8').slice(1));
    expect(header).toEqual(['Số đi', 'Ngày gửi', 'Số, ký hiệu văn bản', 'Ngày văn bản', 'Nơi nhận', 'Trích yếu nội dung', 'Loại văn bản', 'Độ khẩn', 'Người ký', 'Hạn xử lý', 'Trạng thái']);
    expect(line![4]).toBe('Sở Thông tin và Truyền thông tỉnh Sơn La');
    expect(line![8]).toBe('Giám đốc Đinh Văn Thành');
    expect(line![10]).toBe('Đã phát hành');
  });

  test('R-DOC-1 when the export format or filter is wrong, then 400 problem+json and no file', async () => {
    const res = await exported('vanthu.stttt', 'pdf' as 'csv', {}, 400);
    expect(res.headers['content-disposition']).toBeUndefined();
    await exported('vanthu.stttt', 'csv', { unknown: 1 }, 400);
  });

  test('R-DOC-1 when the filter matches more rows than one file may hold, then 422 problem+json says so before any byte of a file', async () => {
    const exports = createRegisterExportService({ repo: createDocumentsRepository(t.sys.tdb.db), maxRows: 2 });
    const small = express();
    small.use((req, _res, next) => {
      (req as unknown as { caller: unknown }).caller = { id: crypto.randomUUID(), username: 'vanthu.stttt', fullName: 'Văn thư', organizationCode: STTTT, supervisesCode: null, roles: ['clerk'] };
      next();
    });
    small.get('/export', registerExportHandler('incoming', incomingRegisterFilterSchema, exports));
    small.use(problemMiddleware(createLogger('silent')));
    const res = await request(small).get('/export').query({ format: 'xlsx', filter: JSON.stringify({ q: tag }) }).expect(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body.detail).toContain('2');
    await request(small).get('/export').query({ format: 'csv', filter: JSON.stringify({ q: `van ban dien tu dot ${tag}` }) }).expect(200);
  });
});

describe('totals of large registers (R-DOC-1)', () => {
  test('R-DOC-1 when more than 10 000 documents match, or a text search is expected to match a thousand, then the list answers at once with an estimated total, flagged X-Total-Estimated', async () => {
    await t.q(
      `INSERT INTO documents (direction, organization_code, summary, status, received_at, urgency)
       SELECT 'incoming', ?, 'Văn bản lưu trữ số ' || i || CASE WHEN i = 7 THEN ' ' || ? ELSE '' END, 'completed', now() - i * interval '1 hour', 'normal'
         FROM generate_series(1, 10050) i RETURNING 1`,
      [CHIENG_SON, tag],
    );
    await t.q('ANALYZE documents');
    const big = await request(app()).get('/api/incoming').query(filter({}, { range: '[0,24]' })).set(await t.as('vanthu.chiengson')).expect(200);
    expect(big.headers['x-total-estimated']).toBe('true');
    const total = Number(/\/(\d+)$/.exec(big.headers['content-range'])![1]);
    expect(total).toBeGreaterThan(10_000);
    expect(big.body).toHaveLength(25);
    // A deep page is still served.
    const deep = await request(app()).get('/api/incoming').query(filter({}, { range: '[9975,9999]', sort: '["registerAt","DESC"]' })).set(await t.as('vanthu.chiengson')).expect(200);
    expect(deep.body).toHaveLength(25);
    expect(deep.headers['content-range']).toMatch(/^incoming 9975-9999\/\d+$/);
    // A text search the database expects to match a thousand or more is not counted either.
    const common = await request(app()).get('/api/incoming').query(filter({ q: 'van ban luu tru' })).set(await t.as('vanthu.chiengson')).expect(200);
    expect(common.headers['x-total-estimated']).toBe('true');
    expect(Number(/\/(\d+)$/.exec(common.headers['content-range'])![1])).toBeGreaterThanOrEqual(1_000);
    // A filter that narrows it below the limit is counted exactly again.
    const narrow = await request(app()).get('/api/incoming').query(filter({ q: 'van ban luu tru so 1005' })).set(await t.as('vanthu.chiengson')).expect(200);
    expect(narrow.headers['x-total-estimated']).toBeUndefined();
    expect(narrow.headers['content-range']).toBe('incoming 0-1/2');
  });
  test('R-DOC-1 when a large register is searched by text, then the page query the repository writes is answered by the trigram index of the folded search text', async () => {
    const captured: Array<{ sql: string; bind: unknown[] }> = [];
    const db = t.sys.tdb.db;
    const repo = createDocumentsRepository({
      ...db,
      sequelize: new Proxy(db.sequelize, {
        get: (target, prop) =>
          prop === 'query'
            ? (sql: string, opts: { bind: unknown[] }) => {
                captured.push({ sql, bind: opts.bind });
                return target.query(sql, opts as never);
              }
            : Reflect.get(target, prop),
      }),
    });
    const found = await repo.listDocuments('incoming', { q: tag.toUpperCase() }, { offset: 0, limit: 25, sortField: 'registerAt', sortOrder: 'DESC' }, { kind: 'organization', code: CHIENG_SON });
    expect(found.rows.map((d) => d.summary)).toEqual([`Văn bản lưu trữ số 7 ${tag}`]);
    const page = captured.find((q) => q.sql.includes('JOIN (SELECT d.id FROM documents d'))!;
    const inner = /JOIN \((SELECT d\.id FROM documents d .*?)\) page ON/s.exec(page.sql)![1]!;
    // Ten thousand rows are still few enough to read whole; bench/register-search.bench.ts shows the planner's own choice at a million.
    const plan = await db.sequelize.transaction(async (transaction) => {
      await db.sequelize.query('SET LOCAL enable_seqscan = off', { transaction });
      const rows = await db.sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${inner}`, { bind: page.bind, transaction, type: QueryTypes.SELECT });
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('documents_search_idx');
  });
});
