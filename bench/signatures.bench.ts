/**
 * Signature benchmark (R-REC-2, R-OUT-1): verification of a signed ~5 MB PDF (one signature, and
 * leader + organization signatures, which adds the later-revision analysis) and server-side
 * signing of the same file. Not a test: `npm run bench signatures`, results in
 * bench/results/signatures.json.
 */
import { randomBytes } from 'node:crypto';
import { PDFDocument, PDFName, StandardFonts, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { signPdf, verifyPdfSignatures } from '../activities/signatures';
import { PASSPHRASE, signAs, testPki, toP12 } from '../test/support/pki';
import { report, summarize } from './support';

const RUNS = 30;
const WARMUP = 3;

/** Ten A4 pages, each with a 300×580 RGB image of random (incompressible) pixels: about 5 MB. */
async function fiveMegabytePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 10; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`QUYET DINH 2588/QD-UBND - trang ${i + 1}`, { x: 50, y: 800, size: 14, font });
    const [w, h] = [300, 580];
    const image = doc.context.flateStream(randomBytes(w * h * 3), { Type: 'XObject', Subtype: 'Image', Width: w, Height: h, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 });
    const name = page.node.newXObject('Scan', doc.context.register(image));
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 50, 150), drawObject(PDFName.of(name.asString().slice(1))), popGraphicsState());
  }
  return doc.save({ useObjectStreams: false });
}

async function time<T>(fn: () => Promise<T>, runs = RUNS): Promise<{ samples: number[]; last: T }> {
  let last: T | undefined;
  for (let i = 0; i < WARMUP; i++) last = await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    samples.push(performance.now() - t0);
  }
  return { samples, last: last as T };
}

async function main(): Promise<void> {
  const pki = testPki();
  const anchors = [pki.root.pem];
  const pdf = await fiveMegabytePdf();
  const p12 = toP12(pki.organization);
  const mb = (b: Uint8Array) => Math.round((b.length / 2 ** 20) * 100) / 100;

  const signing = await time(() => signPdf(pdf, { p12, passphrase: PASSPHRASE, reason: 'Phát hành văn bản', location: 'Sơn La' }));
  const signed = signing.last;
  const single = await time(() => verifyPdfSignatures(signed, { anchors }));
  if (single.last.verdict !== 'valid') throw new Error(`benchmark document does not verify: ${JSON.stringify(single.last.signatures[0]?.failures)}`);

  const twice = await signAs(await signAs(pdf, pki.person), pki.organization);
  const double = await time(() => verifyPdfSignatures(twice, { anchors }));
  if (double.last.verdict !== 'valid') throw new Error('two-signature benchmark document does not verify');

  report('signatures', [
    { case: 'verify, 1 signature', sizeMB: mb(signed), ...summarize(single.samples) },
    { case: 'verify, 2 signatures (incl. revision analysis)', sizeMB: mb(twice), ...summarize(double.samples) },
    { case: 'sign on the server (PKCS#12)', sizeMB: mb(pdf), ...summarize(signing.samples) },
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
