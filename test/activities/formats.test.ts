/**
 * Format checks (R-FMT-1, R-FMT-2) on real files generated at test time: every accepted type is
 * recognized by content, and every refusal names the file and the reason.
 */
import crypto from 'node:crypto';
import { checkFile, checkFiles, formatLimitsFromConfig, sanitizeFileName, type FileCheckResult, type FormatLimits } from '../../activities/formats';
import { loadConfig } from '../../config';
import { encodeLegacyVietnamese } from '../../domain/vietnamese-text';
import {
  docxEntries,
  legacyText,
  makeDoc,
  makeDocWithLoopingDirectory,
  makeDocWithLoopingFat,
  makeDocx,
  makeJpeg,
  makeOds,
  makeOdt,
  makePdf,
  makePng,
  makePowerPoint97,
  makeRtf,
  makeWindowsExecutable,
  makeXls,
  makeXlsx,
  makeZip,
  utf8Text,
  VIETNAMESE_SAMPLE,
} from '../support/fixtures/formats';

/** The shipped defaults, so the tests exercise what production runs with. */
const LIMITS: FormatLimits = formatLimitsFromConfig(loadConfig({}));

let pdf: Buffer;
beforeAll(async () => {
  pdf = await makePdf();
});

const attachment = (name: string, bytes: Buffer, limits = LIMITS) => checkFile({ name, bytes, role: 'attachment' }, limits);
const refusal = (r: FileCheckResult) => {
  if (r.ok) throw new Error(`expected a refusal, got ${r.format}`);
  return r;
};

describe('accepted formats recognized by content (R-FMT-1)', () => {
  test('R-FMT-1 when the main file is a PDF, then it is accepted as application/pdf', async () => {
    expect(await checkFile({ name: 'quyet-dinh.pdf', bytes: pdf, role: 'main' }, LIMITS)).toEqual({ ok: true, format: 'pdf', mediaType: 'application/pdf', extension: 'pdf' });
  });

  test.each([
    ['bao-cao.docx', () => makeDocx(), 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['so-lieu.xlsx', () => makeXlsx(), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['to-trinh.odt', () => makeOdt(), 'odt', 'application/vnd.oasis.opendocument.text'],
    ['bang-tinh.ods', () => makeOds(), 'ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['cong-van.doc', () => makeDoc(), 'doc', 'application/msword'],
    ['du-toan.xls', () => makeXls(), 'xls', 'application/vnd.ms-excel'],
    ['ghi-chu.rtf', () => makeRtf(), 'rtf', 'application/rtf'],
    ['anh-chup.jpg', () => makeJpeg(), 'jpeg', 'image/jpeg'],
    ['anh-chup.jpeg', () => makeJpeg(), 'jpeg', 'image/jpeg'],
    ['phu-luc.pdf', () => pdf, 'pdf', 'application/pdf'],
    ['ghi-chu.txt', () => utf8Text(VIETNAMESE_SAMPLE), 'txt', 'text/plain; charset=utf-8'],
    ['danh-sach.csv', () => utf8Text('STT,Họ và tên,Đơn vị\n1,Nguyễn Văn A,Sở Nội vụ\n'), 'csv', 'text/csv; charset=utf-8'],
  ])('R-FMT-1 when an attachment %s is a real file of its type, then it is accepted as %s', async (name, make, format, mediaType) => {
    expect(await attachment(name, make())).toMatchObject({ ok: true, format, mediaType });
  });

  test('R-FMT-2 when a UTF-8 text file starts with a BOM, then it is accepted', async () => {
    expect(await attachment('ghi-chu.txt', utf8Text(VIETNAMESE_SAMPLE, { bom: true }))).toMatchObject({ ok: true, format: 'txt' });
  });

  test('R-FMT-1 when the extension is in capitals, then it still agrees with the content', async () => {
    expect(await checkFile({ name: 'QUYET-DINH.PDF', bytes: pdf, role: 'main' }, LIMITS)).toMatchObject({ ok: true, extension: 'pdf' });
  });
});

describe('refusals name the file and the reason (R-FMT-1)', () => {
  test('R-FMT-1 when a PDF is renamed .docx, then it is refused: content is PDF, name says .docx', async () => {
    expect(await attachment('quyet-dinh.docx', pdf)).toEqual({
      ok: false,
      file: 'quyet-dinh.docx',
      code: 'EXTENSION_MISMATCH',
      reason: '"quyet-dinh.docx": nội dung là PDF nhưng tên tệp có đuôi .docx (content is PDF, name says .docx)',
    });
  });

  test('R-FMT-1 when a Windows executable is renamed .pdf, then it is refused as an executable', async () => {
    const r = refusal(await checkFile({ name: 'quyet-dinh.pdf', bytes: makeWindowsExecutable(), role: 'main' }, LIMITS));
    expect(r.code).toBe('UNSUPPORTED_TYPE');
    expect(r.reason).toMatch(/^"quyet-dinh\.pdf": nội dung là tệp chạy Windows.* dù tên tệp có đuôi \.pdf/);
  });

  test('R-FMT-1 when the file is empty, then it is refused as empty', async () => {
    expect(await attachment('trong.pdf', Buffer.alloc(0))).toMatchObject({ ok: false, code: 'EMPTY_FILE', reason: '"trong.pdf": tệp rỗng (0 byte) (file is empty)' });
  });

  test('R-FMT-1 when a file is over the configured size limit, then it is refused with both sizes before any parsing', async () => {
    const r = refusal(await attachment('lon.pdf', Buffer.alloc(2048, 0xff), { ...LIMITS, fileMaxBytes: 1024 }));
    expect(r.code).toBe('FILE_TOO_LARGE');
    expect(r.reason).toMatch(/"lon\.pdf": tệp có dung lượng 2 KB, vượt giới hạn 1 KB/);
  });

  test('R-FMT-1 when the content matches no known type, then it is refused as unrecognized', async () => {
    expect(await attachment('du-lieu.bin', crypto.randomBytes(4096))).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE', reason: expect.stringMatching(/^"du-lieu\.bin": không nhận dạng được/) });
  });

  test('R-FMT-1 when a PNG image is named .jpg, then it is refused naming PNG', async () => {
    expect(await attachment('anh.jpg', makePng())).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE', reason: expect.stringContaining('PNG') });
  });

  test('R-FMT-1 when a PowerPoint 97 file is attached, then it is refused naming PowerPoint', async () => {
    expect(await attachment('trinh-chieu.ppt', makePowerPoint97())).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE', reason: expect.stringContaining('PowerPoint 97-2003') });
  });

  test('R-FMT-1 when a plain zip is named .docx, then it is refused as a ZIP archive', async () => {
    expect(await attachment('bao-cao.docx', makeZip([{ name: 'a.txt', data: 'x' }]))).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE', reason: expect.stringContaining('ZIP') });
  });

  test('R-FMT-1 when a docx is named .xlsx, then the mismatch names Word', async () => {
    expect(await attachment('so-lieu.xlsx', makeDocx())).toMatchObject({ ok: false, code: 'EXTENSION_MISMATCH', reason: expect.stringContaining('nội dung là Word (.docx) nhưng tên tệp có đuôi .xlsx') });
  });

  test('R-FMT-1 when a PDF has no extension, then it is refused saying the name has none', async () => {
    expect(await attachment('quyet-dinh', pdf)).toMatchObject({ ok: false, code: 'EXTENSION_MISMATCH', reason: expect.stringContaining('tên tệp không có đuôi') });
  });

  test('R-FMT-1 when plain text is named .pdf, then it is refused as text with the wrong extension', async () => {
    expect(await attachment('quyet-dinh.pdf', utf8Text(VIETNAMESE_SAMPLE))).toMatchObject({ ok: false, code: 'EXTENSION_MISMATCH', reason: expect.stringContaining('văn bản thuần') });
  });

  test('R-FMT-1 when a PDF was cut short in transfer, then it is refused as damaged', async () => {
    expect(await attachment('quyet-dinh.pdf', pdf.subarray(0, pdf.length - 200))).toMatchObject({ ok: false, code: 'DAMAGED_FILE', reason: expect.stringContaining('%%EOF') });
  });

  test('R-FMT-1 when a docx was cut short, then it is refused as damaged', async () => {
    const docx = makeDocx();
    expect(await attachment('bao-cao.docx', docx.subarray(0, docx.length - 30))).toMatchObject({ ok: false, code: 'DAMAGED_FILE' });
  });

  test.each([
    ['its sector chain loops', () => makeDocWithLoopingFat()],
    ['its directory tree loops', () => makeDocWithLoopingDirectory()],
  ])('R-FMT-1 when a .doc is crafted so that %s, then it is refused as damaged instead of hanging the reader', async (_label, make) => {
    expect(await attachment('cong-van.doc', make())).toMatchObject({ ok: false, code: 'DAMAGED_FILE', reason: expect.stringContaining('loops') });
  });

  test('R-FMT-1 when a large .doc keeps its text in regular sectors, then it is still recognized', async () => {
    expect(await attachment('cong-van.doc', makeDoc({ large: true }))).toMatchObject({ ok: true, format: 'doc' });
  });

  test('R-FMT-1 when the main file is a Word document, then it is refused: the main document must be PDF', async () => {
    expect(await checkFile({ name: 'quyet-dinh.docx', bytes: makeDocx(), role: 'main' }, LIMITS)).toMatchObject({
      ok: false,
      code: 'MAIN_NOT_PDF',
      reason: expect.stringMatching(/^"quyet-dinh\.docx": văn bản chính phải là tệp PDF/),
    });
  });

  test('R-FMT-1 when a docx carries VBA macros, then it is refused', async () => {
    expect(await attachment('bao-cao.docx', makeDocx({ macros: true }))).toMatchObject({ ok: false, code: 'MACROS_NOT_ALLOWED' });
  });

  test('R-FMT-1 when a .doc carries VBA macros, then it is refused', async () => {
    expect(await attachment('cong-van.doc', makeDoc({ macros: true }))).toMatchObject({ ok: false, code: 'MACROS_NOT_ALLOWED' });
  });

  test.each([
    ['cong-van.doc', () => makeDoc({ encrypted: true })],
    ['du-toan.xls', () => makeXls({ encrypted: true })],
  ])('R-FMT-1 when %s is password-protected, then it is refused as unreadable for the archive', async (name, make) => {
    expect(await attachment(name, make())).toMatchObject({ ok: false, code: 'ENCRYPTED_FILE', reason: expect.stringContaining('mật khẩu') });
  });

  test('R-FMT-1 when an ODF file declares a presentation mimetype, then it is refused naming the presentation', async () => {
    expect(await attachment('trinh-chieu.odt', makeOdt('application/vnd.oasis.opendocument.presentation'))).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE', reason: expect.stringContaining('.odp') });
  });
});

describe('zip bombs (R-FMT-1)', () => {
  test('R-FMT-1 when a docx entry declares gigabytes from a few bytes, then it is refused as a suspected zip bomb', async () => {
    const entries = docxEntries();
    entries[2] = { ...entries[2], declaredSize: 4_000_000_000 };
    const bomb = makeZip(entries);
    expect(bomb.length).toBeLessThan(2048);
    const r = refusal(await attachment('bao-cao.docx', bomb));
    expect(r.code).toBe('ARCHIVE_LIMITS');
    expect(r.reason).toMatch(/"bao-cao\.docx": mục "word\/document\.xml" giải nén .*\(tỉ lệ \d+:1, giới hạn 100:1\) — nghi là "bom nén"/);
  });

  test('R-FMT-1 when an entry really compresses 10 MB into a few KB, then the ratio limit refuses it without inflating it', async () => {
    const entries = docxEntries();
    entries[2] = { name: 'word/document.xml', data: Buffer.alloc(10 * 1024 * 1024, 0x20) };
    const bomb = makeZip(entries);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await attachment('bao-cao.docx', bomb)).toMatchObject({ ok: false, code: 'ARCHIVE_LIMITS', reason: expect.stringContaining('tỉ lệ') });
  });

  test('R-FMT-1 when the entries together declare more than the configured total, then it is refused', async () => {
    const entries = docxEntries();
    entries.push({ name: 'word/media/scan.bin', data: crypto.randomBytes(96 * 1024) });
    const r = refusal(await attachment('bao-cao.docx', makeZip(entries), { ...LIMITS, zipMaxUncompressedBytes: 64 * 1024 }));
    expect(r.code).toBe('ARCHIVE_LIMITS');
    expect(r.reason).toContain('tổng dung lượng sau giải nén vượt 64 KB');
  });

  test('R-FMT-1 when the archive has more entries than configured, then it is refused before reading them', async () => {
    const r = refusal(await attachment('so-lieu.xlsx', makeXlsx(), { ...LIMITS, zipMaxEntries: 4 }));
    expect(r.code).toBe('ARCHIVE_LIMITS');
    expect(r.reason).toContain('tệp nén có 5 mục, vượt giới hạn 4');
  });

  test('R-FMT-1 when two entries share the same compressed data, then the overlap is refused as a zip bomb construction', async () => {
    const bomb = makeZip([...docxEntries(), { name: 'word/copy.xml', data: '', aliasOf: 2 }]);
    expect(await attachment('bao-cao.docx', bomb)).toMatchObject({ ok: false, code: 'ARCHIVE_LIMITS', reason: expect.stringContaining('chồng lên nhau') });
  });
});

describe('text files and encodings (R-FMT-2)', () => {
  test('R-FMT-2 when a .txt is not valid UTF-8, then it is refused with the offset of the first bad byte', async () => {
    const bytes = Buffer.concat([utf8Text('Sơn La '), Buffer.from([0xff, 0x41])]);
    expect(await attachment('ghi-chu.txt', bytes)).toMatchObject({ ok: false, code: 'INVALID_UTF8', reason: expect.stringContaining(`vị trí ${bytes.length - 2}`) });
  });

  test('R-FMT-2 when a .txt was saved in TCVN3, then it is refused saying it looks like TCVN3 (ABC)', async () => {
    const r = refusal(await attachment('to-trinh.txt', legacyText(VIETNAMESE_SAMPLE, 'TCVN3')));
    expect(r.code).toBe('LEGACY_ENCODING');
    expect(r.reason).toMatch(/^"to-trinh\.txt": không phải UTF-8: văn bản có vẻ được gõ bằng bảng mã TCVN3 \(ABC\)/);
  });

  test('R-FMT-2 when a .txt was saved in VNI, then it is refused saying it looks like VNI', async () => {
    expect(await attachment('to-trinh.txt', legacyText(VIETNAMESE_SAMPLE, 'VNI'))).toMatchObject({ ok: false, code: 'LEGACY_ENCODING', reason: expect.stringContaining('bảng mã VNI (VNI-Windows)') });
  });

  test('R-FMT-2 when a UTF-8 .csv holds text typed with a TCVN3 font, then it is refused naming TCVN3', async () => {
    const csv = utf8Text(`STT,Trích yếu\n1,${encodeLegacyVietnamese('Quyết định về việc ban hành quy chế', 'TCVN3')}\n`);
    expect(await attachment('danh-sach.csv', csv)).toMatchObject({ ok: false, code: 'LEGACY_ENCODING', reason: expect.stringContaining('TCVN3 (ABC)') });
  });

  test('R-FMT-2 when a .txt was saved as UTF-16 by Notepad, then it is refused asking for UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Sơn La', 'utf16le')]);
    expect(await attachment('ghi-chu.txt', utf16)).toMatchObject({ ok: false, code: 'INVALID_UTF8', reason: expect.stringContaining('UTF-16') });
  });

  test('R-FMT-2 when a .txt contains NUL bytes, then it is refused as not plain text', async () => {
    expect(await attachment('ghi-chu.txt', Buffer.from('abc\0def'))).toMatchObject({ ok: false, code: 'BINARY_TEXT' });
  });
});

describe('the files of one document (R-FMT-1)', () => {
  test('R-FMT-1 when a PDF comes first with attachments, then all are accepted with their roles and sizes', async () => {
    const jpeg = makeJpeg();
    const r = await checkFiles(
      [
        { name: 'quyet-dinh.pdf', bytes: pdf },
        { name: 'phu-luc.docx', bytes: makeDocx() },
        { name: 'anh.jpg', bytes: jpeg },
      ],
      LIMITS,
    );
    expect(r.ok).toBe(true);
    expect(r.files.map((f) => [f.index, f.role, f.format])).toEqual([
      [0, 'main', 'pdf'],
      [1, 'attachment', 'docx'],
      [2, 'attachment', 'jpeg'],
    ]);
    expect(r.files[2].sizeBytes).toBe(jpeg.length);
  });

  test('R-FMT-1 when several files are wrong, then every problem is reported with its position, not just the first', async () => {
    const r = await checkFiles(
      [
        { name: 'quyet-dinh.docx', bytes: makeDocx() },
        { name: 'phu-luc.pdf', bytes: pdf },
        { name: 'PHU-LUC.pdf', bytes: pdf },
        { name: 'trong.txt', bytes: Buffer.alloc(0) },
      ],
      LIMITS,
    );
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'MAIN_NOT_PDF'],
      [2, 'DUPLICATE_NAME'],
      [3, 'EMPTY_FILE'],
    ]);
    expect(r.problems[1].reason).toBe('"PHU-LUC.pdf": trùng tên với tệp thứ 2 (same name as file #2)');
  });

  test('R-FMT-1 when the files together exceed the per-document limit, then the document is refused with the total', async () => {
    const r = await checkFiles(
      [
        { name: 'quyet-dinh.pdf', bytes: pdf },
        { name: 'phu-luc.pdf', bytes: pdf },
      ],
      { ...LIMITS, documentFilesMaxBytes: pdf.length + 10 },
    );
    expect(r.problems).toEqual([expect.objectContaining({ index: null, code: 'DOCUMENT_TOO_LARGE' })]);
  });

  test('R-FMT-1 when no file is given, then the document is refused for lacking its main PDF', async () => {
    expect((await checkFiles([], LIMITS)).problems).toEqual([expect.objectContaining({ code: 'NO_FILES' })]);
  });

  test('R-FMT-2 when a file name arrives decomposed with a client path, then the stored name is the NFC last segment', async () => {
    const r = await checkFiles([{ name: 'C:\\fakepath\\Quyết định.pdf'.normalize('NFD'), bytes: pdf }], LIMITS);
    expect(r.files[0].name).toBe('Quyết định.pdf');
    expect(r.files[0].name).toBe(r.files[0].name.normalize('NFC'));
  });

  test('R-FMT-1 when a name hides its real extension behind a right-to-left override, then it is refused with the character shown escaped', async () => {
    const r = await checkFiles([{ name: 'quyet-dinh\u202Efdp.exe', bytes: pdf }], LIMITS);
    expect(r.problems).toEqual([expect.objectContaining({ index: 0, code: 'INVALID_NAME', reason: expect.stringContaining('"quyet-dinh\\u202efdp.exe"') })]);
  });

  test.each([
    ['a control character', 'quyet\u0007dinh.pdf'],
    ['only a path', '../'],
    ['more than 255 bytes', `${'Quyết định '.repeat(20)}.pdf`],
  ])('R-FMT-1 when a name has %s, then it is refused as an invalid name', (_label, name) => {
    expect(sanitizeFileName(name)).toMatchObject({ ok: false, problem: { code: 'INVALID_NAME' } });
  });

  test('R-FMT-1 when a name ends in dots or spaces, then they are dropped as Windows would, so the extension is the one that opens', () => {
    expect(sanitizeFileName('quyet-dinh.exe. . ')).toEqual({ ok: true, name: 'quyet-dinh.exe' });
  });
});

describe('damaged input never crashes the checks (R-SEC-4)', () => {
  test('R-SEC-4 when files of every container type are damaged at random, then each gets a verdict quickly and none throws', async () => {
    let seed = 2588;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const originals: Array<[string, Buffer]> = [
      ['a.pdf', pdf],
      ['a.docx', makeDocx()],
      ['a.ods', makeOds()],
      ['a.doc', makeDoc({ large: true })],
      ['a.xls', makeXls()],
      ['a.txt', legacyText(VIETNAMESE_SAMPLE, 'TCVN3')],
    ];
    const started = Date.now();
    for (const [name, original] of originals) {
      for (let n = 0; n < 150; n++) {
        const damaged = Buffer.from(original);
        for (let k = 1 + Math.floor(random() * 8); k > 0; k--) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        const cut = random() < 0.1 ? damaged.subarray(0, Math.floor(random() * damaged.length)) : damaged;
        expect(await attachment(name, cut)).toHaveProperty('ok');
      }
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
