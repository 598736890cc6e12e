import type { Contact } from '@mwana/core';
import { Builders, ContactEntity } from '@mwana/core/testing';
import { Location, LocationType, type LocationKind } from '@mwana/app-locations';
import { PatientEvent } from '../events/patient-event.entity';

export interface PlaceSpec {
  readonly code: string;
  readonly name?: string;
  readonly kind?: LocationKind;
  readonly parentId?: number | null;
}

/** Core's builders plus places, clinic workers, agents and events. */
export class RemindersBuilders extends Builders {
  /** A location of a kind (type slug = kind), clinic by default. */
  async place(spec: PlaceSpec): Promise<Location> {
    const kind = spec.kind ?? 'clinic';
    const types = this.dataSource.getRepository(LocationType);
    const type =
      (await types.findOneBy({ slug: kind })) ??
      (await types.save({ slug: kind, singular: kind, plural: `${kind}s`, kind }));
    return this.dataSource.getRepository(Location).save({
      name: spec.name ?? `Place ${spec.code}`,
      code: spec.code,
      typeId: type.id,
      parentId: spec.parentId ?? null,
      sendLiveResults: true,
      hasIndependentPrinter: false,
      active: true,
      latitude: null,
      longitude: null,
    });
  }

  /** A zone of a clinic, as AGENT would make it. */
  zone(clinic: Location, name: string): Promise<Location> {
    return this.place({ code: `${clinic.code}-${name.toLowerCase()}`, name, kind: 'zone', parentId: clinic.id });
  }

  clinicWorker(spec: {
    clinic: Location;
    name: string;
    phone?: string;
    pin?: string;
    active?: boolean;
  }): Promise<Contact & { phone: string }> {
    return this.contact({
      name: spec.name,
      phone: spec.phone,
      pin: spec.pin ?? '1234',
      roles: ['clinic-worker'],
      locationId: spec.clinic.id,
      active: spec.active,
    });
  }

  agent(spec: {
    zone: Location;
    name: string;
    phone?: string;
    active?: boolean;
    language?: string | null;
  }): Promise<Contact & { phone: string }> {
    return this.contact({
      name: spec.name,
      phone: spec.phone,
      roles: ['cba'],
      locationId: spec.zone.id,
      active: spec.active,
      language: spec.language,
    });
  }

  /** A patient at a place with an event on a day, as an agent's BIRTH would store them. */
  async event(spec: {
    zone: Location;
    clinic: Location;
    patient: string;
    date: string;
    event?: string;
    loggedBy?: Contact | null;
    active?: boolean;
  }): Promise<PatientEvent> {
    const patient = await this.dataSource.getRepository(ContactEntity).save({
      name: spec.patient,
      language: null,
      roles: ['patient'],
      active: spec.active ?? true,
      isHelpAdmin: false,
      locationId: spec.zone.id,
    });
    return this.dataSource.getRepository(PatientEvent).save({
      patientId: (patient as Contact).id,
      event: spec.event ?? 'birth',
      date: spec.date,
      place: null,
      connectionId: null,
      loggedById: spec.loggedBy?.id ?? null,
      locationId: spec.zone.id,
      clinicId: spec.clinic.id,
      status: 'new',
      reportedAt: null,
      loggedAt: new Date(`${spec.date}T10:00:00Z`),
    });
  }
}
