import { LocationsModule } from './locations.module';
import { LOCATIONS_OPTIONS } from './locations.module-definition';
import { locationsConfig } from './locations.config';
import { LocationsService } from './locations.service';

// The module's wiring on a database is covered by code.handler.int-spec.ts (a whole router).
describe('LocationsModule', () => {
  it('is composed with its validated section as options', () => {
    const settings = locationsConfig.schema.parse({ codeFormat: 'DDFF', clinicTypes: ['health_centre'] });
    const module = LocationsModule.forRoot(settings);
    const options = module.providers?.find(
      (p) => typeof p === 'object' && 'provide' in p && p.provide === LOCATIONS_OPTIONS,
    );
    expect(options).toMatchObject({
      useValue: { codeFormat: 'DDFF', clinicTypes: ['health_centre'], zoneType: 'zone', padShortCodes: true },
    });
  });

  it('gives other apps the tree queries', () => {
    expect(Reflect.getMetadata('exports', LocationsModule)).toContain(LocationsService);
  });

  it('rejects a code format no country uses', () => {
    expect(locationsConfig.schema.safeParse({ codeFormat: 'XX' }).success).toBe(false);
  });

  it('rejects a type slug with capitals or spaces', () => {
    expect(locationsConfig.schema.safeParse({ clinicTypes: ['Health Centre'] }).success).toBe(false);
  });
});
