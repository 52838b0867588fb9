/**
 * Printable copy with the incoming stamp (R-OUT-4, R-CONN-3): the Vietnamese text drawn on the
 * PDF is read back with poppler's pdftotext, so the test fails if a diacritic is lost.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { renderPrintableCopy } from '../../activities/printing/printable-copy';

async function sourcePdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595.28, 841.89]).drawText(`Original page ${i + 1}`, { x: 72, y: 700, size: 14, font });
  return doc.save();
}

function pdfToText(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-print-'));
  const file = path.join(dir, 'copy.pdf');
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const stamp = {
  organizationName: 'Ủy ban nhân dân xã Chiềng Sơn',
  number: 1234,
  receivedAt: new Date('2026-11-27T02:15:00Z'),
  routedTo: 'Đồng chí Thào A Páo — Chủ tịch',
};

describe('printable copy with the incoming stamp (R-OUT-4, R-CONN-3)', () => {
  test('R-CONN-3 when a signed document is printed for an unconnected receiver, then the stamp reads ĐẾN with organization, number, date and routed-to, diacritics intact', async () => {
    const copy = await renderPrintableCopy(await sourcePdf(), stamp, {
      legalValidity: 'legally_valid',
      signerName: 'Nguyễn Văn Đức',
      signerOrganization: 'Ủy ban nhân dân tỉnh Sơn La',
      signedAt: new Date('2026-11-26T08:00:00Z'),
      documentIdentifier: '000.00.00.H52.2026.2588',
      printedAt: new Date('2026-11-27T03:00:00Z'),
    });
    const text = pdfToText(copy);
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ CHIỀNG SƠN');
    expect(text).toContain('ĐẾN');
    expect(text).toMatch(/Số:\s+1234/);
    expect(text).toMatch(/Ngày:\s+27\/11\/2026\s+Giờ: 09:15/);
    expect(text).toContain('Chuyển: Đồng chí Thào A Páo');
    expect(text).toContain('Original page 1');
  });

  test('R-OUT-4 when printed, then every page carries the verification footer with the signature verdict and the document identifier', async () => {
    const copy = await renderPrintableCopy(await sourcePdf(3), stamp, {
      legalValidity: 'legally_valid',
      signerName: 'Nguyễn Văn Đức',
      signerOrganization: 'Ủy ban nhân dân tỉnh Sơn La',
      signedAt: new Date('2026-11-26T08:00:00Z'),
      documentIdentifier: '000.00.00.H52.2026.2588',
      printedAt: new Date('2026-11-27T03:00:00Z'),
    });
    const pages = pdfToText(copy).split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      const flat = page.replace(/\s+/g, ' ');
      expect(flat).toContain('Chữ ký số hợp lệ (Nguyễn Văn Đức, Ủy ban nhân dân tỉnh Sơn La, ký ngày 26/11/2026 15:00)');
      expect(flat).toContain('Mã định danh: 000.00.00.H52.2026.2588');
      expect(flat).toContain(`Trang ${i + 1}/3`);
    });
  });

  test('R-DOC-4 when the electronic original had no valid signature, then the footer says it is for information only', async () => {
    const copy = await renderPrintableCopy(await sourcePdf(1), { ...stamp, number: null, routedTo: null }, { legalValidity: 'information_only', printedAt: new Date('2026-11-27T03:00:00Z') });
    const flat = pdfToText(copy).replace(/\s+/g, ' ');
    expect(flat).toContain('Không có chữ ký số hợp lệ — bản điện tử chỉ có giá trị tham khảo');
    expect(flat).not.toContain('Mã định danh');
  });

  test('R-SEC-4 when the input is not a PDF, then rendering fails with an error instead of producing a file', async () => {
    await expect(renderPrintableCopy(new TextEncoder().encode('not a pdf'), stamp, { legalValidity: 'information_only', printedAt: new Date() })).rejects.toThrow();
  });
});
