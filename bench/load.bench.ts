/**
 * Load benchmark: BENCH_USERS (default 50) simulated back-office users of every role work the
 * whole system (scripts/lib/stack.ts: PostgreSQL, Temporal, worker and API as processes) over
 * loopback for BENCH_LOAD_SECONDS (default 300), each with their own login token and a random
 * think time of 1–3 s between steps:
 * - clerks of four connected organizations open their home page, list and search the incoming
 *   register (accent-free text), open a document and its checks, accept arrived documents and
 *   create and issue signed documents to the other organizations, so real work flows;
 * - leaders assign routed documents to a specialist of their organization, specialists complete
 *   their tasks, supervisors watch overdue work and the exchange report of their subtree, and the
 *   admin reads organizations, users, routing rules and the audit log.
 * Per endpoint (named by its template): count, 2xx/4xx/5xx/no answer, p50/p95/p99/max of the
 * successful answers; the total request rate and the API's and worker's peak RSS. A 409 (someone
 * was faster) is a normal answer under concurrency; every 5xx and every request without an answer
 * is listed with its body. Results: bench/results/load.json and a table; exit code 1 on any 5xx.
 */
import { QueryTypes } from 'sequelize';
import { connectDatabase } from '../db/database';
import { startStack, STACK_PASSWORD } from '../scripts/lib/stack';
import { ApiDriver } from './lib/lifecycle';
import { signedPdf } from './lib/signed-pdf';
import { report, summarize } from './support';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 300);
const USERS = Number(process.env.BENCH_USERS ?? 50);
/** Demo organizations with a clerk, a leader and a specialist (db/seed.ts), all connected. */
const ORGS = [
  { code: '000.00.02.H52', key: 'snv' },
  { code: '000.00.03.H52', key: 'stttt' },
  { code: '000.00.04.H52', key: 'stc' },
  { code: '000.00.37.H52', key: 'mocchau' },
];
const SUPERVISORS = [
  { username: 'giamsat.snv', root: '000.00.00.H52' },
  { username: 'giamsat.mocchau', root: '000.00.37.H52' },
  { username: 'giamsat.stttt', root: '000.00.00.H52' },
  { username: 'giamsat.vp', root: '000.00.00.H52' },
];
type Role = 'clerk' | 'leader' | 'specialist' | 'supervisor' | 'admin';
const MIX: Array<[Role, number]> = [['clerk', 0.3], ['specialist', 0.34], ['leader', 0.16], ['supervisor', 0.12], ['admin', 0.08]];
// Summaries avoid the keywords of Sở TT&TT's rule that routes straight to a specialist.
const SUMMARIES = [
  'Về việc báo cáo tình hình thực hiện kế hoạch cải cách hành chính năm 2026',
  'Về việc mời họp giao ban công tác văn thư, lưu trữ quý IV',
  'Về việc triển khai gửi, nhận văn bản điện tử liên thông',
  'Về việc góp ý dự thảo kế hoạch biên chế năm 2027',
  'Về việc tổng hợp số liệu thi đua, khen thưởng',
];
const SEARCHES = ['van ban', 'ke hoach', 'cai cach hanh chinh', 'giao ban', 'so noi vu', 'thi dua'];

interface User { n: number; role: Role; username: string; org: string; root?: string; token: string; specialists?: string[]; seq: number }
type Answer = Awaited<ReturnType<ApiDriver['request']>>;
interface Problem { action: string; path: string; status: number; ms: number; body: unknown; at: string }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const q = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&');
const vnDay = (offsetDays = 0) => new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Role counts by weight, rounded by largest remainder. */
function roleCounts(users: number): Map<Role, number> {
  const counts = new Map(MIX.map(([r, w]) => [r, Math.floor(users * w)]));
  const rest = users - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const [r] of [...MIX].sort((a, b) => ((users * b[1]) % 1) - ((users * a[1]) % 1)).slice(0, rest)) counts.set(r, counts.get(r)! + 1);
  return counts;
}

async function main(): Promise<void> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const stack = await startStack({ log });
  const problems: Problem[] = [];
  const fourxx = new Map<string, unknown[]>();
  const driver = new ApiDriver({ apiUrl: stack.apiUrl, password: STACK_PASSWORD, signedPdf: new Uint8Array() });
  let requests = 0;
  /** One request, timed under `action`; 5xx and no answer are kept with their body, a few 4xx bodies per action too. */
  const call = async (action: string, method: string, path: string, init: { token?: string; json?: unknown; form?: FormData } = {}): Promise<Answer> => {
    const a = await driver.request(action, method, path, init);
    requests += 1;
    if (a.status === 0 || a.status >= 500) problems.push({ action, path, status: a.status, ms: Math.round(a.ms), body: a.status ? a.body : 'no answer (connection error or 60 s timeout)', at: new Date().toISOString() });
    else if (a.status >= 400) {
      const key = `${action} ${a.status}`;
      const seen = fourxx.get(key) ?? [];
      if (seen.length < 3) fourxx.set(key, [...seen, { path, body: a.body }]);
    }
    return a;
  };
  const list = async <T>(u: User, action: string, path: string): Promise<T[]> => {
    const a = await call(action, 'GET', path, { token: u.token });
    return a.status === 200 && Array.isArray(a.body) ? (a.body as T[]) : [];
  };

  try {
    const pdfs = new Map<string, Uint8Array>();
    for (const o of ORGS) pdfs.set(o.code, await signedPdf(stack.signingKeysDir, o.code));
    log(`stack up: API ${stack.apiUrl}; ${USERS} users for ${SECONDS} s`);

    // ---- what each role does, one step per turn ------------------------------------------
    type Step = [weight: number, run: (u: User) => Promise<void>];
    const home = async (u: User) => void (await call('GET /api/home', 'GET', '/api/home', { token: u.token }));
    const openIncoming = async (u: User, id: string) => {
      await call('GET /api/incoming/:id', 'GET', `/api/incoming/${id}`, { token: u.token });
      await call('GET /api/incoming/:id/checks', 'GET', `/api/incoming/${id}/checks`, { token: u.token });
    };
    const clerk: Step[] = [
      [15, home],
      [15, async (u) => {
        const search = Math.random() < 0.4;
        await call(search ? 'GET /api/incoming?q' : 'GET /api/incoming', 'GET', `/api/incoming?${q({ filter: search ? { q: pick(SEARCHES) } : {}, range: [0, 24], sort: ['receivedAt', 'DESC'] })}`, { token: u.token });
      }],
      [15, async (u) => {
        const docs = await list<{ id: string }>(u, 'GET /api/incoming', `/api/incoming?${q({ range: [0, 9] })}`);
        if (docs.length) await openIncoming(u, pick(docs).id);
      }],
      [25, async (u) => {
        // Work through the reception queue: a few arrived documents, one after the other.
        const arrived = await list<{ id: string }>(u, 'GET /api/incoming?status', `/api/incoming?${q({ filter: { status: 'arrived' }, range: [0, 9] })}`);
        for (const d of arrived.sort(() => Math.random() - 0.5).slice(0, 3)) {
          await openIncoming(u, d.id);
          await call('POST /api/incoming/:id/accept', 'POST', `/api/incoming/${d.id}/accept`, { token: u.token, json: {} });
        }
      }],
      [20, async (u) => {
        const others = ORGS.filter((o) => o.code !== u.org).sort(() => Math.random() - 0.5);
        const metadata = {
          typeCode: pick(['CV', 'CV', 'TB', 'KH', 'BC']),
          documentDate: vnDay(),
          summary: `${pick(SUMMARIES)} (${u.username} #${u.n}-${++u.seq})`,
          signerPosition: 'Giám đốc',
          signerName: 'Đinh Văn Thành',
          urgency: Math.random() < 0.15 ? 'urgent' : 'normal',
          receivers: others.slice(0, 1 + Math.floor(Math.random() * 2)).map((o) => o.code),
        };
        const form = new FormData();
        form.append('metadata', JSON.stringify(metadata));
        form.append('files', new Blob([Buffer.from(pdfs.get(u.org)!)], { type: 'application/pdf' }), 'cong-van.pdf');
        const created = await call('POST /api/outgoing', 'POST', '/api/outgoing', { token: u.token, form });
        if (created.status !== 201) return;
        await sleep(500 + Math.random() * 1000);
        await call('POST /api/outgoing/:id/issue', 'POST', `/api/outgoing/${(created.body as { id: string }).id}/issue`, { token: u.token, json: {} });
      }],
      [5, async (u) => {
        const docs = await list<{ id: string }>(u, 'GET /api/outgoing', `/api/outgoing?${q({ range: [0, 9] })}`);
        if (docs.length) await call('GET /api/outgoing/:id/deliveries', 'GET', `/api/outgoing/${pick(docs).id}/deliveries`, { token: u.token });
      }],
      [5, async (u) => void (await list(u, 'GET /api/notifications', `/api/notifications?${q({ filter: { unread: true }, range: [0, 9] })}`))],
    ];
    const leader: Step[] = [
      [25, home],
      [45, async (u) => {
        const tasks = await list<{ documentId: string }>(u, 'GET /api/tasks', `/api/tasks?${q({ filter: { step: 'assignment' }, range: [0, 9] })}`);
        for (const t of tasks.sort(() => Math.random() - 0.5).slice(0, 2)) {
          await call('GET /api/incoming/:id', 'GET', `/api/incoming/${t.documentId}`, { token: u.token });
          const json = { handlerId: pick(u.specialists!), dueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(), reason: 'Giao xử lý' };
          await call('POST /api/incoming/:id/assign', 'POST', `/api/incoming/${t.documentId}/assign`, { token: u.token, json });
        }
      }],
      [10, async (u) => void (await list(u, 'GET /api/overdue', `/api/overdue?${q({ range: [0, 24] })}`))],
      [10, async (u) => void (await call('GET /api/reports/exchange', 'GET', `/api/reports/exchange?org=${u.org}&from=${vnDay(-30)}&to=${vnDay()}`, { token: u.token }))],
      [5, async (u) => void (await list(u, 'GET /api/routing-rules', `/api/routing-rules?${q({ range: [0, 24] })}`))],
      [5, async (u) => void (await list(u, 'GET /api/outgoing', `/api/outgoing?${q({ range: [0, 24] })}`))],
    ];
    const specialist: Step[] = [
      [25, home],
      [25, async (u) => void (await list(u, 'GET /api/tasks', `/api/tasks?${q({ range: [0, 24] })}`))],
      [50, async (u) => {
        const tasks = await list<{ documentId: string; direction: string }>(u, 'GET /api/tasks', `/api/tasks?${q({ filter: { step: 'processing' }, range: [0, 9] })}`);
        const t = tasks.length ? pick(tasks) : undefined;
        if (!t || t.direction !== 'incoming') return;
        await openIncoming(u, t.documentId);
        await sleep(500 + Math.random() * 1000);
        await call('POST /api/incoming/:id/complete', 'POST', `/api/incoming/${t.documentId}/complete`, { token: u.token, json: { result: 'Đã nghiên cứu, tham mưu và xử lý xong' } });
      }],
    ];
    const supervisor: Step[] = [
      [30, home],
      [25, async (u) => void (await list(u, 'GET /api/overdue', `/api/overdue?${q({ range: [0, 24] })}`))],
      [25, async (u) => void (await call('GET /api/reports/exchange', 'GET', `/api/reports/exchange?org=${u.root}&from=${vnDay(-30)}&to=${vnDay()}`, { token: u.token }))],
      [10, async (u) => void (await list(u, 'GET /api/register-entries', `/api/register-entries?${q({ filter: { register: 'incoming' }, range: [0, 24] })}`))],
      [10, async (u) => void (await list(u, 'GET /api/audit', `/api/audit?${q({ range: [0, 24] })}`))],
    ];
    const admin: Step[] = [
      [15, home],
      [20, async (u) => void (await list(u, 'GET /api/organizations', `/api/organizations?${q({ range: [0, 49] })}`))],
      [20, async (u) => void (await list(u, 'GET /api/users', `/api/users?${q({ range: [0, 24] })}`))],
      [20, async (u) => void (await list(u, 'GET /api/routing-rules', `/api/routing-rules?${q({ range: [0, 24] })}`))],
      [25, async (u) => {
        const filter = Math.random() < 0.5 ? { action: 'POST /api/incoming' } : {};
        await list(u, 'GET /api/audit', `/api/audit?${q({ filter, range: [0, 24] })}`);
      }],
    ];
    const steps: Record<Role, Step[]> = { clerk, leader, specialist, supervisor, admin };
    const choose = (xs: Step[]) => {
      let r = Math.random() * xs.reduce((a, [w]) => a + w, 0);
      for (const [w, run] of xs) if ((r -= w) < 0) return run;
      return xs[xs.length - 1][1];
    };

    // ---- the users: each logs in on its own; leaders look up their specialists once ---------
    const counts = roleCounts(USERS);
    const users: User[] = [];
    for (const [role, count] of counts) {
      for (let i = 0; i < count; i++) {
        const org = ORGS[i % ORGS.length];
        const sup = SUPERVISORS[i % SUPERVISORS.length];
        const username = role === 'admin' ? 'admin' : role === 'supervisor' ? sup.username : `${{ clerk: 'vanthu', leader: 'lanhdao', specialist: 'chuyenvien' }[role]}.${org.key}`;
        users.push({ n: users.length, role, username, org: org.code, root: sup.root, token: '', seq: 0 });
      }
    }
    for (const u of users) {
      const a = await call('POST /api/auth/login', 'POST', '/api/auth/login', { json: { username: u.username, password: STACK_PASSWORD } });
      if (a.status !== 200) throw new Error(`login ${u.username}: ${a.status} ${JSON.stringify(a.body)}`);
      u.token = (a.body as { token: string }).token;
      if (u.role === 'leader') {
        u.specialists = (await list<{ id: string }>(u, 'GET /api/colleagues', `/api/colleagues?${q({ filter: { role: 'specialist' } })}`)).map((c) => c.id);
        if (!u.specialists.length) throw new Error(`${u.username}: no specialist among colleagues`);
      }
    }
    log(`logged in: ${[...counts].map(([r, c]) => `${c} ${r}`).join(', ')}`);

    // ---- the run ---------------------------------------------------------------------------
    const t0 = Date.now();
    const end = t0 + SECONDS * 1000;
    const progress = setInterval(() => log(`  ${Math.round((Date.now() - t0) / 1000)} s: ${requests} requests, ${(requests / ((Date.now() - t0) / 1000)).toFixed(1)}/s, ${problems.length} 5xx/no answer`), 15_000);
    const before = requests;
    await Promise.all(
      users.map(async (u) => {
        await sleep(Math.random() * 3000); // users do not all start in the same millisecond
        while (Date.now() < end) {
          await choose(steps[u.role])(u);
          await sleep(1000 + Math.random() * 2000);
        }
      }),
    );
    clearInterval(progress);
    const seconds = (Date.now() - t0) / 1000;
    const rate = (requests - before) / seconds;

    // ---- what the work did to the documents ------------------------------------------------
    const db = connectDatabase(stack.databaseUrl);
    const byStatus = await db.sequelize.query<{ direction: string; status: string; n: string }>(
      'SELECT direction, status, count(*) AS n FROM documents GROUP BY direction, status ORDER BY direction, status',
      { type: QueryTypes.SELECT },
    );
    await db.close();

    const rows = [...driver.statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([endpoint, st]) => {
        const n = (pred: (s: string) => boolean) => [...st].filter(([s]) => pred(s)).reduce((a, [, c]) => a + c, 0);
        const s = summarize(driver.samples.get(endpoint) ?? []);
        return {
          endpoint,
          count: n(() => true),
          '2xx': n((x) => x.startsWith('2')),
          'conflict 409': n((x) => x === '409'),
          '4xx other': n((x) => x.startsWith('4') && x !== '409'),
          '5xx': n((x) => x.startsWith('5')),
          'no answer': n((x) => x === 'ERR'),
          p50: s.p50,
          p95: s.p95,
          p99: s.p99,
          max: s.max,
        };
      });
    const all = summarize([...driver.samples.values()].flat());
    const total = (k: keyof (typeof rows)[number]) => rows.reduce((a, r) => a + Number(r[k]), 0);
    const fivexx = total('5xx') + total('no answer');
    rows.push({ endpoint: 'ALL', count: total('count'), '2xx': total('2xx'), 'conflict 409': total('conflict 409'), '4xx other': total('4xx other'), '5xx': total('5xx'), 'no answer': total('no answer'), p50: all.p50, p95: all.p95, p99: all.p99, max: all.max });
    const memory = { apiMiB: stack.api.peakRssMiB(), workerMiB: stack.worker.peakRssMiB() };
    const restarts = { api: stack.api.unexpectedExits, worker: stack.worker.unexpectedExits };
    report('load', rows, {
      users: USERS,
      roles: Object.fromEntries(counts),
      seconds,
      requests: requests - before,
      requestsPerSecond: Math.round(rate * 10) / 10,
      latency: 'ms, successful (< 400) answers only; logins before the run are included in the counts',
      memory,
      unexpectedExits: restarts,
      documents: byStatus.map((r) => ({ ...r, n: Number(r.n) })),
      fiveXxOrNoAnswer: problems,
      fourXxSamples: Object.fromEntries(fourxx),
    });
    log(`\n${requests - before} requests in ${seconds.toFixed(0)} s = ${rate.toFixed(1)} requests/s; peak RSS API ${memory.apiMiB} MiB, worker ${memory.workerMiB} MiB`);
    log(`documents: ${byStatus.map((r) => `${r.direction}/${r.status} ${r.n}`).join(', ')}`);
    for (const [key, samples] of fourxx) log(`4xx ${key}: ${JSON.stringify((samples[0] as { body: unknown }).body).slice(0, 300)}`);
    if (fivexx || problems.length || restarts.api || restarts.worker) {
      log(`FAILED: ${problems.length} 5xx / no answer, restarts ${JSON.stringify(restarts)}`);
      for (const p of problems.slice(0, 20)) log(`  ${p.at} ${p.action} ${p.path} → ${p.status} (${p.ms} ms): ${JSON.stringify(p.body).slice(0, 500)}`);
      process.exitCode = 1;
    }
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`load bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
