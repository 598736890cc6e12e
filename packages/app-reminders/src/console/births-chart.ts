import { html, type SafeHtml } from '@mwana/core';

const WIDTH = 640;
const HEIGHT = 160;
const LABEL = 18;

/**
 * Events registered per month as a bar chart in inline SVG: nothing loaded, a few hundred
 * bytes, readable on an old browser over a slow link. Sized by attributes: the console's CSP
 * allows no inline style.
 */
export function birthsChart(months: readonly string[], totals: readonly number[]): SafeHtml {
  const most = Math.max(1, ...totals);
  const slot = WIDTH / Math.max(1, months.length);
  const bar = Math.max(4, slot * 0.7);
  const bars = months.map((month, i) => {
    const height = ((HEIGHT - 2 * LABEL) * totals[i]) / most;
    const x = i * slot + (slot - bar) / 2;
    const y = HEIGHT - LABEL - height;
    return html`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${height.toFixed(1)}" fill="#4e79a7"><title>${month}: ${totals[i]}</title></rect><text x="${(x + bar / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${totals[i]}</text><text x="${(x + bar / 2).toFixed(1)}" y="${HEIGHT - 4}" text-anchor="middle">${month}</text>`;
  });
  return html`<svg class="chart" role="img" aria-label="Events registered per month" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-size="11">${bars}</svg>`;
}
