import {
  Location,
  LocationType,
  type LocationKind,
  LocationsModule,
  locationsConfig,
  locationsMigrations,
} from '@mwana/app-locations';
import type { Contact, Role } from '@mwana/core';
import { Builders, ConversationHarness, type TestDatabase } from '@mwana/core/testing';
import { broadcastConfig } from '../broadcast.config';
import { BroadcastModule } from '../broadcast.module';
import { broadcastMigrations } from '../migrations';

/** Core's builders plus places and contacts at them. */
export class BroadcastBuilders extends Builders {
  /** A location of a kind (type slug = kind), clinic by default. */
  async place(spec: { code: string; name?: string; kind?: LocationKind; parent?: Location | null }): Promise<Location> {
    const kind = spec.kind ?? 'clinic';
    const types = this.dataSource.getRepository(LocationType);
    const type =
      (await types.findOneBy({ slug: kind })) ??
      (await types.save({ slug: kind, singular: kind, plural: `${kind}s`, kind }));
    return this.dataSource.getRepository(Location).save({
      name: spec.name ?? `Place ${spec.code}`,
      code: spec.code,
      typeId: type.id,
      parentId: spec.parent?.id ?? null,
      sendLiveResults: true,
      hasIndependentPrinter: false,
      active: true,
      latitude: null,
      longitude: null,
    });
  }

  /** Someone with roles at a place. */
  person(
    name: string,
    phone: string,
    roles: Role[],
    at: Location | null,
    more: { helpAdmin?: boolean; active?: boolean } = {},
  ): Promise<Contact & { phone: string }> {
    return this.contact({ name, phone, roles, locationId: at?.id ?? null, pin: '1234', ...more });
  }
}

export interface BroadcastHarnessOptions {
  readonly http?: boolean;
  readonly database?: TestDatabase;
  readonly broadcast?: Record<string, unknown>;
  /** Other sections' values (`console.*`). */
  readonly config?: Record<string, Record<string, unknown>>;
  /** gettext catalogue folders (a test catalogue). */
  readonly localeDirs?: readonly string[];
}

/** The router with locations and broadcast on a fresh database (Zambia's codes, 160-character SMS). */
export function createBroadcastHarness(
  options: BroadcastHarnessOptions = {},
): Promise<ConversationHarness<BroadcastBuilders>> {
  const locations = {
    codeFormat: 'PPDDFF',
    clinicTypes: ['clinic'],
    districtType: 'district',
    provinceType: 'province',
  };
  const broadcast = options.broadcast ?? {};
  return ConversationHarness.create({
    imports: [
      LocationsModule.forRoot(locationsConfig.schema.parse(locations)),
      BroadcastModule.forRoot(broadcastConfig.schema.parse(broadcast)),
    ],
    sections: [locationsConfig, broadcastConfig],
    config: {
      ...options.config,
      locations,
      broadcast,
      country: { code: 'ZM', timezone: 'Africa/Lusaka', smsMaxLength: 160 },
    },
    migrations: [...locationsMigrations, ...broadcastMigrations],
    builders: BroadcastBuilders,
    now: '2026-01-06T09:00:00Z',
    http: options.http ?? false,
    database: options.database,
    localeDirs: options.localeDirs,
  });
}
