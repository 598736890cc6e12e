import { packResults } from './pack-results';

describe('packResults', () => {
  const item = (n: number): string => `**** 10290234${String(n).padStart(2, '0')};NotDetected`;

  it('keeps a few results in one SMS, joined by ". "', () => {
    expect(packResults([item(1), item(2)], 34, 160)).toEqual([`${item(1)}. ${item(2)}`]);
  });

  it('starts a new SMS when the next result would not fit, leaving room for the lead in the first', () => {
    const nine = Array.from({ length: 9 }, (_, i) => item(i + 1));
    const texts = packResults(nine, 34, 160);
    expect(texts.join('. ')).toBe(nine.join('. '));
    expect(34 + texts[0].length).toBeLessThanOrEqual(160);
    for (const text of texts.slice(1)) expect(text.length).toBeLessThanOrEqual(160);
    expect(texts.length).toBeGreaterThan(1);
  });

  it("packs tighter for Malawi's 158 characters", () => {
    const items = Array.from({ length: 3 }, (_, i) => `${'x'.repeat(51)}${i}`);
    expect(packResults(items, 0, 160)).toHaveLength(1);
    expect(packResults(items, 0, 158)).toHaveLength(2);
  });
});
