import type { FactoryProvider, ValueProvider } from '@nestjs/common';
import { LabResultsModule } from './labresults.module';
import { LABRESULTS_OPTIONS } from './labresults.module-definition';
import { labresultsConfig } from './labresults.config';

describe('LabResultsModule', () => {
  it('is composed with its validated section as options', () => {
    const settings = labresultsConfig.schema.parse({ resultWords: { detected: 'Positive' } });
    const module = LabResultsModule.forRoot(settings);
    const options = (module.providers ?? []).find(
      (p): p is ValueProvider | FactoryProvider =>
        typeof p === 'object' && 'provide' in p && p.provide === LABRESULTS_OPTIONS,
    );
    expect(options && 'useValue' in options ? options.useValue : undefined).toMatchObject({
      batchSize: 9,
      pinAttempts: 5,
      resultWords: { detected: 'Positive', notDetected: 'NotDetected', rejected: 'Rejected' },
    });
  });

  it('caps a batch of results at 9, as one SMS holds', () => {
    expect(labresultsConfig.schema.safeParse({ batchSize: 10 }).success).toBe(false);
  });

  it('maps JOIN type words to roles, as each country may rename them', () => {
    expect(labresultsConfig.schema.parse({}).joinTypes).toMatchObject({
      clinic: 'clinic-worker',
      dho: 'district-worker',
      pho: 'province-worker',
    });
    expect(labresultsConfig.schema.safeParse({ joinTypes: { nurse: 'doctor' } }).success).toBe(false);
  });
});
