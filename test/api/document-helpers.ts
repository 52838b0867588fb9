/**
 * Shared by the document API suites: a test system whose API and worker trust the test PKI (and
 * whose UBND may sign on the server), logins by demo user name, and multipart uploads of drafts
 * and paper documents the way the back office sends them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { PASSPHRASE, makePdf, signAs, testPki, toP12, type TestPki } from '../support/pki';
import { DEMO_PASSWORD, startTestSystem, type TestSystem } from '../support/app';

export const UBND = '000.00.00.H52';
export const SNV = '000.00.02.H52';
export const STTTT = '000.00.03.H52';
export const STC = '000.00.04.H52';
export const MOC_CHAU = '000.00.37.H52';
export const CHIENG_SON = '000.02.37.H52';
/** Sốp Cộp is not connected: documents to it take the paper path (R-CONN-3). */
export const SOP_COP = '000.00.41.H52';
export const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;

export interface DocumentTestSystem {
  sys: TestSystem;
  pki: TestPki;
  signedPdf: Buffer;
  unsignedPdf: Buffer;
  as(username: string): Promise<{ Authorization: string }>;
  userId(username: string): Promise<string>;
  q<T extends object>(sql: string, replacements?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startDocumentSystem(): Promise<DocumentTestSystem> {
  const pki = testPki();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-api-documents-'));
  const trust = { trustAnchorsDir: path.join(tmp, 'anchors'), signingKeysDir: path.join(tmp, 'keys') };
  fs.mkdirSync(trust.trustAnchorsDir);
  fs.mkdirSync(trust.signingKeysDir);
  fs.writeFileSync(path.join(trust.trustAnchorsDir, 'root.pem'), pki.root.pem);
  fs.writeFileSync(path.join(trust.signingKeysDir, `${UBND}.p12`), toP12(pki.organization));
  fs.writeFileSync(path.join(trust.signingKeysDir, `${UBND}.pass`), `${PASSPHRASE}\n`);
  const sys = await startTestSystem({ activities: { trust } });
  const unsignedPdf = Buffer.from(await makePdf());
  const signedPdf = Buffer.from(await signAs(unsignedPdf, pki.person));
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();
  const q = <T extends object>(sql: string, replacements: unknown[] = []) => sys.tdb.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  return {
    sys,
    pki,
    signedPdf,
    unsignedPdf,
    q,
    async as(username) {
      if (!tokens.has(username)) tokens.set(username, (await request(sys.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token);
      return { Authorization: `Bearer ${tokens.get(username)}` };
    },
    async userId(username) {
      if (!ids.has(username)) ids.set(username, (await q<{ id: string }>('SELECT id FROM users WHERE username = ?', [username]))[0].id);
      return ids.get(username)!;
    },
    async stop() {
      await sys.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

let summarySeq = 0;
/** Metadata of an outgoing draft; a unique summary per call so tests find their own documents. */
export function draftMetadata(over: Record<string, unknown> = {}): Record<string, unknown> {
  summarySeq += 1;
  return {
    typeCode: 'CV',
    documentDate: '2026-05-04',
    summary: `Về việc triển khai văn bản điện tử, đợt ${summarySeq}`,
    signerPosition: 'Giám đốc',
    signerName: 'Đinh Văn Thành',
    urgency: 'normal',
    receivers: [STTTT],
    ...over,
  };
}

export function paperMetadata(over: Record<string, unknown> = {}): Record<string, unknown> {
  summarySeq += 1;
  return {
    senderName: 'Bộ Nội vụ',
    numberAndNotation: `${100 + summarySeq}/BNV-VP`,
    documentDate: '2026-05-02',
    typeCode: 'CV',
    summary: `Về việc góp ý dự thảo quy chế, đợt ${summarySeq}`,
    urgency: 'normal',
    pageCount: 2,
    ...over,
  };
}

export type UploadFile = [bytes: Buffer | Uint8Array, name: string];

/** POST a multipart document: `metadata` as JSON text, `files` in order. */
export function upload(test: request.Test, metadata: unknown, files: UploadFile[]): request.Test {
  let r = test.field('metadata', typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
  for (const [bytes, name] of files) r = r.attach('files', Buffer.from(bytes), name);
  return r;
}
