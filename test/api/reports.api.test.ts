/**
 * Statistics and reports (R-RPT-1..3, R-SEC-2) through the HTTP contract, with the real
 * workflows: a scenario of known documents between organizations at every level of the tree —
 * issued, accepted, refused, recalled, completed on time and late, one left overdue, one to a
 * commune that is not connected (paper), one paper intake — and the exact figures the report
 * must show for the province, a district drill-down and a commune, as JSON, CSV, XLSX and PDF.
 *
 * Completion, receipt and due times of the completed documents are set in the database after
 * the processes completed them (driving a real ten-day deadline is impractical), which also
 * exercises the summary triggers on an ordinary UPDATE.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { eventually } from '../support/app';
import { CHIENG_SON, MOC_CHAU, SNV, STC, STTTT, UBND, draftMetadata, paperMetadata, startDocumentSystem, upload, type DocumentTestSystem } from './document-helpers';

let t: DocumentTestSystem;
const app = () => t.sys.app;

/** A Vietnam calendar day `offset` days from today (YYYY-MM-DD). */
const vnDay = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
/**
 * Holds everything the scenario does, whenever the suite runs: a document that arrives outside
 * office hours counts as received when they next start (R-CAL-3), which after a Friday evening
 * or during Tết is days ahead.
 */
const PERIOD = { from: vnDay(-1), to: vnDay(20) };
const THI_TRAN_MOC_CHAU = '000.01.37.H52';

const FIGURES = ['sent', 'sentElectronic', 'sentPaper', 'received', 'receivedElectronic', 'receivedPaper', 'refused', 'recalled', 'completedOnTime', 'completedLate', 'overdueNow'] as const;
type Figures = Record<(typeof FIGURES)[number], number>;
const ZERO: Figures = Object.fromEntries(FIGURES.map((k) => [k, 0])) as Figures;
const figures = (over: Partial<Figures>): Figures => ({ ...ZERO, ...over });
const pick = (row: Figures): Figures => Object.fromEntries(FIGURES.map((k) => [k, row[k]])) as Figures;

interface Row extends Figures {
  code: string;
  name: string;
  scope: string;
  level: number;
  childCount: number;
  organizations: number;
  connectedOrganizations: number;
  connectionState: string | null;
  averageProcessingHours: number | null;
  electronicShare: number | null;
  onTimeShare: number | null;
  connectedShare: number;
  complianceScore: number;
}
interface Report {
  organization: { code: string; name: string; level: number };
  ancestors: Array<{ code: string; name: string }>;
  period: { from: string; to: string };
  generatedAt: string;
  rows: Row[];
  total: Row;
}

async function createDraft(user: string, over: Record<string, unknown>): Promise<string> {
  const res = await upload(request(app()).post('/api/outgoing').set(await t.as(user)), draftMetadata(over), [[t.signedPdf, 'van-ban.pdf']]).expect(201);
  return res.body.id;
}

async function issued(user: string, receivers: string[]): Promise<string> {
  const id = await createDraft(user, { receivers });
  await request(app()).post(`/api/outgoing/${id}/issue`).set(await t.as(user)).send({}).expect(200);
  return id;
}

/** The receiver's copy, once its process waits for the clerk's decision. */
async function arrived(clerk: string, sourceId: string): Promise<string> {
  return eventually(async () => {
    const [row] = await t.q<{ id: string }>("SELECT id FROM documents WHERE direction = 'incoming' AND source_document_id = ?", [sourceId]);
    if (!row) return null;
    const res = await request(app()).get(`/api/incoming/${row.id}`).set(await t.as(clerk));
    return res.status === 200 && res.body.deadline?.step === 'reception' ? (row.id as string) : null;
  });
}

async function act(user: string, id: string, action: string, body: object = {}): Promise<void> {
  await request(app()).post(`/api/incoming/${id}/${action}`).set(await t.as(user)).send(body).expect(200);
}

async function step(user: string, id: string, wanted: string): Promise<void> {
  await eventually(async () => (await request(app()).get(`/api/incoming/${id}`).set(await t.as(user))).body.deadline?.step === wanted);
}

/** Accepted by the clerk, routed by the default rule, assigned by the leader to the specialist. */
async function inProcessing(org: { clerk: string; leader: string; specialist: string }, id: string): Promise<void> {
  await act(org.clerk, id, 'accept');
  await step(org.leader, id, 'assignment');
  await act(org.leader, id, 'assign', { handlerId: await t.userId(org.specialist) });
  await step(org.leader, id, 'processing');
}

const STTTT_PEOPLE = { clerk: 'vanthu.stttt', leader: 'lanhdao.stttt', specialist: 'chuyenvien.stttt' };
const MOC_CHAU_PEOPLE = { clerk: 'vanthu.mocchau', leader: 'lanhdao.mocchau', specialist: 'chuyenvien.mocchau' };

beforeAll(async () => {
  t = await startDocumentSystem();

  // D1 Sở Nội vụ → Sở TT&TT: accepted, processed and completed on time (8 hours).
  const d1 = await issued('vanthu.snv', [STTTT]);
  const in1 = await arrived('vanthu.stttt', d1);
  await inProcessing(STTTT_PEOPLE, in1);
  await act('chuyenvien.stttt', in1, 'complete', { result: 'Đã xử lý' });

  // D2 Sở Nội vụ → Sở Tài chính: refused.
  const d2 = await issued('vanthu.snv', [STC]);
  const in2 = await arrived('vanthu.stc', d2);
  await act('vanthu.stc', in2, 'refuse', { reason: 'Không thuộc thẩm quyền' });

  // D3 UBND tỉnh → UBND huyện Mộc Châu: completed late (19 hours, due after 15).
  const d3 = await issued('vanthu.ubnd', [MOC_CHAU]);
  const in3 = await arrived('vanthu.mocchau', d3);
  await inProcessing(MOC_CHAU_PEOPLE, in3);
  await act('chuyenvien.mocchau', in3, 'complete', { result: 'Đã báo cáo' });

  // D4 Mộc Châu → xã Chiềng Sơn, not connected: sent on paper (R-CONN-3).
  const d4 = await issued('vanthu.mocchau', [CHIENG_SON]);
  await eventually(async () => (await request(app()).get(`/api/outgoing/${d4}/deliveries`).set(await t.as('vanthu.mocchau'))).body[0]?.channel === 'paper');

  // D5 a paper document entered by the commune's clerk (R-REC-5).
  await upload(request(app()).post('/api/incoming').set(await t.as('vanthu.chiengson')), paperMetadata(), [[t.unsignedPdf, 'ban-quet.pdf']]).expect(201);

  // D6 xã Chiềng Sơn → Mộc Châu: being processed, and its deadline has passed.
  const d6 = await issued('vanthu.chiengson', [MOC_CHAU]);
  const in6 = await arrived('vanthu.mocchau', d6);
  await inProcessing(MOC_CHAU_PEOPLE, in6);

  // D7 Sở Nội vụ → UBND tỉnh (electronic with a paper copy, R-OUT-4): arrives, then recalled.
  const d7 = await issued('vanthu.snv', [UBND]);
  await arrived('vanthu.ubnd', d7);
  await request(app()).post(`/api/outgoing/${d7}/recall`).set(await t.as('lanhdao.snv')).send({ reason: 'Ban hành nhầm' }).expect(202);
  await eventually(async () => (await t.q<{ status: string }>('SELECT status FROM documents WHERE id = ?', [d7]))[0].status === 'recalled');

  await t.q("UPDATE documents SET received_at = now() - interval '10 hours', completed_at = now() - interval '2 hours' WHERE id = ? RETURNING id", [in1]);
  await t.q("UPDATE documents SET received_at = now() - interval '20 hours', completed_at = now() - interval '1 hour', due_at = now() - interval '5 hours' WHERE id = ? RETURNING id", [in3]);
  await t.q("UPDATE tasks SET due_at = now() - interval '2 hours' WHERE document_id = ? AND status = 'open' AND step = 'processing' RETURNING id", [in6]);
}, 600_000);

afterAll(async () => {
  await t?.stop();
});

async function report(user: string, query: Record<string, string>, status = 200): Promise<Report> {
  const res = await request(app())
    .get('/api/reports/exchange')
    .query({ ...PERIOD, ...query })
    .set(await t.as(user))
    .expect(status);
  return res.body;
}
const rowOf = (r: Report, code: string) => r.rows.find((x) => x.code === code)!;

/** The compliance score as the README states it, computed independently of the service. */
function expectedScore(shares: { electronic: number | null; onTime: number | null; connected: number }): number {
  const parts = [
    [shares.electronic, 0.4],
    [shares.onTime, 0.4],
    [shares.connected, 0.2],
  ].filter(([s]) => s !== null) as Array<[number, number]>;
  const weight = parts.reduce((a, [, w]) => a + w, 0);
  return Math.round((1000 * parts.reduce((a, [s, w]) => a + s * w, 0)) / weight) / 10;
}

describe('exchange figures (R-RPT-1)', () => {
  test('R-RPT-1 when the province supervisor asks for the province over the period, then the province, each department and district and the total have the exact figures', async () => {
    const r = await report('giamsat.vp', { org: UBND });
    expect(r.organization).toMatchObject({ code: UBND, level: 1 });
    expect(r.period).toEqual(PERIOD);
    expect(r.generatedAt).toMatch(/\+07:00$/);
    // the province itself, then its 12 departments and offices and its 12 districts
    expect(r.rows).toHaveLength(25);
    expect(r.rows[0]).toMatchObject({ code: UBND, scope: 'organization' });
    expect(r.rows.slice(1).every((x) => x.scope === 'subtree' && x.level === 2)).toBe(true);

    expect(pick(rowOf(r, UBND))).toEqual(figures({ sent: 1, sentElectronic: 1, received: 1, receivedElectronic: 1 }));
    expect(pick(rowOf(r, SNV))).toEqual(figures({ sent: 3, sentElectronic: 3, recalled: 1 }));
    expect(pick(rowOf(r, STTTT))).toEqual(figures({ received: 1, receivedElectronic: 1, completedOnTime: 1 }));
    expect(pick(rowOf(r, STC))).toEqual(figures({ received: 1, receivedElectronic: 1, refused: 1 }));
    expect(pick(rowOf(r, MOC_CHAU))).toEqual(
      figures({ sent: 2, sentElectronic: 1, sentPaper: 1, received: 3, receivedElectronic: 2, receivedPaper: 1, completedLate: 1, overdueNow: 1 }),
    );
    const busy = new Set([UBND, SNV, STTTT, STC, MOC_CHAU]);
    expect(r.rows.filter((x) => !busy.has(x.code) && JSON.stringify(pick(x)) !== JSON.stringify(ZERO)).map((x) => x.code)).toEqual([]);

    expect(r.total).toMatchObject({ scope: 'total', code: UBND, childCount: 24 });
    expect(pick(r.total)).toEqual(
      figures({ sent: 6, sentElectronic: 5, sentPaper: 1, received: 6, receivedElectronic: 5, receivedPaper: 1, refused: 1, recalled: 1, completedOnTime: 1, completedLate: 1, overdueNow: 1 }),
    );
    // receipt to completion, calendar hours: 8 at Sở TT&TT, 19 at Mộc Châu
    expect([rowOf(r, STTTT).averageProcessingHours, rowOf(r, MOC_CHAU).averageProcessingHours, r.total.averageProcessingHours]).toEqual([8, 19, 13.5]);
    expect(rowOf(r, SNV).averageProcessingHours).toBeNull();
    // the drill-down hint: Mộc Châu has its communes, Sở Nội vụ nothing below it
    expect([rowOf(r, MOC_CHAU).childCount, rowOf(r, MOC_CHAU).organizations, rowOf(r, SNV).childCount]).toEqual([2, 3, 0]);
  });

  test('R-RPT-2 when the province report is computed, then each row has the shares and the compliance score of the documented formula', async () => {
    const r = await report('admin', { org: UBND });
    const mocChau = rowOf(r, MOC_CHAU);
    // 1 of 2 sent electronically, 0 of 1 on time, 2 of 3 organizations connected (Chiềng Sơn is not)
    expect(mocChau).toMatchObject({ electronicShare: 0.5, onTimeShare: 0, connectedShare: 0.6667, connectedOrganizations: 2 });
    expect(mocChau.complianceScore).toBe(expectedScore({ electronic: 0.5, onTime: 0, connected: 2 / 3 }));
    expect(mocChau.complianceScore).toBe(33.3);
    // nothing completed at Sở Nội vụ: the on-time share is left out, not counted as zero
    expect(rowOf(r, SNV)).toMatchObject({ electronicShare: 1, onTimeShare: null, connectedShare: 1, complianceScore: 100 });
    expect(rowOf(r, STC)).toMatchObject({ electronicShare: null, onTimeShare: null, complianceScore: 100 });

    const [{ connected, total }] = await t.q<{ connected: string; total: string }>(
      "SELECT count(*) FILTER (WHERE connection_state = 'connected') AS connected, count(*) AS total FROM organizations",
    );
    expect([r.total.connectedOrganizations, r.total.organizations]).toEqual([Number(connected), Number(total)]);
    expect(r.total).toMatchObject({ electronicShare: 0.8333, onTimeShare: 0.5 });
    expect(r.total.complianceScore).toBe(expectedScore({ electronic: 5 / 6, onTime: 0.5, connected: Number(connected) / Number(total) }));
  });

  test('R-RPT-1 when the supervisor drills down into the district, then the district itself, each of its communes and the total', async () => {
    const r = await report('giamsat.vp', { org: MOC_CHAU });
    expect(r.ancestors).toEqual([{ code: UBND, name: 'Ủy ban nhân dân tỉnh Sơn La' }]);
    expect(r.rows.map((x) => [x.code, x.scope])).toEqual([
      [MOC_CHAU, 'organization'],
      [THI_TRAN_MOC_CHAU, 'subtree'],
      [CHIENG_SON, 'subtree'],
    ]);
    expect(pick(rowOf(r, MOC_CHAU))).toEqual(figures({ sent: 1, sentPaper: 1, received: 2, receivedElectronic: 2, completedLate: 1, overdueNow: 1 }));
    expect(pick(rowOf(r, THI_TRAN_MOC_CHAU))).toEqual(ZERO);
    expect(pick(rowOf(r, CHIENG_SON))).toEqual(figures({ sent: 1, sentElectronic: 1, received: 1, receivedPaper: 1 }));
    expect(rowOf(r, CHIENG_SON)).toMatchObject({ connectionState: 'not_connected', childCount: 0, electronicShare: 1, onTimeShare: null, connectedShare: 0 });
    expect(rowOf(r, CHIENG_SON).complianceScore).toBe(expectedScore({ electronic: 1, onTime: null, connected: 0 }));
    expect(rowOf(r, MOC_CHAU).complianceScore).toBe(20);
    // the total of the drill-down is the district's row of the province report
    const province = await report('giamsat.vp', { org: UBND });
    expect(pick(r.total)).toEqual(pick(rowOf(province, MOC_CHAU)));
  });

  test('R-RPT-1 when the drill-down reaches a commune, then one row, its total and nothing further to drill into', async () => {
    const r = await report('giamsat.vp', { org: CHIENG_SON });
    expect(r.ancestors.map((a) => a.code)).toEqual([UBND, MOC_CHAU]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ code: CHIENG_SON, scope: 'organization', childCount: 0, level: 3 });
    expect(pick(r.total)).toEqual(pick(r.rows[0]));
  });

  test('R-RPT-1 when the period holds none of the documents, then the period figures are zero and only the overdue work of now remains', async () => {
    const r = await report('admin', { org: UBND, from: '2020-01-01', to: '2020-12-31' });
    expect(pick(r.total)).toEqual(figures({ overdueNow: 1 }));
    expect(r.total.averageProcessingHours).toBeNull();
  });

  test('R-RPT-1 when documents changed through the processes and directly, then the summary kept by the triggers equals a recomputation from the documents', async () => {
    const columns = 'sent_electronic, sent_paper, received_electronic, received_paper, refused, recalled, completed_on_time, completed_late, processing_seconds, processing_count';
    const recomputed = `SELECT f.organization_code, f.day, ${columns.split(', ').map((c) => `sum(f.${c})::bigint AS ${c}`).join(', ')}
        FROM documents d CROSS JOIN LATERAL report_document_facts(1, d.organization_code, d.direction, d.intake, d.status, d.issued_at,
             d.received_at, d.completed_at, d.recalled_at, d.due_at, d.paper_receiver_count) f
       GROUP BY f.organization_code, f.day`;
    const kept = `SELECT organization_code, day, ${columns.split(', ').map((c) => `${c}::bigint`).join(', ')} FROM report_daily_summaries
       WHERE (${columns}) IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`;
    expect(await t.q(`(${recomputed}) EXCEPT (${kept})`)).toEqual([]);
    expect(await t.q(`(${kept}) EXCEPT (${recomputed})`)).toEqual([]);
  });
});

describe('exports (R-RPT-3)', () => {
  const asFile = async (user: string, query: Record<string, string>) =>
    request(app())
      .get('/api/reports/exchange')
      .query({ ...PERIOD, ...query })
      .set(await t.as(user))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);

  const NUMERIC_HEADERS: Array<[string, (typeof FIGURES)[number]]> = [
    ['Văn bản đi', 'sent'],
    ['Đi điện tử', 'sentElectronic'],
    ['Đi bản giấy', 'sentPaper'],
    ['Văn bản đến', 'received'],
    ['Đến điện tử', 'receivedElectronic'],
    ['Đến bản giấy', 'receivedPaper'],
    ['Từ chối nhận', 'refused'],
    ['Thu hồi', 'recalled'],
    ['Xử lý đúng hạn', 'completedOnTime'],
    ['Xử lý trễ hạn', 'completedLate'],
    ['Đang quá hạn', 'overdueNow'],
  ];

  test('R-RPT-3 when the province report is exported as CSV, then it is UTF-8 with a BOM, Vietnamese headers, and the same figures as the JSON', async () => {
    const json = await report('giamsat.vp', { org: UBND });
    const res = await asFile('giamsat.vp', { org: UBND, format: 'csv' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="bao-cao-gui-nhan-van-ban-dien-tu_000\.00\.00\.H52_[0-9-]+_[0-9-]+\.csv"; filename\*=UTF-8''B%C3%A1o%20c%C3%A1o/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.subarray(3).toString('utf8').trimEnd().split('\r\n').map((l) => l.split(','));
    const [header, ...rows] = lines;
    expect(header.slice(0, 4)).toEqual(['Mã định danh', 'Tên cơ quan', 'Phạm vi', 'Văn bản đi']);
    expect(header).toContain('Điểm tuân thủ');
    expect(rows).toHaveLength(json.rows.length + 1);
    const col = (name: string) => header.indexOf(name);
    for (const [i, row] of [...json.rows, json.total].entries()) {
      expect(rows[i][col('Mã định danh')]).toBe(row.code);
      expect(NUMERIC_HEADERS.map(([h]) => Number(rows[i][col(h)]))).toEqual(NUMERIC_HEADERS.map(([, k]) => row[k]));
      expect(Number(rows[i][col('Điểm tuân thủ')])).toBe(row.complianceScore);
    }
    expect(rows.at(-1)![col('Phạm vi')]).toBe('Tổng cộng');
    expect(rows.find((r) => r[0] === MOC_CHAU)![col('Tỷ lệ gửi điện tử (%)')]).toBe('50.0');
  });

  test('R-RPT-3 when the district report is exported as XLSX, then a frozen header row, number formats and the JSON figures', async () => {
    const json = await report('giamsat.vp', { org: MOC_CHAU });
    const res = await asFile('giamsat.vp', { org: MOC_CHAU, format: 'xlsx' });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toBe('BÁO CÁO TÌNH HÌNH GỬI, NHẬN VĂN BẢN ĐIỆN TỬ');
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (!headerRow && row.getCell(1).value === 'Mã định danh') headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
    const col = (name: string) => headers.indexOf(name) + 1;
    const firstRow = ws.getRow(headerRow + 1);
    expect(firstRow.getCell(col('Tỷ lệ gửi điện tử (%)')).numFmt).toBe('0.0%');
    expect(firstRow.getCell(col('Văn bản đi')).numFmt).toBe('#,##0');
    for (const [i, row] of [...json.rows, json.total].entries()) {
      const cells = ws.getRow(headerRow + 1 + i);
      expect(cells.getCell(col('Mã định danh')).value).toBe(row.code);
      expect(NUMERIC_HEADERS.map(([h]) => cells.getCell(col(h)).value)).toEqual(NUMERIC_HEADERS.map(([, k]) => row[k]));
      expect(cells.getCell(col('Tỷ lệ gửi điện tử (%)')).value).toBe(row.electronicShare);
      expect(cells.getCell(col('Thời gian xử lý trung bình (giờ)')).value).toBe(row.averageProcessingHours);
    }
  });

  test('R-RPT-3 when the province report is printed as PDF, then an A4 document whose extractable text has the Vietnamese title, the organization, the period and the totals', async () => {
    const json = await report('giamsat.vp', { org: UBND });
    const res = await asFile('giamsat.vp', { org: UBND, format: 'pdf' });
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(res.body as Buffer);
    const pages = pdf.getPageCount();
    expect(pages).toBeGreaterThanOrEqual(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(Math.max(width, height)), Math.round(Math.min(width, height))]).toEqual([842, 595]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-report-'));
    const file = path.join(dir, 'bao-cao.pdf');
    fs.writeFileSync(file, res.body as Buffer);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain('BÁO CÁO TÌNH HÌNH GỬI, NHẬN VĂN BẢN ĐIỆN TỬ');
    expect(text).toContain('Cơ quan: Ủy ban nhân dân tỉnh Sơn La (000.00.00.H52)');
    const dmy = (d: string) => d.split('-').reverse().join('/');
    expect(text).toContain(`Kỳ báo cáo: từ ngày ${dmy(PERIOD.from)} đến ngày ${dmy(PERIOD.to)}`);
    expect(text).toContain('Ủy ban nhân dân huyện Mộc Châu');
    expect(text).toMatch(/Lập lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam, \+07:00\)/);
    if (pages > 1) expect(text).toContain(`Trang ${pages}/${pages}`);
    // the total line: its eleven counts in the column order of the table
    const totalLine = text.split('\n').find((l) => l.trim().startsWith('Tổng cộng'))!;
    const numbers = totalLine.replace('Tổng cộng', '').trim().split(/\s+/);
    expect(numbers.slice(0, 11).map(Number)).toEqual([
      json.total.sent,
      json.total.sentElectronic,
      json.total.sentPaper,
      json.total.received,
      json.total.receivedElectronic,
      json.total.receivedPaper,
      json.total.refused,
      json.total.recalled,
      json.total.completedOnTime,
      json.total.completedLate,
      json.total.overdueNow,
    ]);
    expect(Number(numbers.at(-1))).toBe(json.total.complianceScore);
  });
});

describe('who may see which report (R-SEC-2)', () => {
  test('R-SEC-2 when a clerk or a specialist asks for a report, then 403', async () => {
    await report('vanthu.snv', { org: SNV }, 403);
    await report('chuyenvien.mocchau', {}, 403);
  });

  test('R-SEC-2 when a district supervisor asks outside the subtree they watch, then 404; inside it, 200; without an organization, their subtree', async () => {
    const outside = await request(app()).get('/api/reports/exchange').query({ ...PERIOD, org: SNV }).set(await t.as('giamsat.mocchau')).expect(404);
    expect(outside.type).toBe('application/problem+json');
    await report('giamsat.mocchau', { org: UBND }, 404);
    expect((await report('giamsat.mocchau', { org: CHIENG_SON })).organization.code).toBe(CHIENG_SON);
    const own = await report('giamsat.mocchau', {});
    expect(own.organization.code).toBe(MOC_CHAU);
    // the breadcrumb stops at the top of what the supervisor may see
    expect(own.ancestors).toEqual([]);
  });

  test('R-SEC-2 when a leader asks, then their organization and its subtree only', async () => {
    expect((await report('lanhdao.mocchau', {})).organization.code).toBe(MOC_CHAU);
    await report('lanhdao.mocchau', { org: CHIENG_SON });
    await report('lanhdao.mocchau', { org: UBND }, 404);
    await report('lanhdao.chiengson', { org: MOC_CHAU }, 404);
    await report('lanhdao.snv', { org: STTTT }, 404);
  });

  test('R-SEC-2 when an admin asks for a well-formed code nobody registered, then 404; without a token, 401', async () => {
    await report('admin', { org: '000.00.99.H52' }, 404);
    expect((await report('admin', {})).organization.code).toBe(UBND);
    await request(app()).get('/api/reports/exchange').query(PERIOD).expect(401);
  });

  test.each([
    ['the period ends before it starts', { from: '2026-05-31', to: '2026-05-01' }, 'to'],
    ['a date that does not exist', { from: '2026-02-30', to: '2026-03-01' }, 'from'],
    ['a date in another format', { from: '01/05/2026', to: '2026-05-31' }, 'from'],
    ['no end of the period', { from: '2026-05-01', to: undefined }, 'to'],
    ['a period of more than ten years', { from: '2000-01-01', to: '2026-12-31' }, 'to'],
    ['a malformed organization code', { org: '000.00.37' }, 'org'],
    ['an unknown format', { format: 'docx' }, 'format'],
    ['an unknown parameter', { year: '2026' }, ''],
  ])('R-SEC-4 when the query has %s, then 400 problem+json naming the parameter', async (_what, query, field) => {
    const q = Object.fromEntries(Object.entries({ ...PERIOD, org: UBND, ...query }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const res = await request(app()).get('/api/reports/exchange').query(q).set(await t.as('admin')).expect(400);
    expect(res.type).toBe('application/problem+json');
    if (field) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });
});
