import { html, type SafeHtml } from '@mwana/core';
import { STAGES, type TurnaroundRow } from './turnaround.queries';

const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1'];
const WIDTH = 640;
const LABEL = 70;
const BAR = 18;
const GAP = 8;

export const days = (value: number | null): string => (value === null ? '–' : value.toFixed(1));

/**
 * Mean days per stage as one stacked bar per row (a month), drawn as inline SVG: no script,
 * nothing loaded, a few hundred bytes a month, readable on an old browser over a slow link.
 */
export function turnaroundChart(rows: readonly TurnaroundRow[]): SafeHtml {
  const sums = rows.map((r) => STAGES.reduce((sum, s) => sum + (r.stages[s.key] ?? 0), 0));
  const longest = Math.max(1, ...sums);
  const scale = (WIDTH - LABEL - 50) / longest;
  const height = Math.max(1, rows.length) * (BAR + GAP);
  const bars = rows.map((row, i) => {
    const y = i * (BAR + GAP);
    let x = LABEL;
    const segments = STAGES.map((stage, s) => {
      const value = row.stages[stage.key] ?? 0;
      const segment = html`<rect x="${x.toFixed(1)}" y="${y}" width="${(value * scale).toFixed(1)}" height="${BAR}" fill="${COLOURS[s]}"><title>${row.month} ${stage.label}: ${days(row.stages[stage.key])} days</title></rect>`;
      x += value * scale;
      return segment;
    });
    return html`<text x="0" y="${y + BAR - 5}">${row.month}</text>${segments}<text x="${(x + 4).toFixed(1)}" y="${y + BAR - 5}">${days(sums[i])} d</text>`;
  });
  // Sized by attributes, not style: the console's CSP allows no inline styles (its stylesheet scales svg.chart down to fit).
  const legend = STAGES.map(
    (stage, s) =>
      html`<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${COLOURS[s]}"/></svg> ${stage.label}</li>`,
  );
  return html`<svg class="chart" role="img" aria-label="Mean days per stage, by month" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-size="11">${bars}</svg>
<ul class="legend">${legend}</ul>`;
}
