/**
 * OLE compound files (D0 CF 11 E0 …): Word 97-2003 (.doc) and Excel 97-2003 (.xls) are told apart
 * by their top-level streams, and checked just enough to know they are what they claim: the
 * Word FIB signature, the Excel BOF record. Password-protected files (nobody but the sender can
 * read them, so they cannot be archived) and files carrying VBA macros are refused.
 */
import type { AcceptedFormat } from './catalog';
import { readCompoundFile, type CompoundFile } from './compound-file';
import { contentProblem, label, type ContentProblem, type Label } from './problems';

export type OleVerdict =
  | { kind: 'format'; format: Extract<AcceptedFormat, 'doc' | 'xls'> }
  | { kind: 'other'; label: Label }
  | { kind: 'problem'; problem: ContentProblem };

const WORD_FIB_IDENTS = new Set([0xa5ec /* Word 97+ */, 0xa5dc /* Word 6/95 */]);
const FIB_F_ENCRYPTED = 0x0100;
const BIFF_BOF = new Set([0x0809 /* BIFF5/8 */, 0x0409, 0x0209, 0x0009]);
const BIFF_FILEPASS = 0x002f;
const BIFF_EOF = 0x000a;
/** FILEPASS follows the globals BOF closely; no need to read a whole workbook to find it. */
const WORKBOOK_PREFIX_BYTES = 64 * 1024;

const WORD = label('tệp Word', 'the Word file');
const EXCEL = label('tệp Excel', 'the Excel file');
const damaged = (vi: string, en: string): OleVerdict => ({ kind: 'problem', problem: contentProblem('DAMAGED_FILE', vi, en) });
const encrypted = (what: Label): OleVerdict => ({
  kind: 'problem',
  problem: contentProblem('ENCRYPTED_FILE', `${what.vi} được đặt mật khẩu nên không đọc và lưu trữ được; hãy gỡ mật khẩu rồi gửi lại`, `${what.en} is password-protected and cannot be read or archived`),
});
const macros = (what: Label): OleVerdict => ({
  kind: 'problem',
  problem: contentProblem('MACROS_NOT_ALLOWED', `${what.vi} có chứa macro; hãy lưu lại không có macro hoặc dạng PDF`, `${what.en} contains macros; save it without macros or as PDF`),
});

export function inspectOle(bytes: Buffer): OleVerdict {
  try {
    return classify(readCompoundFile(bytes));
  } catch (err) {
    return damaged('tệp Office 97-2003 bị hỏng hoặc bị cắt cụt', `broken or truncated compound file: ${(err as Error).message}`);
  }
}

function classify(file: CompoundFile): OleVerdict {
  // Only top-level entries decide: embedded objects (ObjectPool, …) carry streams of their own.
  const top = file.topLevel;
  if (top.has('EncryptionInfo') && top.has('EncryptedPackage')) return encrypted(label('tệp Word/Excel', 'the Word/Excel file'));

  const wordDocument = top.get('WordDocument');
  if (wordDocument) {
    const fib = file.readStreamPrefix(wordDocument, 12);
    if (fib.length < 12 || !WORD_FIB_IDENTS.has(fib.readUInt16LE(0))) {
      return damaged('tệp .doc không có phần đầu (FIB) hợp lệ của Word', 'the WordDocument stream does not start with a Word FIB');
    }
    if (fib.readUInt16LE(0x0a) & FIB_F_ENCRYPTED) return encrypted(WORD);
    if (top.has('Macros')) return macros(WORD);
    return { kind: 'format', format: 'doc' };
  }

  const workbook = top.get('Workbook') ?? top.get('Book');
  if (workbook) {
    const stream = file.readStreamPrefix(workbook, WORKBOOK_PREFIX_BYTES);
    if (stream.length < 4 || !BIFF_BOF.has(stream.readUInt16LE(0))) {
      return damaged('tệp .xls không bắt đầu bằng bản ghi BOF của Excel', 'the workbook stream does not start with an Excel BOF record');
    }
    if (hasBiffFilePass(stream)) return encrypted(EXCEL);
    if (top.has('_VBA_PROJECT_CUR')) return macros(EXCEL);
    return { kind: 'format', format: 'xls' };
  }

  if (top.has('PowerPoint Document')) return { kind: 'other', label: label('PowerPoint 97-2003 (.ppt)') };
  if (top.has('VisioDocument')) return { kind: 'other', label: label('Visio (.vsd)') };
  if ([...top.keys()].some((n) => n.startsWith('__substg1.0_'))) return { kind: 'other', label: label('thư Outlook (.msg)', 'an Outlook message (.msg)') };
  return { kind: 'other', label: label('tệp OLE không rõ loại (ví dụ bộ cài .msi)', 'an unknown compound file (e.g. an .msi installer)') };
}

/** Records are type, length, body; FILEPASS sits among the workbook-globals records, before their EOF. */
function hasBiffFilePass(stream: Buffer): boolean {
  for (let pos = 0; pos + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(pos);
    if (type === BIFF_FILEPASS) return true;
    if (type === BIFF_EOF) return false;
    pos += 4 + stream.readUInt16LE(pos + 2);
  }
  return false;
}
