interface Waiting<In, Out> {
  readonly input: In;
  readonly resolve: (output: Out) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for work that costs about as much for many as for one (a statement and its
 * commit). A call runs at once while fewer than `maxInFlight` batches are running; the calls
 * that come while they run wait, and go together as the next batch when one ends. Alone, a
 * call waits for nothing; under load, concurrent requests share statements. `run` answers
 * one output per input, in order. If a batch fails, each of its calls is run alone, in
 * order, so a bad input fails only its own caller.
 */
export class Batcher<In, Out> {
  private readonly waiting: Array<Waiting<In, Out>> = [];
  private inFlight = 0;

  constructor(
    private readonly run: (inputs: readonly In[]) => Promise<Out[]>,
    private readonly options: { maxInFlight: number; maxSize: number } = { maxInFlight: 2, maxSize: 200 },
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.inFlight < this.options.maxInFlight) void this.next();
    });
  }

  private async next(): Promise<void> {
    const batch = this.waiting.splice(0, this.options.maxSize);
    if (batch.length === 0) return;
    this.inFlight++;
    try {
      await this.settle(batch);
    } finally {
      this.inFlight--;
      void this.next();
    }
  }

  private async settle(batch: ReadonlyArray<Waiting<In, Out>>): Promise<void> {
    try {
      const outputs = await this.run(batch.map((w) => w.input));
      batch.forEach((w, i) => w.resolve(outputs[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One after another, so they still land in the order they came.
      for (const w of batch) await this.run([w.input]).then(([output]) => w.resolve(output), w.reject);
    }
  }
}
