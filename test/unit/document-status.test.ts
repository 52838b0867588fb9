import { INCOMING_STATUSES, statusCodesToReport, statusTransitionProblem } from '../../domain/document-status';

describe('document status (R-DOC-3)', () => {
  test.each([
    ['arrived', 'accepted'],
    ['arrived', 'refused'],
    ['accepted', 'routed'],
    ['accepted', 'processing'],
    ['routed', 'processing'],
    ['processing', 'processing'],
    ['processing', 'completed'],
    ['arrived', 'recalled'],
    ['processing', 'recalled'],
    ['completed', 'recalled'],
    ['recalled', 'deleted'],
  ] as const)('R-DOC-3 when a document goes from %s to %s, then the change is allowed', (from, to) => {
    expect(statusTransitionProblem(from, to)).toBeNull();
  });

  test.each([
    ['arrived', 'processing'],
    ['refused', 'accepted'],
    ['completed', 'processing'],
    ['accepted', 'arrived'],
    ['recalled', 'recalled'],
    ['refused', 'recalled'],
    ['deleted', 'arrived'],
  ] as const)('R-DOC-3 when a document goes from %s to %s, then the change is refused with a reason', (from, to) => {
    expect(statusTransitionProblem(from, to)).toEqual(expect.any(String));
  });

  test('R-DOC-3 when a document is assigned straight after acceptance, then 04 is reported before 05', () => {
    expect(statusCodesToReport('accepted', 'processing')).toEqual(['04', '05']);
  });

  test('R-DOC-3 when an accepted document is completed without a separate routing step, then 04, 05 and 06 are reported in order', () => {
    expect(statusCodesToReport('accepted', 'completed')).toEqual(['04', '05', '06']);
  });

  test('R-DOC-3 when a document is refused, then 02 is reported; local-only changes report nothing', () => {
    expect(statusCodesToReport('arrived', 'refused')).toEqual(['02']);
    expect(statusCodesToReport('recalled', 'deleted')).toEqual([]);
    expect(statusCodesToReport('completed', 'processing')).toEqual([]);
  });

  test('R-DOC-3 when every pair of statuses is tried, then a report is produced only for allowed changes', () => {
    for (const from of INCOMING_STATUSES) {
      for (const to of INCOMING_STATUSES) {
        if (statusTransitionProblem(from, to)) expect(statusCodesToReport(from, to)).toEqual([]);
      }
    }
  });
});
