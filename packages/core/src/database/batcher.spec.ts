import { Batcher } from './batcher';

/** A `run` whose batches end when the test says, recording what each was given. */
function controlledRun() {
  const batches: string[][] = [];
  const ends: Array<() => void> = [];
  const run = (inputs: readonly string[]): Promise<string[]> => {
    batches.push([...inputs]);
    if (inputs.includes('bad')) return Promise.reject(new Error('refused'));
    return new Promise((resolve) => ends.push(() => resolve(inputs.map((i) => i.toUpperCase()))));
  };
  /** Ends each batch as it comes, until `settled` has. */
  const endUntil = async (settled: Promise<unknown>): Promise<void> => {
    let done = false;
    void settled.finally(() => (done = true));
    while (!done) {
      ends.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { batches, run, endUntil };
}

describe('Batcher (group commit)', () => {
  it('runs a lone call at once', () => {
    const { batches, run } = controlledRun();
    void new Batcher(run).submit('a');
    expect(batches).toEqual([['a']]);
  });

  it('sends the calls that came while the batches in flight ran together, in order, each with its own answer', async () => {
    const { batches, run, endUntil } = controlledRun();
    const batcher = new Batcher(run, { maxInFlight: 2, maxSize: 3 });
    const answers = Promise.all(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => batcher.submit(x)));
    expect(batches).toEqual([['a'], ['b']]);
    await endUntil(answers);
    expect(await answers).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(batches).toEqual([['a'], ['b'], ['c', 'd', 'e'], ['f', 'g']]);
  });

  it('fails only the call whose input the batch refused: the others are run again alone', async () => {
    const { batches, run, endUntil } = controlledRun();
    const batcher = new Batcher(run, { maxInFlight: 1, maxSize: 10 });
    const first = batcher.submit('first');
    const rest = Promise.all(
      ['x', 'bad', 'y'].map((input) => batcher.submit(input).catch((error: Error) => error.message)),
    );
    await endUntil(rest);
    expect(await first).toBe('FIRST');
    expect(await rest).toEqual(['X', 'refused', 'Y']);
    expect(batches).toEqual([['first'], ['x', 'bad', 'y'], ['x'], ['bad'], ['y']]);
  });
});
