/**
 * The exchange report (reports.service.ts) as files (R-RPT-3): CSV (UTF-8 with a byte-order
 * mark so that Excel reads the Vietnamese headers), XLSX (exceljs: header row, number formats,
 * frozen header) and a printable A4 PDF (pdf-lib). One column list serves all three, so the
 * files always say what the JSON says.
 *
 * The PDF embeds DejaVu fonts (from `dejavu-fonts-ttf`, loaded the way the printable copy of
 * activities/printing does) because the PDF standard fonts cannot encode Vietnamese letters;
 * the subset fonts carry a ToUnicode map, so the text stays searchable and extractable.
 */
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import ExcelJS from 'exceljs';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { CONNECTION_STATE_LABELS_VI } from '../../domain/connection';
import { toVietnamIso } from '../../domain/time';
import type { ExchangeReport, ExchangeRow, ReportRowScope } from './reports.service';

export const REPORT_TITLE = 'BÁO CÁO TÌNH HÌNH GỬI, NHẬN VĂN BẢN ĐIỆN TỬ';
export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

type ColumnType = 'text' | 'count' | 'hours' | 'share' | 'score';

interface Column {
  header: string;
  /** Shorter header for the narrow PDF columns. */
  short?: string;
  type: ColumnType;
  value(row: ExchangeRow): string | number | null;
  /** In the spreadsheet files (CSV, XLSX) / in the PDF table. */
  files: boolean;
  pdf: boolean;
}

const SCOPE_LABELS: Record<ReportRowScope, string> = { organization: 'Cơ quan', subtree: 'Cả đơn vị trực thuộc', total: 'Tổng cộng' };

const connectionText = (r: ExchangeRow) => (r.connectionState ? CONNECTION_STATE_LABELS_VI[r.connectionState] : '');

export const REPORT_COLUMNS: Column[] = [
  { header: 'Mã định danh', type: 'text', value: (r) => r.code, files: true, pdf: false },
  { header: 'Tên cơ quan', short: 'Cơ quan, đơn vị', type: 'text', value: (r) => (r.scope === 'total' ? 'Tổng cộng' : r.name), files: true, pdf: true },
  { header: 'Phạm vi', type: 'text', value: (r) => SCOPE_LABELS[r.scope], files: true, pdf: false },
  { header: 'Văn bản đi', short: 'VB đi', type: 'count', value: (r) => r.sent, files: true, pdf: true },
  { header: 'Đi điện tử', type: 'count', value: (r) => r.sentElectronic, files: true, pdf: true },
  { header: 'Đi bản giấy', short: 'Đi giấy', type: 'count', value: (r) => r.sentPaper, files: true, pdf: true },
  { header: 'Văn bản đến', short: 'VB đến', type: 'count', value: (r) => r.received, files: true, pdf: true },
  { header: 'Đến điện tử', type: 'count', value: (r) => r.receivedElectronic, files: true, pdf: true },
  { header: 'Đến bản giấy', short: 'Đến giấy', type: 'count', value: (r) => r.receivedPaper, files: true, pdf: true },
  { header: 'Từ chối nhận', short: 'Từ chối', type: 'count', value: (r) => r.refused, files: true, pdf: true },
  { header: 'Thu hồi', type: 'count', value: (r) => r.recalled, files: true, pdf: true },
  { header: 'Xử lý đúng hạn', short: 'Đúng hạn', type: 'count', value: (r) => r.completedOnTime, files: true, pdf: true },
  { header: 'Xử lý trễ hạn', short: 'Trễ hạn', type: 'count', value: (r) => r.completedLate, files: true, pdf: true },
  { header: 'Đang quá hạn', type: 'count', value: (r) => r.overdueNow, files: true, pdf: true },
  { header: 'Thời gian xử lý trung bình (giờ)', short: 'TG xử lý TB (giờ)', type: 'hours', value: (r) => r.averageProcessingHours, files: true, pdf: true },
  { header: 'Tỷ lệ gửi điện tử (%)', short: 'Gửi điện tử (%)', type: 'share', value: (r) => r.electronicShare, files: true, pdf: true },
  { header: 'Tỷ lệ xử lý đúng hạn (%)', short: 'Đúng hạn (%)', type: 'share', value: (r) => r.onTimeShare, files: true, pdf: true },
  { header: 'Trạng thái kết nối', type: 'text', value: connectionText, files: true, pdf: false },
  { header: 'Đơn vị đã kết nối', type: 'count', value: (r) => r.connectedOrganizations, files: true, pdf: false },
  { header: 'Tổng số đơn vị', type: 'count', value: (r) => r.organizations, files: true, pdf: false },
  { header: 'Tỷ lệ kết nối (%)', type: 'share', value: (r) => r.connectedShare, files: true, pdf: false },
  // the PDF has room for one connection column: the state of an organization, "connected/all" of a subtree
  {
    header: 'Kết nối',
    type: 'text',
    value: (r) => (r.scope === 'organization' ? connectionText(r) : `${r.connectedOrganizations}/${r.organizations}`),
    files: false,
    pdf: true,
  },
  { header: 'Điểm tuân thủ', short: 'Điểm tuân thủ (0–100)', type: 'score', value: (r) => r.complianceScore, files: true, pdf: true },
];

const FILE_COLUMNS = REPORT_COLUMNS.filter((c) => c.files);
const PDF_COLUMNS = REPORT_COLUMNS.filter((c) => c.pdf);

const allRows = (report: ExchangeReport): ExchangeRow[] => [...report.rows, report.total];

/** 2026-05-31 → 31/05/2026. */
export const vnDay = (key: string): string => key.split('-').reverse().join('/');
/** dd/MM/yyyy HH:mm of an instant in Vietnam time. */
function vnDateTime(d: Date): string {
  const iso = toVietnamIso(d);
  return `${vnDay(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** A cell as text: shares as percentages with one decimal, hours and scores with one decimal. */
function textOf(c: Column, row: ExchangeRow): string {
  const v = c.value(row);
  if (v === null) return '';
  if (c.type === 'share') return (Math.round((v as number) * 1000) / 10).toFixed(1);
  if (c.type === 'hours' || c.type === 'score') return (v as number).toFixed(1);
  return String(v);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** CSV (RFC 4180, UTF-8 with BOM, CRLF): header, one line per row, the total last. */
export function reportCsv(report: ExchangeReport): Buffer {
  const lines = [FILE_COLUMNS.map((c) => c.header), ...allRows(report).map((r) => FILE_COLUMNS.map((c) => textOf(c, r)))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}

const NUMBER_FORMATS: Record<ColumnType, string | undefined> = { text: undefined, count: '#,##0', hours: '0.0', share: '0.0%', score: '0.0' };

/** XLSX: title block, then the header row (frozen, with filters) and the rows; numbers stay numbers. */
export async function reportXlsx(report: ExchangeReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hệ thống quản lý văn bản và điều hành tỉnh Sơn La';
  wb.created = report.generatedAt;
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([REPORT_TITLE]).font = { bold: true, size: 14 };
  ws.addRow([`Cơ quan: ${report.organization.name} (${report.organization.code})`]);
  ws.addRow([`Kỳ báo cáo: từ ngày ${vnDay(report.period.from)} đến ngày ${vnDay(report.period.to)} — lập lúc ${vnDateTime(report.generatedAt)} (+07:00)`]);
  ws.addRow([]);
  const header = ws.addRow(FILE_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 32;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const r of allRows(report)) {
    const row = ws.addRow(FILE_COLUMNS.map((c) => c.value(r)));
    if (r.scope === 'total') row.font = { bold: true };
  }
  FILE_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.type === 'text' ? (i === 1 ? 48 : 18) : 12;
    const fmt = NUMBER_FORMATS[c.type];
    if (fmt) col.numFmt = fmt;
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: header.number, topLeftCell: `C${header.number + 1}` }];
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: FILE_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let fontBytes: { regular: Buffer; bold: Buffer; title: Buffer } | undefined;
function fonts() {
  // Condensed faces: 17 columns fit a landscape A4 page at a legible size.
  fontBytes ??= {
    regular: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')),
    bold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')),
    title: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fontBytes;
}

/** Breaks `text` into lines no wider than `width`; a word longer than the line stays whole. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = 28;
const FOOTER = 24;
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.6, 0.6, 0.6);

/** A4 landscape PDF: heading, the table (header repeated on every page), notes, footer with the time and page numbers. */
export async function reportPdf(report: ExchangeReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = fonts();
  const regular = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  const titleFont = await doc.embedFont(f.title, { subset: true });
  doc.setTitle(`${REPORT_TITLE} — ${report.organization.name}`);
  doc.setAuthor('Hệ thống quản lý văn bản và điều hành tỉnh Sơn La');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(report.generatedAt);

  const [W, H] = A4_LANDSCAPE;
  const inner = W - 2 * MARGIN;
  const size = 7;
  const lead = 8.6;
  const pad = 3;
  // widths: row number, name, then the figures share the rest (the connection text a bit wider)
  const numberWidth = 20;
  const nameWidth = 170;
  const connectionIndex = PDF_COLUMNS.findIndex((c) => c.header === 'Kết nối');
  const figureCount = PDF_COLUMNS.length - 1;
  const connectionWidth = 52;
  const figureWidth = (inner - numberWidth - nameWidth - connectionWidth) / (figureCount - 1);
  const widths = [numberWidth, ...PDF_COLUMNS.map((_, i) => (i === 0 ? nameWidth : i === connectionIndex ? connectionWidth : figureWidth))];
  const headers = ['STT', ...PDF_COLUMNS.map((c) => c.short ?? c.header)];

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(A4_LANDSCAPE);
    pages.push(page);
    y = H - MARGIN;
  };
  const centered = (text: string, font: PDFFont, s: number) => {
    for (const line of wrap(text, font, s, inner)) {
      y -= s + 3;
      page.drawText(line, { x: (W - font.widthOfTextAtSize(line, s)) / 2, y, size: s, font });
    }
  };

  newPage();
  // Heading as on an administrative report: the organization left, the national motto right.
  const leftWidth = 300;
  const orgLines = wrap(report.organization.name.toLocaleUpperCase('vi'), bold, 8.5, leftWidth);
  const motto = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
  let ly = y;
  for (const line of orgLines) {
    ly -= 11;
    page.drawText(line, { x: MARGIN + (leftWidth - bold.widthOfTextAtSize(line, 8.5)) / 2, y: ly, size: 8.5, font: bold });
  }
  let ry = y;
  motto.forEach((line, i) => {
    ry -= 11;
    const s = i === 0 ? 8.5 : 9;
    const w = bold.widthOfTextAtSize(line, s);
    const x = W - MARGIN - 300 + (300 - w) / 2;
    page.drawText(line, { x, y: ry, size: s, font: bold });
    if (i === 1) page.drawLine({ start: { x, y: ry - 2 }, end: { x: x + w, y: ry - 2 }, thickness: 0.6 });
  });
  y = Math.min(ly, ry) - 14;
  centered(REPORT_TITLE, titleFont, 13);
  y -= 2;
  const withChildren = report.total.childCount > 0 ? ', gồm các đơn vị trực thuộc' : '';
  centered(`Cơ quan: ${report.organization.name} (${report.organization.code})${withChildren}`, regular, 9.5);
  centered(`Kỳ báo cáo: từ ngày ${vnDay(report.period.from)} đến ngày ${vnDay(report.period.to)}`, regular, 9.5);
  y -= 8;

  const drawHeader = () => {
    const lines = headers.map((h, i) => wrap(h, bold, size, widths[i] - 2 * pad));
    const height = Math.max(...lines.map((l) => l.length)) * lead + 2 * pad;
    page.drawRectangle({ x: MARGIN, y: y - height, width: inner, height, color: rgb(0.86, 0.9, 0.95), borderColor: RULE, borderWidth: 0.5 });
    let x = MARGIN;
    lines.forEach((cell, i) => {
      cell.forEach((line, j) => {
        page.drawText(line, { x: x + (widths[i] - bold.widthOfTextAtSize(line, size)) / 2, y: y - pad - size - j * lead + 1, size, font: bold });
      });
      x += widths[i];
    });
    columnRules(y, height);
    y -= height;
  };
  /** Thin vertical rules between the columns of a band `height` high below `top`. */
  const columnRules = (top: number, height: number) => {
    let x = MARGIN;
    for (const w of widths.slice(0, -1)) {
      x += w;
      page.drawLine({ start: { x, y: top }, end: { x, y: top - height }, thickness: 0.3, color: RULE });
    }
  };
  drawHeader();

  allRows(report).forEach((r, index) => {
    const font = r.scope === 'total' ? bold : regular;
    const cells = [r.scope === 'total' ? '' : String(index + 1), ...PDF_COLUMNS.map((c) => textOf(c, r))];
    // the name column also shows the code, on its own line
    const lines = cells.map((text, i) => (i === 1 && r.scope !== 'total' ? [...wrap(text, font, size, widths[i] - 2 * pad), r.code] : wrap(text, font, size, widths[i] - 2 * pad)));
    const height = Math.max(...lines.map((l) => l.length)) * lead + 2 * pad;
    if (y - height < MARGIN + FOOTER) {
      newPage();
      drawHeader();
    }
    if (r.scope === 'total') page.drawRectangle({ x: MARGIN, y: y - height, width: inner, height, color: rgb(0.95, 0.95, 0.95) });
    let x = MARGIN;
    lines.forEach((cell, i) => {
      // figures right-aligned, the row number and the connection text centred, the name left
      const figure = i >= 2 && PDF_COLUMNS[i - 1].type !== 'text';
      const centred = i === 0 || i - 1 === connectionIndex;
      cell.forEach((line, j) => {
        const small = i === 1 && j === cell.length - 1 && r.scope !== 'total';
        const s = small ? size - 1 : size;
        const w = font.widthOfTextAtSize(line, s);
        const lx = figure ? x + widths[i] - pad - w : centred ? x + (widths[i] - w) / 2 : x + pad;
        page.drawText(line, { x: lx, y: y - pad - size - j * lead + 1, size: s, font, color: small ? GREY : rgb(0, 0, 0) });
      });
      x += widths[i];
    });
    page.drawLine({ start: { x: MARGIN, y: y - height }, end: { x: MARGIN + inner, y: y - height }, thickness: r.scope === 'total' ? 0.8 : 0.3, color: RULE });
    columnRules(y, height);
    y -= height;
  });

  const notes = [
    'Ghi chú: Văn bản đi tính theo ngày phát hành; "đi bản giấy" khi có ít nhất một nơi nhận chỉ nhận được bản giấy (chưa kết nối). Văn bản đến tính theo thời điểm tiếp nhận; "đến bản giấy" là văn bản giấy do văn thư vào sổ. Từ chối nhận tính theo ngày văn bản đến; thu hồi theo ngày thu hồi.',
    'Xử lý đúng hạn / trễ hạn: văn bản hoàn thành trong kỳ, so với thời hạn xử lý. Đang quá hạn: văn bản có bước xử lý chưa xong đã quá hạn, tính tại thời điểm lập báo cáo. Thời gian xử lý trung bình: số giờ (theo lịch) từ khi tiếp nhận đến khi hoàn thành.',
    'Điểm tuân thủ (0–100) = 40% tỷ lệ gửi điện tử + 40% tỷ lệ xử lý đúng hạn + 20% tỷ lệ đơn vị đã kết nối; tỷ lệ nào không có văn bản trong kỳ thì không tính và các trọng số còn lại được chia lại theo tỷ lệ.',
  ].flatMap((n) => wrap(n, regular, 7, inner));
  y -= 8;
  for (const line of notes) {
    if (y - lead < MARGIN + FOOTER) newPage();
    y -= lead + 0.6;
    page.drawText(line, { x: MARGIN, y, size: 7, font: regular, color: GREY });
  }

  const stamp = `Lập lúc ${vnDateTime(report.generatedAt)} (giờ Việt Nam, +07:00) — Hệ thống quản lý văn bản và điều hành tỉnh Sơn La`;
  pages.forEach((p, i) => {
    p.drawText(stamp, { x: MARGIN, y: MARGIN - 10, size: 7, font: regular, color: GREY });
    if (pages.length > 1) {
      const n = `Trang ${i + 1}/${pages.length}`;
      p.drawText(n, { x: W - MARGIN - regular.widthOfTextAtSize(n, 7), y: MARGIN - 10, size: 7, font: regular, color: GREY });
    }
  });
  return doc.save();
}

const EXTENSIONS: Record<ReportFormat, { type: string }> = {
  csv: { type: 'text/csv; charset=utf-8' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pdf: { type: 'application/pdf' },
};

/** RFC 5987 value: percent-encoded UTF-8, also of the characters encodeURIComponent leaves. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition with an ASCII `filename` for old clients and the Vietnamese `filename*`. */
export function reportDisposition(report: ExchangeReport, format: ReportFormat): string {
  const { code } = report.organization;
  const { from, to } = report.period;
  const ascii = `bao-cao-gui-nhan-van-ban-dien-tu_${code}_${from}_${to}.${format}`;
  const vietnamese = `Báo cáo gửi nhận văn bản điện tử ${code} ${from} ${to}.${format}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(vietnamese)}`;
}

/** The file of a report in `format`, with its media type. */
export async function renderReport(report: ExchangeReport, format: ReportFormat): Promise<{ body: Buffer; type: string; disposition: string }> {
  const body = format === 'csv' ? reportCsv(report) : format === 'xlsx' ? await reportXlsx(report) : Buffer.from(await reportPdf(report));
  return { body, type: EXTENSIONS[format].type, disposition: reportDisposition(report, format) };
}
