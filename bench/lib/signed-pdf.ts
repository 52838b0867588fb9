/**
 * A real signed PDF for benchmarks and fault tests: a one-page document signed on the server
 * with the sender organization's demo keystore (made by `startStack`), so the receiver's checks
 * verify a genuine signature chained to the stack's demo root.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadOrganizationSigner, signPdf } from '../../activities/signatures';

export async function signedPdf(signingKeysDir: string, orgCode: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('CONG VAN - thu tai he thong van ban dien tu', { x: 50, y: 780, size: 14, font });
  const pdf = await doc.save({ useObjectStreams: false });
  const signer = await loadOrganizationSigner(signingKeysDir, orgCode);
  return signPdf(pdf, { p12: signer.p12, passphrase: signer.passphrase, reason: 'Ban hanh' });
}
