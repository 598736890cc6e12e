import { Test } from '@nestjs/testing';
import { LocationsModule } from './locations.module';
import { LOCATIONS_OPTIONS } from './locations.module-definition';
import { locationsConfig } from './locations.config';

describe('LocationsModule', () => {
  it('is composed with its validated section as options', async () => {
    const settings = locationsConfig.schema.parse({ codeFormat: 'DDFF', clinicTypes: ['health_centre'] });
    const moduleRef = await Test.createTestingModule({ imports: [LocationsModule.forRoot(settings)] }).compile();
    expect(moduleRef.get(LOCATIONS_OPTIONS)).toMatchObject({ codeFormat: 'DDFF', clinicTypes: ['health_centre'], zoneType: 'zone' });
  });

  it('rejects a code format no country uses', () => {
    expect(locationsConfig.schema.safeParse({ codeFormat: 'XX' }).success).toBe(false);
  });
});
