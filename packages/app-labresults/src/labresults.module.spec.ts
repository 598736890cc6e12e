import { Test } from '@nestjs/testing';
import { LabResultsModule } from './labresults.module';
import { LABRESULTS_OPTIONS } from './labresults.module-definition';
import { labresultsConfig } from './labresults.config';

describe('LabResultsModule', () => {
  it('is composed with its validated section as options', async () => {
    const settings = labresultsConfig.schema.parse({ resultWords: { detected: 'Positive' } });
    const moduleRef = await Test.createTestingModule({ imports: [LabResultsModule.forRoot(settings)] }).compile();
    expect(moduleRef.get(LABRESULTS_OPTIONS)).toMatchObject({
      batchSize: 9,
      pinAttempts: 5,
      resultWords: { detected: 'Positive', notDetected: 'NotDetected', rejected: 'Rejected' },
    });
  });

  it('caps a batch of results at 9, as one SMS holds', () => {
    expect(labresultsConfig.schema.safeParse({ batchSize: 10 }).success).toBe(false);
  });
});
