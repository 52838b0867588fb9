/**
 * The registers at the size of a province (R-DOC-1; QĐ 2588 Article 3.8 "quản lý và tra cứu"):
 * one million incoming documents with their incoming register entries, spread over the demo
 * organizations (the provincial People's Committee busiest) and three years, with Vietnamese
 * summaries built from word lists — then the latency, p50/p95 over BENCH_RUNS runs, of what the
 * back office asks through the repositories the API uses:
 * - number lookup: "số, ký hiệu" typed in the search box (`q`), and the register number filter;
 * - accent-insensitive summary search ("chuyen doi so" finds "chuyển đổi số"), page 1, 25 rows;
 * - date range + status filter in register order, page 1 and page 400;
 * - the register-entries search of the same words;
 * - the export of 10 000 rows, CSV and XLSX (streamed in keyset batches to a sink).
 * Each list query includes its total (exact up to 10 000, an estimate beyond). Prints a table,
 * writes bench/results/register-search.json.
 *
 * `npx tsx bench/register-search.bench.ts` (or `npm run bench register-search`). BENCH_DOCUMENTS
 * (default 1000000) and BENCH_RUNS (default 200) change the size; BENCH_EXPLAIN=1 prints the
 * plan of each query (EXPLAIN ANALYZE), to check the indexes of migration 0013 are used.
 *
 * Loading drops the secondary indexes of `documents` and `register_entries` and recreates them
 * from their own definitions afterwards (as a bulk load would), so what is measured is exactly
 * the schema the migrations make.
 */
import { Writable } from 'node:stream';
import { QueryTypes } from 'sequelize';
import type { Caller } from '../api/auth';
import { createRegisterExportService } from '../api/services/register-export.service';
import type { Database } from '../db/database';
import { createDocumentsRepository, type DocumentFilter, type DocumentScope } from '../db/repositories/documents.repository';
import type { Page } from '../db/repositories/paging';
import { createRegistersRepository } from '../db/repositories/registers.repository';
import { seed } from '../db/seed';
import { report, summarize, withDatabase } from './support';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const BATCH = 100_000;
const DAYS = 3 * 365;
const PROVINCE = '000.00.00.H52';

// Word lists of the summaries: "Về việc <action> <subject> <scope>, năm <year>".
const ACTIONS = [
  'triển khai', 'tăng cường', 'hướng dẫn thực hiện', 'báo cáo kết quả', 'đôn đốc thực hiện', 'góp ý dự thảo', 'tổ chức kiểm tra',
  'phê duyệt kế hoạch', 'tổng kết', 'rà soát, đánh giá', 'chấn chỉnh', 'đẩy mạnh', 'đề nghị cung cấp thông tin', 'tuyên truyền',
];
const SUBJECTS = [
  'chuyển đổi số', 'cải cách hành chính', 'phòng, chống thiên tai', 'phòng chống lũ quét, sạt lở đất', 'văn bản điện tử',
  'chữ ký số chuyên dùng', 'xây dựng nông thôn mới', 'giảm nghèo bền vững', 'bảo vệ rừng', 'an toàn giao thông', 'tiêm chủng mở rộng',
  'quản lý đất đai', 'thu ngân sách nhà nước', 'tuyển dụng công chức', 'thi đua khen thưởng', 'an toàn thông tin mạng',
  'dịch vụ công trực tuyến', 'phát triển cây ăn quả', 'du lịch cộng đồng', 'giáo dục nghề nghiệp', 'phòng cháy, chữa cháy',
  'hệ thống quản lý văn bản và điều hành', 'kết nối liên thông văn bản', 'chỉ số hài lòng của người dân',
];
const SCOPES = [
  'trên địa bàn tỉnh', 'tại các xã vùng cao', 'trong cơ quan hành chính nhà nước', 'quý I', 'quý II', 'quý III', 'quý IV',
  '6 tháng đầu năm', 'giai đoạn 2021–2025', 'tại huyện Mộc Châu', 'tại thành phố Sơn La', 'các huyện biên giới',
];
const OUTSIDE_SENDERS = ['Văn phòng Chính phủ', 'Bộ Nội vụ', 'Bộ Thông tin và Truyền thông', 'Bộ Tài chính', 'Bộ Kế hoạch và Đầu tư', 'Tỉnh ủy Sơn La'];
/** What the clerk types: summary words without accents. */
const SEARCHES = ['chuyen doi so', 'van ban dien tu', 'phong chong lu quet', 'cai cach hanh chinh', 'so noi vu', 'chu ky so', 'bao ve rung', 'du lich cong dong'];

const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')}]`;

async function exec(db: Database, sql: string, bind: unknown[] = []): Promise<void> {
  await db.sequelize.query(sql, { bind });
}
async function all<T extends object>(db: Database, sql: string, bind: unknown[] = []): Promise<T[]> {
  return db.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });
}

/**
 * Stage the documents: organization skewed towards the first codes (the provincial People's
 * Committee gets about a fifth), receipt time over three years, register number per
 * organization and year in receipt order, everything else from the word lists.
 */
export async function stage(db: Database): Promise<void> {
  await exec(
    db,
    `CREATE UNLOGGED TABLE bench_docs AS
     WITH orgs AS (SELECT array_agg(code ORDER BY code) AS codes, array_agg(name ORDER BY code) AS names, array_agg(short_name ORDER BY code) AS shorts FROM organizations),
          types AS (SELECT array_agg(code ORDER BY sort_order) AS codes, array_agg(coalesce(abbreviation, '') ORDER BY sort_order) AS abbrs,
                           array_agg(name ORDER BY sort_order) AS names FROM document_types),
          users AS (SELECT array_agg(id ORDER BY username) AS ids FROM users),
          g AS (
            SELECT i, random() AS r1, random() AS r2, random() AS r3,
                   now() - (random() * ${DAYS} * interval '1 day') AS received_at,
                   1 + floor(power(random(), 2) * (SELECT cardinality(codes) FROM orgs))::int AS org_ix,
                   1 + floor(random() * (SELECT cardinality(codes) FROM orgs))::int AS sender_ix,
                   1 + (i * 7) % 12 AS type_ix
              FROM generate_series(1, ${DOCUMENTS}) i
          )
     SELECT i, md5('bench-register-' || i)::uuid AS id, o.codes[org_ix] AS org, received_at, extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year,
            t.codes[type_ix] AS type_code, t.names[type_ix] AS type_name,
            (1 + (i * 31) % 4999)::text || '/' || CASE WHEN t.abbrs[type_ix] = '' THEN '' ELSE t.abbrs[type_ix] || '-' END
              || CASE WHEN r3 < 0.1 THEN 'BNV' ELSE o.shorts[sender_ix] END AS number_and_notation,
            (received_at - (1 + floor(r2 * 5)) * interval '1 day')::date AS document_date,
            CASE WHEN r3 < 0.1 THEN (${sqlArray(OUTSIDE_SENDERS)})[1 + i % ${OUTSIDE_SENDERS.length}] ELSE o.names[sender_ix] END AS sender_name,
            'Về việc ' || (${sqlArray(ACTIONS)})[1 + i % ${ACTIONS.length}] || ' ' || (${sqlArray(SUBJECTS)})[1 + (i / 7) % ${SUBJECTS.length}] || ' '
              || (${sqlArray(SCOPES)})[1 + (i / 3) % ${SCOPES.length}] || ', năm ' || extract(year FROM received_at)::int AS summary,
            CASE WHEN r1 < 0.85 THEN 'normal' WHEN r1 < 0.95 THEN 'urgent' WHEN r1 < 0.99 THEN 'very_urgent' ELSE 'express' END AS urgency,
            CASE WHEN received_at > now() - interval '3 days' AND r2 < 0.5 THEN 'arrived'
                 WHEN r2 < 0.02 THEN 'refused'
                 WHEN received_at > now() - interval '30 days' THEN (ARRAY['accepted', 'routed', 'processing'])[1 + i % 3]
                 ELSE 'completed' END AS status,
            (SELECT ids FROM users)[1 + i % greatest(1, (SELECT cardinality(ids) FROM users))] AS handler_id,
            received_at + interval '10 days' AS due_at
       FROM g, orgs o, types t`,
  );
  await exec(db, `ALTER TABLE bench_docs ADD COLUMN register_number int`);
  await exec(
    db,
    `UPDATE bench_docs b SET register_number = n.rn
       FROM (SELECT id, row_number() OVER (PARTITION BY org, year ORDER BY received_at, id) AS rn FROM bench_docs WHERE status NOT IN ('arrived', 'refused')) n
      WHERE n.id = b.id`,
  );
}

/** Drops the secondary indexes of `table`, runs `load`, recreates them from their definitions. */
async function withoutIndexes(db: Database, table: string, load: () => Promise<void>): Promise<void> {
  const defs = await all<{ indexname: string; indexdef: string }>(
    db,
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.tablename = $1 AND i.schemaname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  for (const d of defs) await exec(db, `DROP INDEX ${d.indexname}`);
  await load();
  for (const d of defs) await exec(db, d.indexdef);
}

export async function load(db: Database): Promise<void> {
  await withoutIndexes(db, 'documents', async () => {
    for (let start = 1; start <= DOCUMENTS; start += BATCH) {
      await exec(
        db,
        `INSERT INTO documents (id, direction, organization_code, number_and_notation, document_date, type_code, summary, urgency, sender_name,
                                received_at, due_at, status, intake, legal_validity, register_number, main_handler_id, created_at, checks)
         SELECT id, 'incoming', org, number_and_notation, document_date, type_code, summary, urgency, sender_name,
                received_at, due_at, status, 'electronic', 'legally_valid', register_number,
                CASE WHEN status IN ('processing', 'completed') THEN handler_id END, received_at, '{"ok": true}'::jsonb
           FROM bench_docs WHERE i BETWEEN $1 AND $2`,
        [start, start + BATCH - 1],
      );
    }
  });
  await exec(
    db,
    `INSERT INTO register_counters (organization_code, register, year, next_number)
     SELECT org, 'incoming', year, max(register_number) + 1 FROM bench_docs WHERE register_number IS NOT NULL GROUP BY org, year`,
  );
  await withoutIndexes(db, 'register_entries', async () => {
    for (let start = 1; start <= DOCUMENTS; start += BATCH) {
      await exec(
        db,
        `INSERT INTO register_entries (organization_code, register, year, number, idempotency_key, document_id, registered_at, registered_by, details)
         SELECT org, 'incoming', year, register_number, 'bench:' || i, id, received_at, handler_id,
                jsonb_build_object('arrivedAt', received_at, 'senderName', sender_name, 'numberAndNotation', number_and_notation,
                                   'documentDate', document_date::text, 'typeCode', type_code, 'typeName', type_name, 'summary', summary, 'urgency', urgency)
           FROM bench_docs WHERE register_number IS NOT NULL AND i BETWEEN $1 AND $2`,
        [start, start + BATCH - 1],
      );
    }
  });
  await exec(db, 'DROP TABLE bench_docs');
  await exec(db, 'VACUUM ANALYZE documents');
  await exec(db, 'VACUUM ANALYZE register_entries');
}

async function time(fn: (run: number) => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < 3; i += 1) await fn(i); // warm caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** A sink that takes whatever it is given, as a fast client would. */
class Sink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

function vnDay(offsetDays: number): string {
  return new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  await withDatabase(async (db) => {
    await seed(db, { provinceCode: PROVINCE, demoPassword: 'bench-password-1', withDemoUsers: true });
    const t0 = performance.now();
    await stage(db);
    await load(db);
    const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const [{ busiest, n }] = await all<{ busiest: string; n: string }>(
      db,
      `SELECT organization_code AS busiest, count(*) AS n FROM documents GROUP BY organization_code ORDER BY count(*) DESC LIMIT 1`,
    );
    process.stderr.write(`loaded ${DOCUMENTS} documents and their register entries in ${loadSeconds} s; busiest register: ${busiest} (${n} documents)\n`);

    const scope: DocumentScope = { kind: 'organization', code: busiest };
    const clerk: Caller = { id: '00000000-0000-0000-0000-000000000000', username: 'bench', fullName: 'Bench', organizationCode: busiest, supervisesCode: null, roles: ['clerk'] };
    const page = (n: number, sortField = 'urgency', sortOrder: 'ASC' | 'DESC' = 'DESC'): Page => ({ offset: (n - 1) * 25, limit: 25, sortField, sortOrder });

    // Numbers and notations of this register, to look up one after another.
    const samples = await all<{ number_and_notation: string; register_number: number }>(
      db,
      `SELECT number_and_notation, register_number FROM documents WHERE organization_code = $1 AND register_number IS NOT NULL ORDER BY md5(id::text) LIMIT 300`,
      [busiest],
    );
    // A date range and status with about 10 000 rows, for paging and the export.
    const [{ days }] = await all<{ days: number }>(
      db,
      `SELECT ceil(10000.0 / greatest(1, count(*) / ${DAYS}.0))::int AS days FROM documents WHERE organization_code = $1 AND status = 'completed'`,
      [busiest],
    );
    const range: DocumentFilter = { from: vnDay(-60 - days), to: vnDay(-61), status: 'completed' };

    type Outcome = { rows: number; total?: string };
    /** The cases, over repositories of `on` (the database, or a wrapper that records the SQL for EXPLAIN). */
    const casesOn = (on: Database): Array<{ name: string; run: (i: number) => Promise<Outcome>; runs?: number; explain?: boolean }> => {
      const documents = createDocumentsRepository(on);
      const registers = createRegistersRepository(on);
      const exports = createRegisterExportService({ repo: documents });
      const list = async (filter: DocumentFilter, p: Page): Promise<Outcome> => {
        const r = await documents.listDocuments('incoming', filter, p, scope);
        return { rows: r.rows.length, total: `${r.total}${r.estimated ? ' (est.)' : ''}` };
      };
      const exportCase = (format: 'csv' | 'xlsx') => ({
        name: `export ${format.toUpperCase()}, date range + status`,
        runs: format === 'csv' ? RUNS : Math.max(10, Math.round(RUNS / 4)),
        run: async (): Promise<Outcome> => {
          const sink = new Sink();
          const n = await exports.checkSize(clerk, 'incoming', range);
          await exports.write(sink, clerk, 'incoming', range, format);
          return { rows: n, total: `${Math.round(sink.bytes / 1024)} KiB` };
        },
      });
      return [
        { name: 'number lookup: q = số, ký hiệu', explain: true, run: (i) => list({ q: samples[i % samples.length]!.number_and_notation }, page(1)) },
        { name: 'number lookup: số đến filter', explain: true, run: (i) => list({ registerNumber: samples[i % samples.length]!.register_number }, page(1)) },
        { name: 'summary search, no accents, page 1', explain: true, run: (i) => list({ q: SEARCHES[i % SEARCHES.length] }, page(1)) },
        { name: 'summary search, no accents, register order, page 1', run: (i) => list({ q: SEARCHES[i % SEARCHES.length] }, page(1, 'registerAt')) },
        { name: 'date range + status, page 1', run: () => list(range, page(1, 'registerAt')) },
        { name: 'date range + status, page 400', explain: true, run: () => list(range, page(400, 'registerAt')) },
        { name: 'register, no filter, page 1 (default order)', explain: true, run: () => list({}, page(1)) },
        {
          name: 'register-entries: summary search, page 1',
          explain: true,
          run: async (i) => {
            const r = await registers.listEntries({ q: SEARCHES[i % SEARCHES.length], register: 'incoming' }, page(1, 'registeredAt'), scope);
            return { rows: r.rows.length, total: `${r.total}${r.estimated ? ' (est.)' : ''}` };
          },
        },
        exportCase('csv'),
        exportCase('xlsx'),
      ];
    };

    for (const c of casesOn(db)) {
      let last: Outcome = { rows: 0 };
      const s = summarize(await time(async (i) => (last = await c.run(i)), c.runs));
      rows.push({ query: c.name, runs: s.n, rows: last.rows, total: last.total ?? '', p50Ms: s.p50, p95Ms: s.p95, maxMs: s.max });
    }

    if (EXPLAIN) {
      // Each statement the repositories send for a case, explained as it ran (first search word, first number).
      const captured: Array<{ sql: string; bind: unknown[] }> = [];
      const recording: Database = {
        ...db,
        sequelize: new Proxy(db.sequelize, {
          get: (target, prop) =>
            prop === 'query'
              ? (sql: string, opts: { bind?: unknown[] }) => {
                  captured.push({ sql, bind: opts?.bind ?? [] });
                  return target.query(sql, opts as never);
                }
              : Reflect.get(target, prop),
        }),
      };
      for (const c of casesOn(recording).filter((x) => x.explain)) {
        captured.length = 0;
        await c.run(0);
        for (const q of captured.filter((x) => !x.sql.trimStart().startsWith('EXPLAIN'))) {
          const plan = await all<{ 'QUERY PLAN': string }>(db, `EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF) ${q.sql}`, q.bind);
          process.stderr.write(`\n--- ${c.name}\n${q.sql.replace(/\s+/g, ' ').slice(0, 160)}…\n${plan.map((p) => p['QUERY PLAN']).join('\n')}\n`);
        }
      }
    }
    rows.push({ query: `(load: ${DOCUMENTS} documents + entries)`, runs: 1, rows: Number(n), total: `busiest ${busiest}`, p50Ms: loadSeconds * 1000, p95Ms: loadSeconds * 1000, maxMs: loadSeconds * 1000 });
  });
  report('register-search', rows);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
