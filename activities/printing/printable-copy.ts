/**
 * Printable copy of an electronic document (QĐ 2588 Article 19.2, R-OUT-4, R-CONN-3): for a
 * receiver that is not connected yet, or a paper-accompanies rule, the signed PDF is printed with
 * the incoming stamp ("dấu ĐẾN": organization, number, date, routed-to) and a verification footer
 * (signature status, document identifier) on every page.
 *
 * Text is drawn with an embedded Unicode font (DejaVu Sans, from the `dejavu-fonts-ttf` package)
 * because the PDF standard fonts cannot encode Vietnamese letters. The copy is a new rendering for
 * paper: it necessarily invalidates the embedded signature, which is why the footer states the
 * verdict that was established on the electronic original.
 */
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toVietnamIso } from '../../domain/time';

export interface IncomingStamp {
  /** Receiving organization (tên cơ quan, tổ chức), printed in capitals on the stamp. */
  organizationName: string;
  /** Incoming register number (số đến); null while not registered yet. */
  number: number | null;
  receivedAt: Date;
  /** Unit or person the document is routed to (chuyển). */
  routedTo?: string | null;
  /** File (hồ sơ) number and notation, if filed. */
  fileCode?: string | null;
}

export interface VerificationFooter {
  legalValidity: 'legally_valid' | 'information_only';
  signerName?: string | null;
  signerOrganization?: string | null;
  signedAt?: Date | null;
  documentIdentifier?: string | null;
  printedAt: Date;
}

let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontBytes ??= {
    regular: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fontBytes;
}

/** dd/MM/yyyy and HH:mm in Vietnam time. */
function vnDate(d: Date): string {
  const [date] = toVietnamIso(d).split('T');
  const [y, m, day] = date.split('-');
  return `${day}/${m}/${y}`;
}
function vnTime(d: Date): string {
  return toVietnamIso(d).slice(11, 16);
}

/** Breaks `text` into lines no wider than `width` at `size`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function drawStamp(page: PDFPage, stamp: IncomingStamp, regular: PDFFont, bold: PDFFont): void {
  const { width, height } = page.getSize();
  const boxWidth = 200;
  const pad = 7;
  const size = 8.5;
  const lead = 11;
  const orgSize = 7.5;
  const orgLead = 9.5;
  const red = rgb(0.72, 0.07, 0.07);
  const orgLines = wrap(stamp.organizationName.toLocaleUpperCase('vi'), bold, orgSize, boxWidth - 2 * pad);
  // Each row is a bold label followed by its value, wrapped under the value's own column.
  const rows = (
    [
      ['Số:', stamp.number === null ? '……' : String(stamp.number)],
      ['Ngày:', `${vnDate(stamp.receivedAt)}   Giờ: ${vnTime(stamp.receivedAt)}`],
      ['Chuyển:', stamp.routedTo ?? '……………………'],
      ['Số và ký hiệu HS:', stamp.fileCode ?? '……………'],
    ] as Array<[string, string]>
  ).map(([label, value]) => {
    const valueOffset = bold.widthOfTextAtSize(label, size) + 4;
    return { label, valueOffset, lines: wrap(value, regular, size, boxWidth - 2 * pad - valueOffset) };
  });
  const rowLines = rows.reduce((n, r) => n + r.lines.length, 0);
  const boxHeight = pad + orgLines.length * orgLead + 22 + rowLines * lead + pad + 2;
  const x = width - boxWidth - 28;
  const top = height - 28;
  // White underlay: the stamp must stay legible over whatever the page prints there.
  page.drawRectangle({ x, y: top - boxHeight, width: boxWidth, height: boxHeight, color: rgb(1, 1, 1), opacity: 0.92, borderColor: red, borderWidth: 1.2 });
  let baseline = top - pad - orgSize;
  for (const line of orgLines) {
    page.drawText(line, { x: x + (boxWidth - bold.widthOfTextAtSize(line, orgSize)) / 2, y: baseline, size: orgSize, font: bold, color: red });
    baseline -= orgLead;
  }
  baseline -= 12;
  page.drawText('ĐẾN', { x: x + pad, y: baseline, size: 16, font: bold, color: red });
  baseline -= 4;
  for (const row of rows) {
    baseline -= lead;
    page.drawText(row.label, { x: x + pad, y: baseline, size, font: bold, color: red });
    row.lines.forEach((line, i) => {
      if (i > 0) baseline -= lead;
      page.drawText(line, { x: x + pad + row.valueOffset, y: baseline, size, font: regular, color: red });
    });
  }
}

function footerText(f: VerificationFooter): string {
  const signer = [f.signerName, f.signerOrganization].filter(Boolean).join(', ');
  const signature =
    f.legalValidity === 'legally_valid'
      ? `Chữ ký số hợp lệ${signer ? ` (${signer}${f.signedAt ? `, ký ngày ${vnDate(f.signedAt)} ${vnTime(f.signedAt)}` : ''})` : ''} — có giá trị pháp lý, thay thế văn bản giấy`
      : 'Không có chữ ký số hợp lệ — bản điện tử chỉ có giá trị tham khảo';
  const id = f.documentIdentifier ? ` — Mã định danh: ${f.documentIdentifier}` : '';
  return `Bản in từ văn bản điện tử. ${signature}${id} — In lúc ${vnTime(f.printedAt)} ngày ${vnDate(f.printedAt)}`;
}

/** The signed PDF with the incoming stamp on page 1 and the verification footer on every page. */
export async function renderPrintableCopy(pdf: Uint8Array, stamp: IncomingStamp, footer: VerificationFooter): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const { regular: regularBytes, bold: boldBytes } = fonts();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  const pages = doc.getPages();
  if (!pages.length) throw new Error('PDF has no pages');
  drawStamp(pages[0], stamp, regular, bold);
  const text = footerText(footer);
  pages.forEach((page, i) => {
    const { width } = page.getSize();
    const size = 7;
    const lines = wrap(`${text} — Trang ${i + 1}/${pages.length}`, regular, size, width - 56);
    lines.forEach((line, j) => {
      page.drawText(line, { x: 28, y: 14 + (lines.length - 1 - j) * 9, size, font: regular, color: rgb(0.25, 0.25, 0.25) });
    });
  });
  return doc.save();
}
