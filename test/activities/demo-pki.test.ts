/**
 * The demo PKI `npm start` creates for demo data (scripts/lib/demo-pki.ts, DEMO ONLY): what it
 * writes is what the real signature code loads, and a PDF signed with a demo organization's
 * keystore is valid and legally valid against the demo root. No database or Temporal needed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrganizationSigner, loadTrustAnchors, signPdf, verifyPdfSignatures } from '../../activities/signatures';
import { DEMO_ROOT_NAME, ensureDemoPki, type DemoPkiOptions } from '../../scripts/lib/demo-pki';
import { makePdf } from '../support/pki';

const ORGS = { '000.00.00.H52': 'Ủy ban nhân dân tỉnh Sơn La', '000.00.02.H52': 'Sở Nội vụ tỉnh Sơn La', '000.02.37.H52': 'Ủy ban nhân dân xã Chiềng Sơn' };

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-demo-pki-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function options(extra: Partial<DemoPkiOptions> = {}): DemoPkiOptions {
  return {
    dataDir: tmp,
    trustAnchorsDir: path.join(tmp, 'trust-anchors'),
    signingKeysDir: path.join(tmp, 'signing-keys'),
    orgCodes: Object.keys(ORGS),
    orgNames: ORGS,
    ...extra,
  };
}

/** Every file under `dir` with its mode, modification time and content hash. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const st = fs.statSync(file);
    out[path.relative(dir, file)] = `${(st.mode & 0o777).toString(8)} ${st.mtimeMs} ${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`;
  }
  return out;
}

describe('demo PKI for npm start (demo only)', () => {
  test('R-OUT-1 when the trust anchors folder is empty, then the demo root, a keystore per organization and a person keystore are written', async () => {
    const result = await ensureDemoPki(options());
    expect(result).toEqual({
      generated: true,
      rootFile: path.join(tmp, 'trust-anchors', 'demo-root.pem'),
      organizations: Object.keys(ORGS),
      signerDir: path.join(tmp, 'demo-signer'),
    });
    expect(Object.keys(snapshot(tmp)).sort()).toEqual(
      [
        'demo-signer/demo-signer.p12',
        'demo-signer/demo-signer.pass',
        'signing-keys/000.00.00.H52.p12',
        'signing-keys/000.00.00.H52.pass',
        'signing-keys/000.00.02.H52.p12',
        'signing-keys/000.00.02.H52.pass',
        'signing-keys/000.02.37.H52.p12',
        'signing-keys/000.02.37.H52.pass',
        'trust-anchors/demo-root.pem',
      ].map((f) => f.split('/').join(path.sep)),
    );
    for (const pass of ['signing-keys/000.00.00.H52.pass', 'demo-signer/demo-signer.pass']) {
      expect(fs.statSync(path.join(tmp, pass)).mode & 0o777).toBe(0o600);
    }
    // Random passphrases: no two keystores share one.
    const passphrases = ['000.00.00.H52', '000.00.02.H52', '000.02.37.H52'].map((c) => fs.readFileSync(path.join(tmp, 'signing-keys', `${c}.pass`), 'utf8'));
    expect(new Set(passphrases).size).toBe(3);

    const anchors = await loadTrustAnchors(path.join(tmp, 'trust-anchors'));
    expect(anchors.loaded).toEqual([expect.objectContaining({ file: 'demo-root.pem', certificate: expect.objectContaining({ commonName: DEMO_ROOT_NAME }) })]);
  });

  test('R-OUT-1 when a PDF is signed on the server with a demo organization keystore, then it is valid and legally valid against the demo root', async () => {
    await ensureDemoPki(options());
    const { anchors } = await loadTrustAnchors(path.join(tmp, 'trust-anchors'));
    for (const [code, name] of Object.entries(ORGS)) {
      const signer = await loadOrganizationSigner(path.join(tmp, 'signing-keys'), code);
      expect(signer.certificate).toMatchObject({ commonName: name, organization: name, issuer: expect.stringContaining(`CN=${DEMO_ROOT_NAME}`) });
      const signed = await signPdf(await makePdf(), { p12: signer.p12, passphrase: signer.passphrase, reason: 'Phát hành văn bản', location: name });
      const report = await verifyPdfSignatures(signed, { anchors });
      expect(report).toMatchObject({ verdict: 'valid', legalValidity: 'legally_valid', failures: [] });
      expect(report.signatures[0]).toMatchObject({
        status: 'valid',
        signer: expect.objectContaining({ commonName: name }),
        checks: expect.objectContaining({ chain: 'passed', validityAtSigning: 'passed', keyUsage: 'passed' }),
      });
    }
  });

  test('R-REC-2 when a PDF is signed with the demo person keystore, then it is valid against the demo root', async () => {
    const { signerDir } = await ensureDemoPki(options());
    const { anchors } = await loadTrustAnchors(path.join(tmp, 'trust-anchors'));
    const p12 = new Uint8Array(fs.readFileSync(path.join(signerDir, 'demo-signer.p12')));
    const passphrase = fs.readFileSync(path.join(signerDir, 'demo-signer.pass'), 'utf8').trim();
    const report = await verifyPdfSignatures(await signPdf(await makePdf(), { p12, passphrase }), { anchors });
    expect(report).toMatchObject({ verdict: 'valid', legalValidity: 'legally_valid' });
    expect(report.signatures[0].signer?.commonName).toBe('Nguyễn Văn Thử (DEMO)');
  });

  test('when called a second time, then nothing changes', async () => {
    await ensureDemoPki(options());
    const before = snapshot(tmp);
    const again = await ensureDemoPki(options({ orgCodes: [...Object.keys(ORGS), '000.00.03.H52'] }));
    expect(again).toEqual({ generated: false, rootFile: path.join(tmp, 'trust-anchors', 'demo-root.pem'), organizations: [], signerDir: path.join(tmp, 'demo-signer') });
    expect(snapshot(tmp)).toEqual(before);
  });

  test('when the trust anchors folder already holds a certificate, then nothing is generated', async () => {
    fs.mkdirSync(path.join(tmp, 'trust-anchors'));
    fs.writeFileSync(path.join(tmp, 'trust-anchors', 'ca-that-operator-put.crt'), 'not read, only noticed');
    const result = await ensureDemoPki(options());
    expect(result).toMatchObject({ generated: false, rootFile: null, organizations: [] });
    expect(Object.keys(snapshot(tmp))).toEqual([path.join('trust-anchors', 'ca-that-operator-put.crt')]);
  });

  test('when an organization already has keystore files, then they are kept and the others are written', async () => {
    fs.mkdirSync(path.join(tmp, 'signing-keys'));
    fs.writeFileSync(path.join(tmp, 'signing-keys', '000.00.02.H52.pass'), 'operator passphrase\n');
    const logged: string[] = [];
    const result = await ensureDemoPki(options({ log: (m) => logged.push(m) }));
    expect(result.organizations).toEqual(['000.00.00.H52', '000.02.37.H52']);
    expect(fs.readFileSync(path.join(tmp, 'signing-keys', '000.00.02.H52.pass'), 'utf8')).toBe('operator passphrase\n');
    expect(fs.existsSync(path.join(tmp, 'signing-keys', '000.00.02.H52.p12'))).toBe(false);
    expect(logged).toEqual([expect.stringContaining('kept the existing keystore files of 000.00.02.H52'), expect.stringContaining('DEMO ONLY')]);
  });
});
