/**
 * The incoming and outgoing registers as files (R-DOC-1, R-DOC-2; QĐ 2588 Articles 8.3.d and
 * 10.1.c): the register book's columns — số đến / số đi, ngày đến / ngày gửi, số và ký hiệu,
 * ngày văn bản, nơi gửi / nơi nhận, trích yếu, loại, độ khẩn, người xử lý / người ký, hạn xử lý,
 * trạng thái — for the same filter and the same scope as the list the caller sees (R-SEC-2).
 *
 * Neither the rows nor the file ever sit whole in memory: rows come from PostgreSQL in keyset
 * batches (documents.repository registerBatch), and each batch is written to the response before
 * the next is read, waiting while the client is slower than the database. CSV is UTF-8 with a
 * byte-order mark (so Excel reads the Vietnamese headers) and CRLF lines; XLSX is written by
 * exceljs's streaming writer, with a bold, frozen header row, and real dates shown in Vietnam
 * time (+07:00). More than MAX_EXPORT_ROWS rows is refused up front (422), before any byte goes out.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Direction, DocumentFilter, DocumentsRepository, RegisterBookRow, RegisterCursor } from '../../db/repositories/documents.repository';
import { INCOMING_STATUS_LABELS_VI, type IncomingStatus } from '../../domain/document-status';
import { OUTGOING_STATUS_LABELS_VI, URGENCY_LABELS_VI, type OutgoingStatus } from '../../domain/documents';
import { VN_OFFSET_MS, toVietnamIso } from '../../domain/time';
import type { Caller } from '../auth';
import type { ExportFormat } from '../register-search.schemas';
import { problems } from '../problem';
import { documentScope } from './documents.service';

export const MAX_EXPORT_ROWS = 200_000;
const BATCH_ROWS = 2_000;

type CellType = 'number' | 'instant' | 'day' | 'text';

interface Column {
  header: string;
  type: CellType;
  width: number;
  value(row: RegisterBookRow): string | number | Date | null;
}

const statusLabel = (direction: Direction, status: string): string =>
  (direction === 'incoming' ? INCOMING_STATUS_LABELS_VI[status as IncomingStatus] : OUTGOING_STATUS_LABELS_VI[status as OutgoingStatus]) ?? status;

/** The register book's columns, in the order of the paper register. */
export function registerColumns(direction: Direction): Column[] {
  const incoming = direction === 'incoming';
  return [
    { header: incoming ? 'Số đến' : 'Số đi', type: 'number', width: 9, value: (r) => r.registerNumber },
    { header: incoming ? 'Ngày đến' : 'Ngày gửi', type: 'instant', width: 17, value: (r) => r.registerAt },
    { header: 'Số, ký hiệu văn bản', type: 'text', width: 20, value: (r) => r.numberAndNotation },
    { header: 'Ngày văn bản', type: 'day', width: 12, value: (r) => r.documentDate },
    { header: incoming ? 'Nơi gửi' : 'Nơi nhận', type: 'text', width: 32, value: (r) => r.correspondents },
    { header: 'Trích yếu nội dung', type: 'text', width: 60, value: (r) => r.summary },
    { header: 'Loại văn bản', type: 'text', width: 14, value: (r) => r.typeName },
    { header: 'Độ khẩn', type: 'text', width: 12, value: (r) => URGENCY_LABELS_VI[r.urgency] ?? r.urgency },
    { header: incoming ? 'Người xử lý' : 'Người ký', type: 'text', width: 24, value: (r) => r.person },
    { header: 'Hạn xử lý', type: 'instant', width: 17, value: (r) => r.dueAt },
    { header: 'Trạng thái', type: 'text', width: 22, value: (r) => statusLabel(direction, r.status) },
  ];
}

/** 2026-05-04 → 04/05/2026. */
const vnDay = (key: string): string => key.slice(0, 10).split('-').reverse().join('/');
/** dd/MM/yyyy HH:mm in Vietnam time. */
const vnDateTime = (d: Date): string => {
  const iso = toVietnamIso(d);
  return `${vnDay(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
};

function csvText(c: Column, row: RegisterBookRow): string {
  const v = c.value(row);
  if (v === null || v === undefined) return '';
  if (c.type === 'instant') return vnDateTime(v as Date);
  if (c.type === 'day') return vnDay(String(v));
  return String(v);
}

/**
 * Spreadsheets have no time zones: a cell holds the wall-clock time. An instant is shifted to
 * Vietnam time so that the cell reads as it does in Sơn La; a document date is that calendar day.
 */
function xlsxValue(c: Column, row: RegisterBookRow): string | number | Date | null {
  const v = c.value(row);
  if (v === null || v === undefined) return null;
  if (c.type === 'instant') return new Date((v as Date).getTime() + VN_OFFSET_MS);
  if (c.type === 'day') return new Date(`${String(v).slice(0, 10)}T00:00:00Z`);
  return v;
}

const NUM_FMT: Partial<Record<CellType, string>> = { instant: 'dd/mm/yyyy hh:mm', day: 'dd/mm/yyyy', number: '0' };

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection); a "- " list dash stays. */
const csvField = (s: string) => {
  const safe = /^([=+@\t\r]|-\S)/.test(s) ? `'${s}` : s;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

class ClientGone extends Error {}

/** Writes `chunk`, waiting while the client has not taken the previous ones yet. */
async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new ClientGone('client closed the connection');
  if (out.write(chunk)) return;
  await drained(out);
}

function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ClientGone('client closed the connection'));
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}

const RFC5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

const TITLES: Record<Direction, { ascii: string; vi: string; sheet: string }> = {
  incoming: { ascii: 'so-van-ban-den', vi: 'Sổ văn bản đến', sheet: 'Sổ văn bản đến' },
  outgoing: { ascii: 'so-van-ban-di', vi: 'Sổ văn bản đi', sheet: 'Sổ văn bản đi' },
};

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function createRegisterExportService(deps: { repo: DocumentsRepository; now?: () => Date; maxRows?: number }) {
  const { repo } = deps;
  const now = deps.now ?? (() => new Date());
  const maxRows = deps.maxRows ?? MAX_EXPORT_ROWS;

  /** Every row of the filter, batch by batch. */
  async function* batches(direction: Direction, filter: DocumentFilter, caller: Caller): AsyncGenerator<RegisterBookRow[]> {
    let after: RegisterCursor | null = null;
    for (;;) {
      const rows = await repo.registerBatch(direction, filter, documentScope(caller), after, BATCH_ROWS);
      if (rows.length) yield rows;
      if (rows.length < BATCH_ROWS) return;
      after = rows[rows.length - 1]!.cursor;
    }
  }

  async function writeCsv(out: Writable, direction: Direction, filter: DocumentFilter, caller: Caller): Promise<void> {
    const columns = registerColumns(direction);
    await write(out, `\uFEFF${columns.map((c) => csvField(c.header)).join(',')}\r\n`);
    for await (const rows of batches(direction, filter, caller)) {
      await write(out, rows.map((r) => `${columns.map((c) => csvField(csvText(c, r))).join(',')}\r\n`).join(''));
    }
    out.end();
  }

  async function writeXlsx(out: Writable, direction: Direction, filter: DocumentFilter, caller: Caller): Promise<void> {
    const columns = registerColumns(direction);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Hệ thống quản lý văn bản và điều hành tỉnh Sơn La';
    workbook.created = now();
    const sheet = workbook.addWorksheet(TITLES[direction].sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ width: c.width, style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {} }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.commit();
    for await (const rows of batches(direction, filter, caller)) {
      for (const r of rows) sheet.addRow(columns.map((c) => xlsxValue(c, r))).commit();
      // The zip stream writes into `out`; let the client catch up before reading the next batch.
      if (out.destroyed) throw new ClientGone('client closed the connection');
      await drained(out);
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    await sheet.commit();
    await workbook.commit();
  }

  return {
    /** 422 when the filter matches more rows than one file may hold; otherwise how many it matches. */
    async checkSize(caller: Caller, direction: Direction, filter: DocumentFilter): Promise<number> {
      const n = await repo.countUpTo(direction, filter, documentScope(caller), maxRows);
      if (n > maxRows) {
        throw problems.unprocessable(
          `Bộ lọc khớp hơn ${maxRows.toLocaleString('vi-VN')} văn bản; hãy thu hẹp khoảng thời gian hoặc thêm điều kiện lọc rồi xuất lại (more than ${maxRows} rows match: narrow the filter)`,
          [{ path: 'filter', message: `khớp hơn ${maxRows} văn bản (matches more than ${maxRows} rows)` }],
        );
      }
      return n;
    },

    /** Content-Disposition: an ASCII `filename` for old clients and the Vietnamese `filename*`. */
    disposition(caller: Caller, direction: Direction, format: ExportFormat): string {
      const day = toVietnamIso(now()).slice(0, 10);
      const { ascii, vi } = TITLES[direction];
      const org = caller.organizationCode;
      return `attachment; filename="${ascii}_${org}_${day}.${format}"; filename*=UTF-8''${RFC5987(`${vi} ${org} ${day}.${format}`)}`;
    },

    /** Streams the register into `out` and ends it; rejects (ClientGone) when the client leaves. */
    write(out: Writable, caller: Caller, direction: Direction, filter: DocumentFilter, format: ExportFormat): Promise<void> {
      return format === 'csv' ? writeCsv(out, direction, filter, caller) : writeXlsx(out, direction, filter, caller);
    },
  };
}

export type RegisterExportService = ReturnType<typeof createRegisterExportService>;
export const isClientGone = (err: unknown): boolean => err instanceof ClientGone;
