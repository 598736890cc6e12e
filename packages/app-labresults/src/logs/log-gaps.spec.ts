import type { LabLogLine } from './lab-logs.service';
import { withGaps } from './log-gaps';

const at = (line: number | null): LabLogLine => ({
  line,
  at: '2026-01-06 10:58:00.000',
  readable: true,
  level: 'INFO',
  message: `line ${line}`,
  problem: null,
});

describe('withGaps', () => {
  it('points out lines the lab never sent, and a log that started again', () => {
    const kinds = withGaps([at(1), at(2), at(5), at(6), at(9000), at(9001), at(1), at(2)]).map((e) =>
      e.kind === 'line' ? e.line.line : e.kind === 'missing' ? `missing ${e.count}` : e.kind,
    );
    expect(kinds).toEqual([1, 2, 'missing 2', 5, 6, 'rotation', 9000, 9001, 'rotation', 1, 2]);
  });

  it('says nothing between lines that follow each other or repeat a number', () => {
    expect(withGaps([at(3), at(3), at(4)]).every((e) => e.kind === 'line')).toBe(true);
    expect(withGaps([])).toEqual([]);
  });
});

describe('withGaps with lines the lab sent without a number', () => {
  it('shows them where they fall and compares the numbered lines around them', () => {
    const kinds = withGaps([at(1), at(null), at(2), at(null), at(5)]).map((e) =>
      e.kind === 'line' ? e.line.line : e.kind === 'missing' ? `missing ${e.count}` : e.kind,
    );
    expect(kinds).toEqual([1, null, 2, null, 'missing 2', 5]);
  });
});
