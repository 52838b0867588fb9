/**
 * The edXML model (domain/edxml.ts, R-EDX-1, R-EDX-2): DocumentId, dates, code lists and the field
 * rules of packages and status messages.
 */
import { URGENCIES } from '../../domain/documents';
import {
  BUSINESS_DOC_TYPE_CODES,
  EDXML_STATUS_MESSAGE_CODES,
  businessDocTypeOfCode,
  formatDocumentId,
  fromEdxmlDate,
  isEdxmlStatusMessageCode,
  parseDocumentId,
  priorityOfUrgency,
  toEdxmlDate,
  urgencyOfPriority,
  validatePackage,
  validateStatus,
  type EdxmlPackage,
} from '../../domain/edxml';
import { samplePackage, sampleStatus } from '../fixtures/edxml/sample';

const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

function withPackage(change: (p: EdxmlPackage) => void): EdxmlPackage {
  const pkg = samplePackage();
  change(pkg);
  return pkg;
}

describe('edXML DocumentId (R-EDX-1)', () => {
  test('R-EDX-1 when a DocumentId is formatted from its parts, then it reads <OrganId>,<yyyy/MM/dd>,<Number>/<Notation>', () => {
    expect(formatDocumentId({ organId: '000.00.00.G22', date: '2015-09-30', number: 7816, notation: 'VPCP-TTĐT' })).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(formatDocumentId({ organId: '000.00.00.H52', date: '2018-01-05', number: '01', notation: 'QĐ-UBND' })).toBe('000.00.00.H52,2018/01/05,01/QĐ-UBND');
  });

  test('R-EDX-1 when a DocumentId is parsed, then its parts come back with an ISO date', () => {
    expect(parseDocumentId('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT')).toEqual({ organId: '000.00.00.G22', date: '2015-09-30', number: '7816', notation: 'VPCP-TTĐT' });
    expect(parseDocumentId('000.00.00.H52,2020/03/02,15/2020/QĐ-UBND')).toEqual({ organId: '000.00.00.H52', date: '2020-03-02', number: '15', notation: '2020/QĐ-UBND' });
  });

  test.each([
    ['a bad organization code', '00.00.00.G22,2015/09/30,7816/VPCP-TTĐT'],
    ['a day that does not exist', '000.00.00.G22,2015/02/30,7816/VPCP-TTĐT'],
    ['an ISO date instead of yyyy/MM/dd', '000.00.00.G22,2015-09-30,7816/VPCP-TTĐT'],
    ['no notation', '000.00.00.G22,2015/09/30,7816'],
    ['a number that is not digits', '000.00.00.G22,2015/09/30,7816a/VPCP'],
    ['the R-ORG-3 identifier form', '000.00.00.H52.2018.2588'],
    ['spaces in the notation', '000.00.00.G22,2015/09/30,7816/VPCP TTĐT'],
    ['an empty string', ''],
  ])('R-EDX-1 when a DocumentId has %s, then parsing gives null', (_what, text) => {
    expect(parseDocumentId(text)).toBeNull();
  });

  test('R-EDX-1 when the parts cannot form a DocumentId, then formatting throws', () => {
    expect(() => formatDocumentId({ organId: 'H52', date: '2015-09-30', number: 1, notation: 'UBND' })).toThrow(RangeError);
    expect(() => formatDocumentId({ organId: '000.00.00.H52', date: '2015/09/30', number: 1, notation: 'UBND' })).toThrow(RangeError);
    expect(() => formatDocumentId({ organId: '000.00.00.H52', date: '2015-09-30', number: 1, notation: 'QĐ, UBND' })).toThrow(RangeError);
  });

  test('R-EDX-1 when dates cross the XML boundary, then yyyy-MM-dd and yyyy/MM/dd convert both ways and bad dates are refused', () => {
    expect(toEdxmlDate('2018-10-09')).toBe('2018/10/09');
    expect(fromEdxmlDate('2018/10/09')).toBe('2018-10-09');
    expect(fromEdxmlDate('2018/02/29')).toBeNull();
    expect(fromEdxmlDate('2018-10-09')).toBeNull();
    expect(() => toEdxmlDate('2018-13-01')).toThrow(RangeError);
  });
});

describe('edXML code lists (R-EDX-1, R-EDX-2)', () => {
  test('R-EDX-1 when an urgency is exported and imported, then it comes back unchanged and the levels map to Priority 0..3', () => {
    expect(URGENCIES.map(priorityOfUrgency)).toEqual([0, 1, 2, 3]);
    for (const u of URGENCIES) expect(urgencyOfPriority(priorityOfUrgency(u))).toBe(u);
  });

  test('R-EDX-1 when a package has Priority 4 (hỏa tốc hẹn giờ), then it reads as express, which is written back as 3 (lossy)', () => {
    expect(urgencyOfPriority(4)).toBe('express');
    expect(priorityOfUrgency(urgencyOfPriority(4))).toBe(3);
  });

  test('R-EDX-1 when business document types are coded, then new 0, recall 1, update 2, replace 3, and other codes are unknown', () => {
    expect(BUSINESS_DOC_TYPE_CODES).toEqual({ new: 0, recall: 1, update: 2, replace: 3 });
    expect([0, 1, 2, 3].map(businessDocTypeOfCode)).toEqual(['new', 'recall', 'update', 'replace']);
    expect(businessDocTypeOfCode(4)).toBeNull();
  });

  test('R-EDX-2 when status codes are listed, then they are exactly 01–06, 13, 15 and 16', () => {
    expect(EDXML_STATUS_MESSAGE_CODES).toEqual(['01', '02', '03', '04', '05', '06', '13', '15', '16']);
    expect(isEdxmlStatusMessageCode('13')).toBe(true);
    expect(isEdxmlStatusMessageCode('07')).toBe(false);
    expect(isEdxmlStatusMessageCode(3)).toBe(false);
  });
});

describe('edXML package rules (R-EDX-1)', () => {
  test('R-EDX-1 when a complete new document is validated, then there is no issue', () => {
    expect(validatePackage(samplePackage())).toEqual([]);
  });

  test.each<[string, (p: EdxmlPackage) => void, string]>([
    ['the sender code is malformed', (p) => (p.from.organId = '000.00.H52'), 'from.organId'],
    ['a receiver code has a non-zero group under a zero group', (p) => (p.to[1].organId = '001.00.07.H52'), 'to[1].organId'],
    ['there is no receiver', (p) => (p.to = []), 'to'],
    ['the sender name is blank', (p) => (p.from.organName = '  '), 'from.organName'],
    ['the DocumentId is missing', (p) => (p.documentId = ''), 'documentId'],
    ['the DocumentId is malformed', (p) => (p.documentId = '000.00.00.H52.2018.2588'), 'documentId'],
    ['the DocumentId names another organization', (p) => (p.documentId = '000.00.05.H52,2018/10/09,2588/QĐ-UBND'), 'documentId'],
    ['the DocumentId has another date', (p) => (p.documentId = '000.00.00.H52,2018/10/10,2588/QĐ-UBND'), 'documentId'],
    ['the DocumentId has another number', (p) => (p.documentId = '000.00.00.H52,2018/10/09,2589/QĐ-UBND'), 'documentId'],
    ['the promulgation date does not exist', (p) => (p.promulgation.date = '2018-02-30'), 'promulgation.date'],
    ['the due date is not a date', (p) => (p.dueDate = '31/10/2018'), 'dueDate'],
    ['the priority is 7', (p) => (p.other.priority = 7 as never), 'other.priority'],
    ['the code number is not a number', (p) => (p.code.number = 'abc'), 'code.number'],
    ['a new document has no attachment', (p) => (p.attachments = []), 'attachments'],
    ['two attachments share a ContentId', (p) => (p.attachments[1].contentId = p.attachments[0].contentId), 'attachments[1].contentId'],
    ['an attachment name is a path', (p) => (p.attachments[0].name = '../../etc/passwd'), 'attachments[0].name'],
    ['an attachment type is not a MIME type', (p) => (p.attachments[0].contentType = 'pdf'), 'attachments[0].contentType'],
    ['the subject holds a control character', (p) => (p.subject = 'Quyết định\u0007'), 'subject'],
    ['a recall has no target document', (p) => (p.trace = { businessDocType: 'recall', reason: 'Sai thể thức' }), 'trace.targetDocumentId'],
    ['a replacement has a malformed target', (p) => (p.trace = { businessDocType: 'replace', targetDocumentId: '2588/QĐ-UBND' }), 'trace.targetDocumentId'],
    ['a ReceiverList entry is not an organization code', (p) => (p.trace.receivers = ['Sở Nội vụ']), 'trace.receivers[0]'],
    ['ResponseFor does not match its own DocumentId', (p) => (p.responseFor = { organId: '000.00.05.H52', code: '12/SNV', promulgationDate: '2018-10-01', documentId: '000.00.05.H52,2018/10/01,13/SNV' }), 'responseFor.documentId'],
  ])('R-EDX-1 when %s, then the package is refused at that field', (_what, change, path) => {
    const issues = validatePackage(withPackage(change));
    expect(paths(issues)).toContain(path);
    for (const issue of issues) expect(issue.message).toMatch(/\(.+\)$/); // Vietnamese, English in parentheses
  });

  test('R-EDX-1 when a recall names its target and carries no file, then it is valid', () => {
    const pkg = withPackage((p) => {
      p.trace = { businessDocType: 'recall', reason: 'Ban hành sai thẩm quyền', targetDocumentId: '000.00.00.H52,2018/10/01,2500/QĐ-UBND', receivers: ['000.00.05.H52'] };
      p.attachments = [];
    });
    expect(validatePackage(pkg)).toEqual([]);
  });

  test('R-EDX-1 when a number is written 01 in Code and 1 in the DocumentId, then they agree', () => {
    const pkg = withPackage((p) => {
      p.code.number = '01';
      p.documentId = '000.00.00.H52,2018/10/09,1/QĐ-UBND';
    });
    expect(validatePackage(pkg)).toEqual([]);
  });
});

describe('edXML status rules (R-EDX-2)', () => {
  test('R-EDX-2 when a complete status is validated, then there is no issue', () => {
    expect(validateStatus(sampleStatus())).toEqual([]);
  });

  test.each<[string, Partial<ReturnType<typeof sampleStatus>>, string]>([
    ['the status code is not in the list', { statusCode: '07' as never }, 'statusCode'],
    ['the timestamp has no offset', { timestamp: '2018-10-10T08:15:00' }, 'timestamp'],
    ['the timestamp is a bare date', { timestamp: '2018/10/10' }, 'timestamp'],
    ['ResponseFor names another document than its code', { responseFor: { ...sampleStatus().responseFor, code: '2589/QĐ-UBND' } }, 'responseFor.documentId'],
    ['the sender code is malformed', { from: { organId: 'H52', organName: 'Sở Nội vụ' } }, 'from.organId'],
  ])('R-EDX-2 when %s, then the status is refused at that field', (_what, change, path) => {
    expect(paths(validateStatus({ ...sampleStatus(), ...change }))).toContain(path);
  });
});
