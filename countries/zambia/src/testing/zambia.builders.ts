import { LabResult, type NotificationStatus } from '@mwana/app-labresults';
import { Location, type LocationKind, LocationType } from '@mwana/app-locations';
import type { Contact } from '@mwana/core';
import { Builders, type ContactSpec } from '@mwana/core/testing';

/** Core's builders plus places and results, as Zambia's tests need them. */
export class ZambiaBuilders extends Builders {
  private samples = 0;

  /** A location of a kind (its type named after Zambia's: `districts`, `provinces`, `rural_health_centre`, `zone`). */
  async place(spec: { code: string; name: string; kind?: LocationKind; parentId?: number }): Promise<Location> {
    const kind = spec.kind ?? 'clinic';
    const slug = { province: 'provinces', district: 'districts', clinic: 'rural_health_centre', zone: 'zone' }[
      kind as 'province' | 'district' | 'clinic' | 'zone'
    ];
    const types = this.dataSource.getRepository(LocationType);
    const type =
      (await types.findOneBy({ slug })) ?? (await types.save({ slug, singular: slug, plural: `${slug}s`, kind }));
    return this.dataSource.getRepository(Location).save({
      name: spec.name,
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

  /** A contact that registered `at` (its created_at: the fake clock's time, not the database's). */
  async registered(spec: ContactSpec & { at: Date }): Promise<Contact & { phone: string }> {
    const contact = await this.contact(spec);
    await this.dataSource.query('UPDATE contact SET created_at = $2 WHERE id = $1', [contact.id, spec.at]);
    return Object.assign(contact, { createdAt: spec.at });
  }

  /** A result of the clinic; its sample id `LAB-<n>` (n counts this builder's results), or `sampleId`. */
  result(
    clinic: Location,
    status: NotificationStatus,
    verified: boolean | null = true,
    sampleId?: string,
  ): Promise<LabResult> {
    this.samples += 1;
    return this.dataSource.getRepository(LabResult).save({
      sampleId: sampleId ?? `LAB-${this.samples}`,
      requisitionId: `10290234${String(this.samples).padStart(2, '0')}`,
      clinicId: clinic.id,
      clinicCodeUnrec: null,
      result: 'N',
      resultDetail: null,
      notificationStatus: status,
      verified,
      collectedOn: '2026-01-02',
      enteredOn: null,
      processedOn: null,
      arrivalDate: new Date('2026-01-05T08:00:00Z'),
      resultSentDate: null,
      recordChange: null,
      oldValue: null,
      payloadId: null,
    });
  }
}
