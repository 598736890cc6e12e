import type { ConversationHarness } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { fuzzHarness, runLabPayloadFuzz } from './lab-payload-fuzz';

// The smaller version of `pnpm fuzz:labresults` (5,000 payloads, in .ci/run).
describe('malformed lab payloads (docs/keywords.md#lab-upload)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await fuzzHarness();
  });
  afterAll(() => harness.close());

  it('300 of them: no 5xx, every one kept byte for byte, none half applied, every answer one the uploader reads', async () => {
    const figures = await runLabPayloadFuzz(harness, { count: 300, seed: 4, concurrency: 4 });
    expect({
      serverErrors: figures.serverErrors,
      lost: figures.lost,
      partialWrites: figures.partialWrites,
      badAnswers: figures.badAnswers,
      failures: figures.failures,
    }).toEqual({ serverErrors: 0, lost: 0, partialWrites: 0, badAnswers: 0, failures: {} });
    // The fuzz reached both sides: some applied (details and log lines that do not fit), most refused.
    expect(figures.states.applied).toBeGreaterThan(10);
    expect(figures.states.refused).toBeGreaterThan(100);
    expect(figures.flaggedLogLines).toBeGreaterThan(0);
  });
});
