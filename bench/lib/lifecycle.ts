/**
 * Drives document lifecycles through the public HTTP API the way the back office does, for the
 * lifecycle benchmark and the fault tests: the sender's clerk creates and issues a signed
 * document, the receiver's clerk accepts it once it arrived and its checks ran, the rules route
 * it to the leader, who assigns it to a specialist, who completes it.
 *
 * Every answer is counted per action and status. In `resilient` mode a step that fails because a
 * part of the system is down (no connection, 502/503/504) is repeated after a pause, and only
 * after the client looked whether the step happened after all (as a user would look at the list
 * before clicking again), and every decision carries an Idempotency-Key, so a decision whose
 * answer was lost and is sent again is carried out once: never a second document or decision.
 */
import { performance } from 'node:perf_hooks';

export const SENDER = { code: '000.00.02.H52', clerk: 'vanthu.snv' };
export const RECEIVER = { code: '000.00.03.H52', clerk: 'vanthu.stttt', leader: 'lanhdao.stttt', specialist: 'chuyenvien.stttt' };

export interface DriverOptions {
  apiUrl: string;
  password: string;
  signedPdf: Uint8Array;
  resilient?: boolean;
  /** How often the clerk's list is looked at while waiting (ms). Default 250. */
  pollMs?: number;
  /** Give up on one lifecycle after this long (ms). Default 10 minutes. */
  lifecycleTimeoutMs?: number;
}

export interface LifecycleResult {
  outgoingId: string;
  incomingId: string;
  registerNumber: number;
  /** Issue request sent → lifecycle complete, as the driver saw it. */
  totalMs: number;
  issueStartedAt: number;
}

type Answer = { status: number; body: unknown; ms: number };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DOWN = new Set([502, 503, 504]);

export class ApiDriver {
  /** Latency samples of successful answers, per action. */
  readonly samples = new Map<string, number[]>();
  /** How often each action got each status ('ERR' = no answer: connection refused or reset). */
  readonly statuses = new Map<string, Map<string, number>>();
  /** Answers that must never happen: 500s and unexpected 4xx, with what was asked. */
  readonly failures: Array<{ action: string; status: number | string; body: unknown; at: string }> = [];
  /** The first answer body of each refused action and status ("action status"), to explain the counts. */
  readonly examples = new Map<string, unknown>();
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly userIds = new Map<string, Promise<string>>();

  /** Makes the Idempotency-Keys of this driver's decisions unique across runs. */
  private readonly run = Math.random().toString(36).slice(2, 10);

  constructor(readonly opts: DriverOptions) {}

  private count(action: string, status: number | string): void {
    const m = this.statuses.get(action) ?? new Map<string, number>();
    m.set(String(status), (m.get(String(status)) ?? 0) + 1);
    this.statuses.set(action, m);
  }

  /** One HTTP request; never throws (no answer is status 0). */
  async request(action: string, method: string, path: string, init: { token?: string; json?: unknown; form?: FormData; key?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.key) headers['Idempotency-Key'] = init.key;
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) body = init.form;
    const t0 = performance.now();
    try {
      const res = await fetch(`${this.opts.apiUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
      const text = await res.text();
      const ms = performance.now() - t0;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      this.count(action, res.status);
      if (res.status >= 400 && !this.examples.has(`${action} ${res.status}`)) this.examples.set(`${action} ${res.status}`, parsed);
      if (res.status < 400) {
        const s = this.samples.get(action) ?? [];
        s.push(ms);
        this.samples.set(action, s);
      }
      if (res.status >= 500 && !DOWN.has(res.status)) this.failures.push({ action, status: res.status, body: parsed, at: new Date().toISOString() });
      return { status: res.status, body: parsed, ms };
    } catch {
      this.count(action, 'ERR');
      return { status: 0, body: null, ms: performance.now() - t0 };
    }
  }

  private unavailable(a: Answer): boolean {
    return a.status === 0 || DOWN.has(a.status) || a.status === 500;
  }

  async token(username: string): Promise<string> {
    let t = this.tokens.get(username);
    if (!t) {
      t = (async () => {
        for (;;) {
          const a = await this.request('login', 'POST', '/api/auth/login', { json: { username, password: this.opts.password } });
          if (a.status === 200) return (a.body as { token: string }).token;
          if (!this.opts.resilient || !this.unavailable(a)) throw new Error(`login ${username}: ${a.status} ${JSON.stringify(a.body)}`);
          await sleep(500);
        }
      })();
      this.tokens.set(username, t);
      t.catch(() => this.tokens.delete(username));
    }
    return t;
  }

  async userId(username: string, asUser: string): Promise<string> {
    let id = this.userIds.get(username);
    if (!id) {
      id = (async () => {
        const filter = encodeURIComponent(JSON.stringify({ q: username }));
        const a = await this.retrying('colleagues', () => this.get('colleagues', `/api/colleagues?filter=${filter}`, asUser));
        const found = (a.body as Array<{ id: string; username: string }>).find((u) => u.username === username);
        if (!found) throw new Error(`user ${username} not found among ${asUser}'s colleagues`);
        return found.id;
      })();
      this.userIds.set(username, id);
      id.catch(() => this.userIds.delete(username));
    }
    return id;
  }

  async get(action: string, path: string, username: string): Promise<Answer> {
    return this.request(action, 'GET', path, { token: await this.token(username) });
  }

  /** Repeats a read while the system is down (resilient mode). */
  private async retrying(what: string, call: () => Promise<Answer>): Promise<Answer> {
    for (;;) {
      const a = await call();
      if (a.status >= 200 && a.status < 300) return a;
      if (!this.opts.resilient || !this.unavailable(a)) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
      await sleep(500);
    }
  }

  /**
   * A step that changes something: `done()` says whether it already happened (looked at only
   * after a failed try); 409 means "not now" (the process has not reached that step yet).
   */
  private async step(action: string, done: () => Promise<boolean>, act: () => Promise<Answer>, deadline: number): Promise<Answer | null> {
    let tried = false;
    for (;;) {
      if (tried && (await done())) return null;
      if (Date.now() > deadline) throw new Error(`${action}: not done in time`);
      const a = await act();
      tried = true;
      if (a.status >= 200 && a.status < 300) return a;
      if (a.status === 409 || (this.opts.resilient && this.unavailable(a))) {
        await sleep(a.status === 409 ? 200 : 500);
        continue;
      }
      throw new Error(`${action}: ${a.status} ${JSON.stringify(a.body)}`);
    }
  }

  private async incomingState(id: string): Promise<{ status: string; registerNumber: number | null } | null> {
    const a = await this.get('incoming.get', `/api/incoming/${id}`, RECEIVER.clerk);
    if (a.status !== 200) return null;
    return a.body as { status: string; registerNumber: number | null };
  }

  private async waitIncoming(id: string, statuses: string[], deadline: number): Promise<{ status: string; registerNumber: number | null }> {
    for (;;) {
      const s = await this.incomingState(id);
      if (s && statuses.includes(s.status)) return s;
      if (Date.now() > deadline) throw new Error(`incoming ${id} did not reach ${statuses.join('/')} (is ${s?.status})`);
      await sleep(this.opts.pollMs ?? 250);
    }
  }

  /** One document from the sender's clerk to the receiver's specialist and back. */
  async lifecycle(label: string): Promise<LifecycleResult> {
    const deadline = Date.now() + (this.opts.lifecycleTimeoutMs ?? 600_000);
    const summary = `Về việc thử tải hệ thống văn bản điện tử ${label}`;
    const find = async (direction: 'outgoing' | 'incoming', username: string): Promise<{ id: string; status: string } | undefined> => {
      const filter = encodeURIComponent(JSON.stringify({ q: label }));
      const a = await this.get(`${direction}.list`, `/api/${direction}?filter=${filter}&range=${encodeURIComponent('[0,9]')}`, username);
      if (a.status !== 200) return undefined;
      return (a.body as Array<{ id: string; status: string; summary: string }>).find((d) => d.summary === summary);
    };

    // 1. The sender's clerk uploads the signed draft…
    const metadata = { typeCode: 'CV', documentDate: '2026-11-20', summary, signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', urgency: 'normal', receivers: [RECEIVER.code] };
    let outgoingId = '';
    const created = await this.step(
      'outgoing.create',
      async () => {
        const d = await find('outgoing', SENDER.clerk);
        if (d) outgoingId = d.id;
        return Boolean(d);
      },
      async () => {
        const form = new FormData();
        form.append('metadata', JSON.stringify(metadata));
        form.append('files', new Blob([Buffer.from(this.opts.signedPdf)], { type: 'application/pdf' }), 'cong-van.pdf');
        return this.request('outgoing.create', 'POST', '/api/outgoing', { token: await this.token(SENDER.clerk), form });
      },
      deadline,
    );
    if (created) outgoingId = (created.body as { id: string }).id;

    // 2. …and issues it.
    const issueStartedAt = Date.now();
    await this.step(
      'outgoing.issue',
      async () => {
        const a = await this.get('outgoing.get', `/api/outgoing/${outgoingId}`, SENDER.clerk);
        return a.status === 200 && (a.body as { status: string }).status === 'issued';
      },
      async () => this.request('outgoing.issue', 'POST', `/api/outgoing/${outgoingId}/issue`, { token: await this.token(SENDER.clerk), json: {}, key: `${this.run}:${label}:issue` }),
      deadline,
    );

    // 3. The receiver's clerk sees it arrive, checked, and accepts it (register number).
    let incoming: { id: string; status: string } | undefined;
    while (!incoming) {
      incoming = await find('incoming', RECEIVER.clerk);
      if (incoming && incoming.status === 'in_transit') incoming = undefined;
      if (!incoming) {
        if (Date.now() > deadline) throw new Error(`${label}: never arrived`);
        await sleep(this.opts.pollMs ?? 250);
      }
    }
    const incomingId = incoming.id;
    const accepted = await this.step(
      'incoming.accept',
      async () => ['accepted', 'routed', 'processing', 'completed'].includes((await this.incomingState(incomingId))?.status ?? ''),
      async () => this.request('incoming.accept', 'POST', `/api/incoming/${incomingId}/accept`, { token: await this.token(RECEIVER.clerk), json: {}, key: `${this.run}:${label}:accept` }),
      deadline,
    );
    let registerNumber = (accepted?.body as { registerNumber?: number } | undefined)?.registerNumber ?? 0;

    // 4. The rules route it to the leader, who assigns the specialist.
    await this.waitIncoming(incomingId, ['routed', 'processing', 'completed'], deadline);
    const handlerId = await this.userId(RECEIVER.specialist, RECEIVER.leader);
    await this.step(
      'incoming.assign',
      async () => ['processing', 'completed'].includes((await this.incomingState(incomingId))?.status ?? ''),
      async () => this.request('incoming.assign', 'POST', `/api/incoming/${incomingId}/assign`, { token: await this.token(RECEIVER.leader), json: { handlerId }, key: `${this.run}:${label}:assign` }),
      deadline,
    );

    // 5. The specialist completes it.
    await this.step(
      'incoming.complete',
      async () => (await this.incomingState(incomingId))?.status === 'completed',
      async () => this.request('incoming.complete', 'POST', `/api/incoming/${incomingId}/complete`, { token: await this.token(RECEIVER.specialist), json: { result: 'Đã xử lý xong' }, key: `${this.run}:${label}:complete` }),
      deadline,
    );
    if (!registerNumber) registerNumber = (await this.incomingState(incomingId))?.registerNumber ?? 0;
    return { outgoingId, incomingId, registerNumber, totalMs: Date.now() - issueStartedAt, issueStartedAt };
  }
}

/** Runs `count` jobs with at most `concurrency` at once; results in order, errors collected. */
export async function pool<T>(count: number, concurrency: number, job: (i: number) => Promise<T>): Promise<Array<T | Error>> {
  const results: Array<T | Error> = new Array(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      try {
        results[i] = await job(i);
      } catch (err) {
        results[i] = err instanceof Error ? err : new Error(String(err));
      }
    }
  });
  await Promise.all(lanes);
  return results;
}
