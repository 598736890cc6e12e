import { clearLine, cursorTo } from 'node:readline';

/**
 * A one-line progress bar for a terminal, redrawn in place; silent when output goes to a
 * file or a pipe (cron, CI logs), where carriage returns only make noise.
 */
export class ProgressBar {
  private drawn = false;
  private lastPercent = -1;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stdout,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled || total <= 0) return;
    const percent = Math.floor((done / total) * 100);
    // Redraw on whole percents only: a national file would otherwise write thousands of lines.
    if (percent === this.lastPercent) return;
    this.lastPercent = percent;
    const counts = `${percent}% ${done}/${total}`;
    const width = Math.max(10, Math.min(40, (this.stream.columns || 80) - this.label.length - counts.length - 6));
    const filled = Math.round((done / total) * width);
    cursorTo(this.stream, 0);
    clearLine(this.stream, 0);
    this.stream.write(`${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts}`);
    this.drawn = true;
  }

  /** Ends the bar's line so what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
