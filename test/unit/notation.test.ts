import { documentIdentifier } from '../../domain/org-code';
import { composeNotation, composeNumberAndNotation, NotationError, parseNumberAndNotation } from '../../domain/notation';
import { parseRegisterCounterId, parseRegisterEntryId, registerEntryId, registerYear, startingNumberProblem } from '../../domain/registers';

const TYPE_ABBREVIATIONS = ['NQ', 'QĐ', 'CT', 'QyĐ', 'TB', 'CTr', 'TTr', 'CĐ', 'GM', null];

describe('number and notation (R-DOC-2)', () => {
  test.each([
    [{ number: 2588, typeAbbreviation: 'QĐ', organizationShortName: 'UBND' }, '2588/QĐ-UBND'],
    [{ number: 45, typeAbbreviation: 'TTr', organizationShortName: 'SNV' }, '45/TTr-SNV'],
    [{ number: 12, typeAbbreviation: 'QyĐ', organizationShortName: 'SKHĐT' }, '12/QyĐ-SKHĐT'],
  ])('R-DOC-2 when a typed document is numbered (%j), then the notation is type-organization: %s', (parts, expected) => {
    expect(composeNumberAndNotation(parts)).toBe(expected);
  });

  test('R-DOC-2 when a công văn is numbered, then its notation has no type abbreviation', () => {
    expect(composeNumberAndNotation({ number: 123, typeAbbreviation: null, organizationShortName: 'UBND' })).toBe('123/UBND');
  });

  test('R-DOC-2 when a công văn names its drafting unit, then the unit follows the organization', () => {
    expect(composeNumberAndNotation({ number: 123, typeAbbreviation: null, organizationShortName: 'UBND', unitShortName: 'VP' })).toBe('123/UBND-VP');
  });

  test('R-DOC-2 when the number is below 10, then it is written from 01 as ND 30/2020 Article 15 numbers them', () => {
    expect(composeNumberAndNotation({ number: 1, typeAbbreviation: 'QĐ', organizationShortName: 'UBND' })).toBe('01/QĐ-UBND');
  });

  test('R-DOC-2 when the abbreviations contain Đ, then it is kept as Đ and never folded to D', () => {
    const text = composeNumberAndNotation({ number: 7, typeAbbreviation: 'CĐ', organizationShortName: 'SGDĐT' });
    expect(text).toBe('07/CĐ-SGDĐT');
    expect(text).not.toMatch(/CD|SGDDT/);
  });

  test('R-DOC-2 when a typed document is given a drafting unit, then it is refused: only a công văn carries one', () => {
    expect(() => composeNotation({ typeAbbreviation: 'QĐ', organizationShortName: 'UBND', unitShortName: 'VP' })).toThrow(/chỉ công văn/);
  });

  test.each([
    [{ number: 0, typeAbbreviation: 'QĐ', organizationShortName: 'UBND' }, 'number'],
    [{ number: 1.5, typeAbbreviation: 'QĐ', organizationShortName: 'UBND' }, 'number'],
    [{ number: 3, typeAbbreviation: 'QĐ', organizationShortName: '' }, 'organizationShortName'],
    [{ number: 3, typeAbbreviation: 'QĐ/TB', organizationShortName: 'UBND' }, 'typeAbbreviation'],
    [{ number: 3, typeAbbreviation: 'QĐ', organizationShortName: 'UBND tỉnh' }, 'organizationShortName'],
    [{ number: 3, typeAbbreviation: 'QĐ', organizationShortName: 'UB-ND' }, 'organizationShortName'],
    // Đ has no decomposition; Á has, so this one really is NFD.
    [{ number: 3, typeAbbreviation: 'QĐ', organizationShortName: 'BQLDÁ'.normalize('NFD') }, 'organizationShortName'],
  ])('R-FMT-2 when the parts are invalid (%j), then composing is refused naming %s', (parts, path) => {
    let error: unknown;
    try {
      composeNumberAndNotation(parts);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NotationError);
    expect((error as NotationError).issues.map((i) => i.path)).toContain(path);
  });

  test('R-EDX-1 when reading a number and notation back, then number and CodeNotation come apart', () => {
    expect(parseNumberAndNotation('2588/QĐ-UBND')).toEqual({ number: 2588, year: null, notation: 'QĐ-UBND', parts: ['QĐ', 'UBND'] });
  });

  test('R-EDX-1 when the text has spaces, a "Số:" prefix, an en dash, a leading zero or decomposed letters, then it still reads the same', () => {
    expect(parseNumberAndNotation(' Số:  01 / QĐ – UBND '.normalize('NFD'))).toMatchObject({ number: 1, notation: 'QĐ-UBND' });
  });

  test('R-EDX-1 when a legal normative document carries its year, then the year is read separately', () => {
    expect(parseNumberAndNotation('15/2020/QĐ-UBND')).toEqual({ number: 15, year: 2020, notation: '2020/QĐ-UBND', parts: ['QĐ', 'UBND'] });
  });

  test('R-EDX-1 when the known type abbreviations are given, then a typed notation and a công văn with its unit are told apart', () => {
    expect(parseNumberAndNotation('2588/QĐ-UBND', { typeAbbreviations: TYPE_ABBREVIATIONS })).toMatchObject({ typeAbbreviation: 'QĐ', organizationShortName: 'UBND', unitShortName: null });
    expect(parseNumberAndNotation('123/UBND-VP', { typeAbbreviations: TYPE_ABBREVIATIONS })).toMatchObject({ typeAbbreviation: null, organizationShortName: 'UBND', unitShortName: 'VP' });
  });

  test.each(['2588', 'QĐ-UBND', '0/QĐ-UBND', '12/QĐ--UBND', '12/', 'abc/QĐ-UBND'])('R-EDX-1 when "%s" is not a number and notation, then reading it is refused', (text) => {
    expect(() => parseNumberAndNotation(text)).toThrow(NotationError);
  });

  test.each([
    { number: 2588, typeAbbreviation: 'QĐ', organizationShortName: 'UBND' },
    { number: 5, typeAbbreviation: null, organizationShortName: 'SKHĐT', unitShortName: 'VP' },
  ])('R-EDX-1 when composed and read back (%j), then the same parts come out', (parts) => {
    const parsed = parseNumberAndNotation(composeNumberAndNotation(parts), { typeAbbreviations: TYPE_ABBREVIATIONS });
    expect(parsed).toMatchObject({ ...parts, unitShortName: parts.unitShortName ?? null });
  });
});

describe('register years, ids and starting numbers (R-DOC-1, R-ORG-3)', () => {
  test('R-DOC-1 when it is 31/12 23:59:59.999 +07:00, then the register year is still the old one; at 1/1 00:00 +07:00 it is the new one', () => {
    expect(registerYear(new Date('2025-12-31T23:59:59.999+07:00'))).toBe(2025);
    expect(registerYear(new Date('2026-01-01T00:00:00.000+07:00'))).toBe(2026);
    expect(registerYear('2025-12-31T17:00:00.000Z')).toBe(2026);
  });

  test('R-ORG-3 when the issuing organization is the province, then the document identifier reads 000.00.00.H52.<yyyy>.<n>', () => {
    expect(documentIdentifier('000.00.00.H52', 2026, 17)).toBe('000.00.00.H52.2026.17');
  });

  test('R-DOC-1 when an entry id is built and parsed, then it round-trips; a malformed id parses to null', () => {
    const key = { organizationCode: '000.00.02.H52', register: 'incoming' as const, year: 2026, number: 42 };
    expect(registerEntryId(key)).toBe('000.00.02.H52:incoming:2026:42');
    expect(parseRegisterEntryId('000.00.02.H52:incoming:2026:42')).toEqual(key);
    expect(parseRegisterCounterId('000.00.02.H52:outgoing:2026')).toEqual({ organizationCode: '000.00.02.H52', register: 'outgoing', year: 2026 });
    for (const bad of ['000.00.02.H52:identifier:2026:1', '000.00.02.H52:incoming:2026:0', '000.00.2.H52:incoming:2026:1', '000.00.02.H52:incoming:26:1']) {
      expect(parseRegisterEntryId(bad)).toBeNull();
    }
  });

  test.each([
    [11, 2026, 2026, 10, null],
    [100, 2026, 2026, null, null],
    [5, 2027, 2026, null, null],
    [10, 2026, 2026, 10, 'STARTING_NUMBER_TOO_LOW'],
    [0, 2026, 2026, null, 'INVALID_INPUT'],
    [5, 2025, 2026, null, 'REGISTER_CLOSED'],
    [5, 2028, 2026, null, 'INVALID_INPUT'],
  ])('R-DOC-1 when the starting number is %p for %p (now %p, highest registered %p), then the answer is %p', (requested, year, currentYear, highestRegistered, code) => {
    const input = { requested, year, currentYear, highestRegistered };
    expect(startingNumberProblem(input)?.code ?? null).toBe(code);
  });
});
