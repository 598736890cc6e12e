import type { Contact } from '@mwana/core';
import { Builders } from '@mwana/core/testing';
import { Location, LocationType, type LocationKind } from '@mwana/app-locations';
import { LabResult, type NotificationStatus, type RecordChange, type ResultCode } from '../entities/lab-result.entity';

export interface PlaceSpec {
  readonly code: string;
  readonly name?: string;
  readonly kind?: LocationKind;
  readonly parentId?: number | null;
  readonly live?: boolean;
}

export interface ResultSpec {
  readonly clinic: Location;
  readonly requisitionId: string;
  readonly result?: ResultCode | null;
  readonly status?: NotificationStatus;
  readonly verified?: boolean | null;
  readonly collectedOn?: string;
  readonly enteredOn?: string;
  readonly processedOn?: string;
  readonly arrivalDate?: Date;
  readonly resultSentDate?: Date;
  readonly recordChange?: RecordChange;
  readonly oldValue?: string;
}

/** Core's builders plus places, clinic workers and results. */
export class LabResultsBuilders extends Builders {
  private samples = 0;

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
      sendLiveResults: spec.live ?? true,
      hasIndependentPrinter: false,
      active: true,
      latitude: null,
      longitude: null,
    });
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

  result(spec: ResultSpec): Promise<LabResult> {
    this.samples += 1;
    const result = spec.result === undefined ? 'N' : spec.result;
    return this.dataSource.getRepository(LabResult).save({
      sampleId: `LAB-${spec.requisitionId}-${this.samples}`,
      requisitionId: spec.requisitionId,
      clinicId: spec.clinic.id,
      clinicCodeUnrec: null,
      result,
      resultDetail: null,
      notificationStatus: spec.status ?? (result ? 'new' : 'unprocessed'),
      verified: spec.verified === undefined ? true : spec.verified,
      collectedOn: spec.collectedOn ?? '2026-01-02',
      enteredOn: spec.enteredOn ?? null,
      processedOn: spec.processedOn ?? null,
      arrivalDate: spec.arrivalDate ?? (result ? new Date('2026-01-05T08:00:00Z') : null),
      resultSentDate: spec.resultSentDate ?? null,
      recordChange: spec.recordChange ?? null,
      oldValue: spec.oldValue ?? null,
      payloadId: null,
    });
  }
}
