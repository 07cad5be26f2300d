import { runSpans, WindowLoad } from './run-spans';

const DAY = 86_400;
const w = (day: number, chunks: number, over: Partial<WindowLoad> = {}): WindowLoad => ({
  intervalSec: 3600,
  aggregation: 'sum',
  startSec: day * DAY,
  endSec: (day + 1) * DAY,
  chunks,
  ...over,
});
const spans = (plans: ReturnType<typeof runSpans>) =>
  plans.map((p) => `${p.startSec / DAY}-${p.endSec / DAY}:${p.chunks}`);

describe('runSpans', () => {
  it('puts consecutive windows into one run up to the chunk and window limits', () => {
    const windows = [0, 1, 2, 3, 4, 5, 6].map((d) => w(d, 600));
    expect(spans(runSpans(windows, 2000, 10 * DAY))).toEqual(['0-3:1800', '3-6:1800', '6-7:600']);
    expect(spans(runSpans(windows, 2000, 2 * DAY))).toEqual([
      '0-2:1200',
      '2-4:1200',
      '4-6:1200',
      '6-7:600',
    ]);
  });

  it('starts a new run at a gap, another interval, aggregation or window length', () => {
    const windows = [
      w(0, 1),
      w(2, 1), // gap
      w(3, 1, { aggregation: 'distinct' }),
      w(4, 1, { aggregation: 'distinct' }),
      w(5, 1, { intervalSec: 900, aggregation: 'distinct' }),
      { ...w(6, 1, { intervalSec: 900, aggregation: 'distinct' }), endSec: 8 * DAY }, // 2 days
    ];
    expect(spans(runSpans(windows, 100, 100 * DAY))).toEqual([
      '0-1:1',
      '2-3:1',
      '3-5:2',
      '5-6:1',
      '6-8:1',
    ]);
  });

  it('gives a window above the chunk limit several runs of its own', () => {
    const plans = runSpans([w(0, 10), w(1, 4500), w(2, 10)], 2000, 10 * DAY);
    expect(spans(plans)).toEqual(['0-1:10', '1-2:2000', '1-2:2000', '1-2:500', '2-3:10']);
    expect(plans.every((p) => p.windowSec === DAY)).toBe(true);
  });

  it('makes nothing of nothing, and refuses limits below one', () => {
    expect(runSpans([], 10, DAY)).toEqual([]);
    expect(() => runSpans([w(0, 1)], 0, DAY)).toThrow(RangeError);
    expect(() => runSpans([w(0, 1)], 1, 0)).toThrow(RangeError);
  });

  it('gives a window longer than the span a run of its own', () => {
    expect(spans(runSpans([w(0, 1), w(1, 1)], 100, DAY / 2))).toEqual(['0-1:1', '1-2:1']);
  });
});
