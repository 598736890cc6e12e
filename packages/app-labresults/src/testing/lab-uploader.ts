/** One record in the lab's own database, as the uploader script sees it. */
export interface LabRecord {
  readonly sample: Record<string, unknown>;
  synced: boolean;
}

export interface UploaderOptions {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Samples per request. */
  readonly chunkSize: number;
  /** Sends of one chunk before the script gives up for this run. */
  readonly retries: number;
  /** The script's content type; null sends none. */
  readonly contentType?: string | null;
  readonly source?: string;
}

export interface UploaderRun {
  readonly requests: number;
  readonly chunksSent: number;
  readonly recordsSynced: number;
  /** True when a chunk ran out of retries: the script stops there, as the labs' does. */
  readonly gaveUp: boolean;
}

/**
 * A client that behaves as the labs' uploader script does (docs/keywords.md#lab-upload): the
 * records not yet synced, in chunks; each chunk sent until it is answered HTTP 200 with the body
 * exactly `SUCCESS`, up to its retries; its records marked synced only then; when a chunk runs out
 * of retries the run stops (the next run starts again from the first record not synced).
 */
export class LabUploader {
  constructor(private readonly options: UploaderOptions) {}

  async sync(records: readonly LabRecord[], logs: readonly object[] = []): Promise<UploaderRun> {
    const pending = records.filter((r) => !r.synced);
    let requests = 0;
    let chunksSent = 0;
    let recordsSynced = 0;
    const auth = Buffer.from(`${this.options.username}:${this.options.password}`).toString('base64');
    for (let i = 0; i < pending.length; i += this.options.chunkSize) {
      const chunk = pending.slice(i, i + this.options.chunkSize);
      const body = JSON.stringify({
        source: this.options.source ?? 'ndola/arthur-davison',
        version: '4.2',
        now: '2026-01-06 10:59:00',
        info: `chunk ${chunksSent + 1}`,
        // The script sends its log lines with the first chunk.
        logs: i === 0 ? logs : [],
        samples: chunk.map((r) => r.sample),
      });
      let good = false;
      for (let attempt = 0; attempt < this.options.retries && !good; attempt++) {
        requests += 1;
        const contentType = this.options.contentType === undefined ? 'text/json' : this.options.contentType;
        const response = await fetch(this.options.url, {
          method: 'POST',
          headers: { authorization: `Basic ${auth}`, ...(contentType ? { 'content-type': contentType } : {}) },
          // A Blob without a type sends no Content-Type at all.
          body: contentType ? body : new Blob([body]),
        }).catch(() => null);
        const text = response ? await response.text() : '';
        good = response?.status === 200 && text === 'SUCCESS';
      }
      if (!good) return { requests, chunksSent, recordsSynced, gaveUp: true };
      chunksSent += 1;
      for (const record of chunk) record.synced = true;
      recordsSynced += chunk.length;
    }
    return { requests, chunksSent, recordsSynced, gaveUp: false };
  }
}
