import { foldVietnamese, selectRoute, type RoutableDocument, type RoutingRule } from '../../domain/routing';

let seq = 0;
function rule(partial: Partial<RoutingRule> & Pick<RoutingRule, 'match'>): RoutingRule {
  seq += 1;
  return {
    id: `r${seq}`,
    version: 1,
    name: `Quy tắc ${seq}`,
    priority: 100,
    isDefault: false,
    active: true,
    target: { kind: 'department', departmentId: `d${seq}` },
    createdAt: `2026-01-0${Math.min(seq, 9)}T00:00:00Z`,
    ...partial,
  };
}

const doc: RoutableDocument = {
  senderCode: '000.02.37.H52',
  typeCode: 'QD',
  field: 'Tài chính',
  urgency: 'urgent',
  summary: 'Quyết định phê duyệt dự toán ngân sách năm 2027 cho Văn phòng',
};

describe('routing rules (R-ROUTE-1)', () => {
  test('R-ROUTE-1 when several rules match, then the one with the lowest priority number fires and the reasons are given', () => {
    const low = rule({ priority: 10, match: { typeCodes: ['QD'], keywords: ['ngan sach'] } });
    const high = rule({ priority: 50, match: { typeCodes: ['QD'] } });
    const d = selectRoute([high, low], doc);
    expect(d?.rule.id).toBe(low.id);
    expect(d?.reasons).toEqual(['loại văn bản QD', 'trích yếu có "ngan sach"']);
  });

  test('R-ROUTE-1 when matching on the sender subtree, then a commune under the district matches but another district does not', () => {
    const r = rule({ match: { senderCodes: ['000.00.37.H52'], senderSubtree: true } });
    expect(selectRoute([r], doc)?.rule.id).toBe(r.id);
    expect(selectRoute([r], { ...doc, senderCode: '000.01.41.H52' })).toBeNull();
    const exact = rule({ match: { senderCodes: ['000.00.37.H52'] } });
    expect(selectRoute([exact], doc)).toBeNull();
  });

  test('R-ROUTE-1 when keywords are written without accents or in other case, then they still match the summary', () => {
    const r = rule({ match: { keywords: ['DỰ TOÁN', 'xay dung'] } });
    expect(selectRoute([r], doc)?.reasons).toEqual(['trích yếu có "DỰ TOÁN"']);
    expect(foldVietnamese('Đường  Điện Biên')).toBe('duong dien bien');
  });

  test('R-ROUTE-1 when no specific rule matches, then the organization default fires; without a default, nothing does', () => {
    const r = rule({ match: { urgencies: ['express'] } });
    const def = rule({ isDefault: true, match: {}, priority: 0 });
    expect(selectRoute([r, def], doc)).toMatchObject({ rule: { id: def.id, isDefault: true }, reasons: ['quy tắc mặc định của cơ quan'] });
    expect(selectRoute([r], doc)).toBeNull();
  });

  test('R-ROUTE-1 when a rule is inactive, then it is skipped; equal priorities fire the older rule first', () => {
    const off = rule({ priority: 1, active: false, match: {} });
    const older = rule({ priority: 5, match: { fields: ['tai chinh'] }, createdAt: '2025-01-01T00:00:00Z' });
    const newer = rule({ priority: 5, match: { fields: ['Tài chính'] }, createdAt: '2026-06-01T00:00:00Z' });
    expect(selectRoute([off, newer, older], doc)?.rule.id).toBe(older.id);
  });

  test('R-ROUTE-1 when the document lacks a field a rule needs, then that rule does not match (and a malformed sender code never throws)', () => {
    const r = rule({ match: { fields: ['Tài chính'] } });
    expect(selectRoute([r], { ...doc, field: null })).toBeNull();
    const s = rule({ match: { senderCodes: ['000.00.37.H52'], senderSubtree: true } });
    expect(selectRoute([s], { ...doc, senderCode: 'not-a-code' })).toBeNull();
  });

  test('R-ROUTE-1 when the fired rule is reported, then it carries its id and version for the history', () => {
    const r = rule({ version: 3, match: {} });
    expect(selectRoute([r], doc)?.rule).toEqual({ id: r.id, version: 3, name: r.name, isDefault: false });
  });
});
