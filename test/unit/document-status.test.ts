import { deadlineTask } from '../../domain/documents';
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

describe('the deadline a document shows (R-DL-1)', () => {
  const task = (step: string, dueAt: string | null, status = 'open') => ({ step, status, dueAt: dueAt ? new Date(dueAt) : null });

  test('R-DL-1 when a paper copy to confirm falls due before the reception step, then the document still shows the reception deadline', () => {
    const tasks = [task('paper_receipt', '2026-11-28T01:00:00Z'), task('reception', '2026-11-30T02:00:00Z')];
    expect(deadlineTask(tasks)?.step).toBe('reception');
  });

  test('R-DL-1 when only side steps are open, then the one due first is shown; done and cancelled tasks never are', () => {
    const tasks = [task('processing', '2026-11-27T01:00:00Z', 'done'), task('paper_dispatch', null), task('recall_answer', '2026-12-02T01:00:00Z'), task('paper_recall', '2026-12-01T01:00:00Z')];
    expect(deadlineTask(tasks)?.step).toBe('paper_recall');
    expect(deadlineTask([task('paper_dispatch', null)])?.step).toBe('paper_dispatch');
    expect(deadlineTask([task('reception', '2026-11-27T01:00:00Z', 'cancelled')])).toBeNull();
  });
});
