import { classificationReport } from './metrics';

const i32 = (v: number[]) => Int32Array.from(v);

describe('classificationReport', () => {
  it('matches a confusion example worked by hand', () => {
    // true  0 0 0 0 1 1 1 2 2 2   (class 3 of k = 4 never occurs)
    // pred  0 0 1 2 1 1 0 2 2 1
    const r = classificationReport(
      i32([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]),
      i32([0, 0, 1, 2, 1, 1, 0, 2, 2, 1]),
      4,
    );
    expect(r.confusion_matrix).toEqual([
      [2, 1, 1, 0],
      [1, 2, 0, 0],
      [0, 1, 2, 0],
      [0, 0, 0, 0],
    ]);
    expect(r.accuracy).toBeCloseTo(0.6, 15);
    // recalls 2/4, 2/3, 2/3 over the three classes that occur
    expect(r.balanced_accuracy).toBeCloseTo(11 / 18, 15);
    // F1: 2·2/(4+3) = 4/7, 2·2/(3+4) = 4/7, 2·2/(3+3) = 2/3 → (4·4/7 + 3·4/7 + 3·2/3)/10
    expect(r.weighted_f1).toBeCloseTo(0.6, 15);
    const expected = [
      { class: 0, precision: 2 / 3, recall: 1 / 2, f1: 4 / 7, support: 4 },
      { class: 1, precision: 1 / 2, recall: 2 / 3, f1: 4 / 7, support: 3 },
      { class: 2, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 },
      { class: 3, precision: 0, recall: 0, f1: 0, support: 0 },
    ];
    r.per_class.forEach((m, c) => {
      expect(m.class).toBe(expected[c].class);
      expect(m.support).toBe(expected[c].support);
      expect(m.precision).toBeCloseTo(expected[c].precision, 15);
      expect(m.recall).toBeCloseTo(expected[c].recall, 15);
      expect(m.f1).toBeCloseTo(expected[c].f1, 15);
    });
  });

  it('leaves classes only predicted out of balanced accuracy and scores them 0', () => {
    const r = classificationReport(i32([0, 0, 1, 1]), i32([0, 3, 1, 1]), 4);
    expect(r.accuracy).toBe(0.75);
    expect(r.balanced_accuracy).toBeCloseTo((1 / 2 + 1) / 2, 15);
    // F1 of class 0: 2·1/(2+1) = 2/3; class 1: 1 → (2·2/3 + 2·1)/4
    expect(r.weighted_f1).toBeCloseTo(5 / 6, 15);
    expect(r.per_class[3]).toEqual({ class: 3, precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('is perfect on perfect predictions and 0 on empty input (no NaN)', () => {
    const r = classificationReport(i32([1, 0, 1]), i32([1, 0, 1]), 2);
    expect([r.accuracy, r.balanced_accuracy, r.weighted_f1]).toEqual([1, 1, 1]);
    const e = classificationReport(i32([]), i32([]), 2);
    expect([e.accuracy, e.balanced_accuracy, e.weighted_f1]).toEqual([0, 0, 0]);
    expect(e.confusion_matrix).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => classificationReport(i32([0]), i32([0, 1]), 2)).toThrow(/1 true labels but 2/);
    expect(() => classificationReport(i32([0, 2]), i32([0, 1]), 2)).toThrow(/row 1/);
    expect(() => classificationReport(i32([0]), i32([-1]), 2)).toThrow(/outside/);
  });
});
