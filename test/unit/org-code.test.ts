import { DomainError } from '../../domain/errors';
import { ancestorsOf, documentIdentifier, isInSubtree, orgCodeProblem, parseOrgCode, subtreeLikePattern } from '../../domain/org-code';

describe('organization identifier codes (R-ORG-1)', () => {
  test.each([
    ['000.00.00.H52', 1, null],
    ['000.00.37.H52', 2, '000.00.00.H52'],
    ['000.02.37.H52', 3, '000.00.37.H52'],
    ['001.02.37.H52', 4, '000.02.37.H52'],
    ['000.00.00.G22', 1, null],
  ])('R-ORG-1 when the code is %s, then it is level %d with parent %s', (code, level, parent) => {
    const parsed = parseOrgCode(code);
    expect(parsed.level).toBe(level);
    expect(parsed.parent).toBe(parent);
  });

  test.each([
    ['000.00.37.H5', 'đúng 13 ký tự'],
    ['000.00.037.H52', 'đúng 13 ký tự'],
    ['000-00-37-H52', '4 nhóm'],
    ['000.00.37.852', '4 nhóm'],
    ['0a0.00.37.H52', '4 nhóm'],
    ['000.00.37.h52', 'viết hoa'],
    ['000.01.00.H52', 'non-zero group under a zero group'],
    ['001.00.00.H52', 'non-zero group under a zero group'],
    ['001.00.37.H52', 'non-zero group under a zero group'],
    ['', 'đúng 13 ký tự'],
  ])('R-ORG-1 when the code is "%s", then it is refused saying %s', (code, reason) => {
    expect(orgCodeProblem(code)).toContain(reason);
    expect(() => parseOrgCode(code)).toThrow(DomainError);
  });

  test('R-ORG-1 when the input is not a string, then it is refused', () => {
    expect(orgCodeProblem(52)).toMatch(/chuỗi/);
  });

  test('R-ORG-1 when walking up from a level-4 unit, then every ancestor up to the province is found', () => {
    expect(ancestorsOf('001.02.37.H52')).toEqual(['000.02.37.H52', '000.00.37.H52', '000.00.00.H52']);
  });

  test('R-ORG-1 when matching a subtree, then the pattern covers exactly the descendants', () => {
    const codes = ['000.00.00.H52', '000.00.37.H52', '000.02.37.H52', '001.02.37.H52', '000.00.31.H52', '000.01.31.H52', '000.00.37.G22'];
    const like = (pattern: string, code: string) => new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/_/g, '.')}$`).test(code);
    for (const root of codes) {
      for (const code of codes) {
        expect([root, code, like(subtreeLikePattern(root), code)]).toEqual([root, code, isInSubtree(code, root)]);
      }
    }
  });
});

describe('document identifiers (R-ORG-3)', () => {
  test('R-ORG-3 when composing, then it is <orgCode>.<yyyy>.<seq>', () => {
    expect(documentIdentifier('000.00.00.H52', 2018, 2588)).toBe('000.00.00.H52.2018.2588');
  });
  test('R-ORG-3 when the organization code or sequence is invalid, then it is refused', () => {
    expect(() => documentIdentifier('000.00.00.H5', 2018, 1)).toThrow(DomainError);
    expect(() => documentIdentifier('000.00.00.H52', 2018, 0)).toThrow(RangeError);
  });
});
