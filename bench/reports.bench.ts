/**
 * Statistics at scale (R-RPT-1, R-RPT-2): one million documents across the demo organization
 * tree (plus synthetic communes, so the tree has the size of a real province), generated with
 * INSERT … SELECT generate_series through the real triggers of migration 0011, then the latency
 * of the report the API runs (`reports.service` → `reports.repository`), p50/p95:
 * - province-wide, one month and one year;
 * - a commune drill-down (a district's subtree one level further down: the commune itself), one
 *   month and one year;
 * and, for contrast, the same province-wide year computed straight from `documents`.
 * Also checked: the trigger-maintained summary equals a rebuild from scratch.
 *
 * `tsx bench/reports.bench.ts` (or `npm run bench reports`). BENCH_DOCUMENTS (default 1000000),
 * BENCH_RUNS (default 40) and BENCH_COMMUNES_PER_DISTRICT (default 12) change the size;
 * BENCH_EXPLAIN=1 also prints the plan of the province-wide year as the repository runs it.
 */
import { QueryTypes } from 'sequelize';
import type { Caller } from '../api/auth';
import { createReportsService } from '../api/services/reports.service';
import type { Database } from '../db/database';
import { createReportsRepository } from '../db/repositories/reports.repository';
import { seed } from '../db/seed';
import { report, summarize, withDatabase } from './support';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const COMMUNES_PER_DISTRICT = Number(process.env.BENCH_COMMUNES_PER_DISTRICT ?? 12);
const BATCH = 100_000;
const DAYS = 730;
const PROVINCE = '000.00.00.H52';
const MOC_CHAU = '000.00.37.H52';
const CHIENG_SON = '000.02.37.H52';

const admin: Caller = { id: '00000000-0000-0000-0000-000000000000', username: 'bench', fullName: 'Bench', organizationCode: PROVINCE, supervisesCode: null, roles: ['admin'] };

async function exec(db: Database, sql: string, bind: unknown[] = []): Promise<void> {
  await db.sequelize.query(sql, { bind });
}
async function one<T extends object>(db: Database, sql: string, bind: unknown[] = []): Promise<T> {
  const [row] = await db.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });
  return row;
}

/** 12 communes under each district (codes 000.KK.JJ.H52, KK from 10), half of them connected. */
async function addCommunes(db: Database): Promise<void> {
  await exec(
    db,
    `INSERT INTO organizations (code, parent_code, name, short_name, kind, connection_state, connected_at)
     SELECT '000.' || lpad(k::text, 2, '0') || '.' || substr(d.code, 8), d.code, 'UBND xã ' || k || ' thuộc ' || d.name, 'UBND', 'commune',
            CASE WHEN k % 2 = 0 THEN 'connected' ELSE 'not_connected' END, CASE WHEN k % 2 = 0 THEN now() END
       FROM organizations d CROSS JOIN generate_series(10, 9 + $1::int) k
      WHERE d.kind = 'district'
     ON CONFLICT DO NOTHING`,
    [COMMUNES_PER_DISTRICT],
  );
}

/**
 * One batch of documents, numbered from `start`, over the last two years: 35 % outgoing (1–3
 * receivers, 8 % of them on paper; 2 % recalled a day later), 65 % incoming (6 % paper intake,
 * 4 % paper accompanies; 3 % refused; of those received in the last 20 days half are still open
 * with a processing task — those older than 10 days past due —, every other one completed within
 * 1–400 hours of a 10-day deadline, so about one in ten late).
 */
async function insertBatch(db: Database, start: number, count: number): Promise<void> {
  await exec(
    db,
    `WITH orgs AS (SELECT array_agg(code ORDER BY code) AS codes FROM organizations),
     g AS (
       SELECT i, (SELECT codes FROM orgs) AS codes,
              now() - (random() * ${DAYS} * interval '1 day') AS t, random() AS r1, random() AS r2, random() AS r3
         FROM generate_series($1::int, $1::int + $2::int - 1) i
     ),
     d AS (
       SELECT i, codes[1 + (i::bigint * 7919) % cardinality(codes)] AS org, t, r1, r2, r3, (i % 20) < 7 AS outgoing FROM g
     )
     INSERT INTO documents (id, direction, organization_code, summary, status, intake, issued_at, sent_at, received_at, due_at,
                            completed_at, recalled_at, urgency, created_at)
     SELECT md5('bench-doc-' || i)::uuid,
            CASE WHEN outgoing THEN 'outgoing' ELSE 'incoming' END,
            org, 'Văn bản thử nghiệm số ' || i,
            CASE WHEN outgoing THEN (CASE WHEN r1 < 0.02 THEN 'recalled' ELSE 'issued' END)
                 WHEN r1 < 0.03 THEN 'refused' WHEN t > now() - interval '20 days' AND r1 >= 0.5 THEN 'processing' ELSE 'completed' END,
            CASE WHEN outgoing OR r2 >= 0.10 THEN 'electronic' WHEN r2 < 0.06 THEN 'paper' ELSE 'paper_accompanies' END,
            CASE WHEN outgoing THEN t END,
            CASE WHEN outgoing THEN t END,
            CASE WHEN NOT outgoing THEN t END,
            CASE WHEN NOT outgoing AND r1 >= 0.03 THEN t + interval '240 hours' END,
            CASE WHEN NOT outgoing AND r1 >= 0.03 AND NOT (t > now() - interval '20 days' AND r1 >= 0.5) THEN least(now(), t + (1 + r3 * 399) * interval '1 hour') END,
            CASE WHEN outgoing AND r1 < 0.02 THEN least(now(), t + interval '1 day') END,
            'normal', t
       FROM d`,
    [start, count],
  );
  // Receivers of the outgoing documents: 1–3 each, channel paper for 8 % of them.
  await exec(
    db,
    `WITH orgs AS (SELECT array_agg(code ORDER BY code) AS codes FROM organizations)
     INSERT INTO document_receivers (document_id, receiver_code, channel, status, status_at)
     SELECT md5('bench-doc-' || i)::uuid, (SELECT codes FROM orgs)[1 + ((i + n * 31)::bigint * 104729) % (SELECT cardinality(codes) FROM orgs)],
            CASE WHEN random() < 0.08 THEN 'paper' ELSE 'internal' END, 'sent', now()
       FROM generate_series($1::int, $1::int + $2::int - 1) i CROSS JOIN generate_series(0, i % 3) n
      WHERE (i % 20) < 7
     ON CONFLICT DO NOTHING`,
    [start, count],
  );
  // Open processing tasks of the incoming documents still being processed.
  await exec(
    db,
    `INSERT INTO tasks (document_id, organization_code, kind, assignee_role, status, due_at, dedupe_key)
     SELECT id, organization_code, 'processing', 'specialist', 'open', due_at, 'bench-task-' || id
       FROM documents WHERE id IN (SELECT md5('bench-doc-' || i)::uuid FROM generate_series($1::int, $1::int + $2::int - 1) i)
        AND direction = 'incoming' AND status = 'processing'`,
    [start, count],
  );
}

function vnDay(offsetDays: number): string {
  return new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < 3; i += 1) await fn(); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function main(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  await withDatabase(async (db) => {
    await seed(db, { provinceCode: PROVINCE, demoPassword: 'unused-password-1', withDemoUsers: false });
    await addCommunes(db);
    const { n: organizations } = await one<{ n: string }>(db, 'SELECT count(*) AS n FROM organizations');

    const t0 = performance.now();
    for (let start = 1; start <= DOCUMENTS; start += BATCH) {
      await insertBatch(db, start, Math.min(BATCH, DOCUMENTS - start + 1));
      process.stderr.write(`  ${Math.min(start + BATCH - 1, DOCUMENTS)} documents\n`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    await exec(db, 'VACUUM ANALYZE');
    const counts = await one<{ documents: string; receivers: string; open_tasks: string; summary_rows: string }>(
      db,
      `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM document_receivers) AS receivers,
              (SELECT count(*) FROM tasks WHERE status = 'open') AS open_tasks, (SELECT count(*) FROM report_daily_summaries) AS summary_rows`,
    );

    // The triggers' summary must equal a recomputation from the documents.
    const kept = await one<{ s: string }>(db, `SELECT md5(string_agg(x::text, ',' ORDER BY organization_code, day)) AS s FROM report_daily_summaries x WHERE (sent_electronic, sent_paper, received_electronic, received_paper, refused, recalled, completed_on_time, completed_late, processing_seconds, processing_count) <> (0,0,0,0,0,0,0,0,0,0)`);
    await exec(db, 'SELECT report_summaries_rebuild()');
    const rebuilt = await one<{ s: string }>(db, `SELECT md5(string_agg(x::text, ',' ORDER BY organization_code, day)) AS s FROM report_daily_summaries x`);
    await exec(db, 'VACUUM ANALYZE report_daily_summaries');

    const service = createReportsService({ repo: createReportsRepository(db) });
    const month = { from: vnDay(-30), to: vnDay(0) };
    const year = { from: vnDay(-365), to: vnDay(0) };
    const cases: Array<[string, string, { from: string; to: string }]> = [
      ['province, 1 month', PROVINCE, month],
      ['province, 1 year', PROVINCE, year],
      ['district drill-down, 1 month', MOC_CHAU, month],
      ['commune drill-down, 1 month', CHIENG_SON, month],
      ['commune drill-down, 1 year', CHIENG_SON, year],
    ];
    let provinceYear: Awaited<ReturnType<typeof service.exchange>> | undefined;
    for (const [name, org, period] of cases) {
      const samples = await time(async () => {
        const r = await service.exchange(admin, { org, ...period });
        if (name === 'province, 1 year') provinceYear = r;
      });
      const s = summarize(samples);
      rows.push({ query: name, runs: s.n, p50Ms: s.p50, p95Ms: s.p95, maxMs: s.max });
    }

    // Contrast: the same province-wide year straight from the documents (no summary table).
    const direct = await time(() =>
      db.sequelize.query(
        `SELECT count(*) FILTER (WHERE direction = 'outgoing' AND issued_at >= $1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND issued_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS sent,
                count(*) FILTER (WHERE direction = 'incoming' AND received_at >= $1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND received_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS received,
                count(*) FILTER (WHERE completed_at >= $1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND completed_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS completed,
                organization_code
           FROM documents GROUP BY organization_code`,
        { bind: [year.from, year.to], type: QueryTypes.SELECT },
      ),
      Math.min(RUNS, 10),
    );
    const d = summarize(direct);
    rows.push({ query: 'contrast: province, 1 year, straight from documents', runs: d.n, p50Ms: d.p50, p95Ms: d.p95, maxMs: d.max });

    // Write path: a completion moves the document between summary rows (row trigger); an update
    // of a column no report counts skips the trigger (WHEN clause).
    const ids = await db.sequelize.query<{ id: string }>("SELECT id FROM documents WHERE direction = 'incoming' AND status = 'processing' LIMIT 200", { type: QueryTypes.SELECT });
    for (const [name, sql] of [
      ['write: complete one document (summary moved)', "UPDATE documents SET status = 'completed', completed_at = now(), updated_at = now() WHERE id = $1"],
      ['write: touch one document (nothing counted)', 'UPDATE documents SET updated_at = now() WHERE id = $1'],
    ]) {
      const writes: number[] = [];
      for (const { id } of ids) {
        const t1 = performance.now();
        await exec(db, sql, [id]);
        writes.push(performance.now() - t1);
      }
      const w = summarize(writes);
      rows.push({ query: name, runs: w.n, p50Ms: w.p50, p95Ms: w.p95, maxMs: w.max });
    }

    if (process.env.BENCH_EXPLAIN) {
      // The plan of the province-wide year, as the repository runs it.
      const query = db.sequelize.query.bind(db.sequelize);
      let shown = false;
      (db.sequelize as unknown as { query: typeof query }).query = ((sql: string, opts: object) => {
        if (shown || !sql.includes('WITH RECURSIVE')) return query(sql, opts);
        shown = true;
        return query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, opts).then((r) => {
          process.stderr.write(`${(r as Array<Record<string, string>>).map((x) => x['QUERY PLAN']).join('\n')}\n`);
          return query(sql, opts);
        });
      }) as typeof query;
      await service.exchange(admin, { org: PROVINCE, ...year });
      (db.sequelize as unknown as { query: typeof query }).query = query;
    }
    const plan = await db.sequelize.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT organization_code FROM report_daily_summaries s WHERE s.org_path LIKE $1 AND s.day BETWEEN $2::date AND $3::date`,
      { bind: ['H52.37.02.%', month.from, month.to], type: QueryTypes.SELECT },
    );
    process.stderr.write(`\n${JSON.stringify(counts)} organizations=${organizations} load=${loadSeconds.toFixed(1)} s\n`);
    process.stderr.write(`summary kept by triggers ${kept.s === rebuilt.s ? 'EQUALS' : 'DIFFERS FROM'} the rebuild\n`);
    process.stderr.write(`province year: sent ${provinceYear?.total.sent}, received ${provinceYear?.total.received}, overdue now ${provinceYear?.total.overdueNow}\n`);
    process.stderr.write(`commune drill-down plan:\n${plan.map((p) => `  ${p['QUERY PLAN']}`).join('\n')}\n`);
    rows.push({ query: `setup: ${counts.documents} documents, ${counts.receivers} receivers, ${counts.open_tasks} open tasks, ${organizations} organizations → ${counts.summary_rows} summary rows; load ${loadSeconds.toFixed(1)} s; summary ${kept.s === rebuilt.s ? 'equals' : 'DIFFERS FROM'} rebuild`, runs: 0, p50Ms: 0, p95Ms: 0, maxMs: 0 });
  });
  report('reports', rows);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
