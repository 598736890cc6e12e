import type { Location } from '@mwana/app-locations';
import type { ConversationHarness } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { SampleNotification } from './sample-notification.entity';

const REGISTERED_ONLY =
  "Sorry, you must be registered with Results160 to report DBS samples sent. If you think this message is a mistake, respond with keyword 'HELP'";

describe('SENT and RECEIVED: samples on their way to the lab', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;
  const notices = () => harness.dataSource.getRepository(SampleNotification).find({ order: { id: 'ASC' } });

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const district = await harness.build.place({ code: '403000', name: 'Ndola', kind: 'district' });
    const otherDistrict = await harness.build.place({ code: '404000', name: 'Kitwe', kind: 'district' });
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: district.id });
    const hub = await harness.build.place({
      code: '403099',
      name: 'Ndola Central',
      kind: 'other',
      parentId: district.id,
    });
    const farHub = await harness.build.place({
      code: '404099',
      name: 'Kitwe Central',
      kind: 'other',
      parentId: otherDistrict.id,
    });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.contact({
      name: 'Hub Worker',
      phone: '+260977000005',
      roles: ['hub-worker'],
      locationId: hub.id,
    });
    await harness.build.contact({
      name: 'Far Hub',
      phone: '+260977000006',
      roles: ['hub-worker'],
      locationId: farHub.id,
    });
  });

  it('SENT from a clinic: stored, thanked, and the hub of its district told', async () => {
    await harness.run(`
      +260977000001 > snt hundred twenti 5 samples
      +260977000001 < Hello Mary Phiri! We received your notification that 125 DBS samples were sent to us today from Chifubu Clinic. We will notify you when the results are ready.
      +260977000005 < Hello Hub Worker! Chifubu Clinic have sent 125 samples to Ndola Central hub today.
    `);
    expect((await notices()).map((n) => [n.kind, n.locationId, n.count, n.text])).toEqual([
      ['clinic-sent', clinic.id, 125, 'snt hundred twenti 5 samples'],
    ]);
  });

  it('SENT from a hub worker reports what the hub sent on', async () => {
    await harness.run(`
      +260977000005 > SENT 40 samples anythin
      +260977000005 < Hello Hub Worker! We received your notification that 40 DBS samples were sent to us today from Ndola Central hub.
    `);
    expect((await notices()).map((n) => n.kind)).toEqual(['hub-sent']);
  });

  it('SENT answers the unregistered, the bare keyword, no number, zero and too many', async () => {
    await harness.run(`
      +260977000009 > SENT 5
      +260977000009 < ${REGISTERED_ONLY}
      +260977000001 > sent
      +260977000001 < To report DBS samples sent, send SENT <NUMBER OF SAMPLES>
      +260977000001 > SENT some samples
      +260977000001 < Sorry, we didn't understand that message. To report DBS samples sent, send SENT <NUMBER OF SAMPLES>
      +260977000001 > SENT 0
      +260977000001 < Sorry, the number of DBS samples sent must be greater than 0 (zero).
      +260977000001 > SENT 100001
      +260977000001 < To report DBS samples sent, send SENT <NUMBER OF SAMPLES>
    `);
    expect(await notices()).toEqual([]);
  });

  it('knows SENT and RECEIVED by every spelling Mwana took', async () => {
    const sent = ['SEND', 'SEN', 'SNT', 'CENT', 'SND'].map(
      (alias) => `+260977000001 > ${alias}\n+260977000001 < To report DBS samples sent, send SENT <NUMBER OF SAMPLES>`,
    );
    const received = ['RECEIVE', 'RECIEVE', 'RECIEVED'].map(
      (alias) =>
        `+260977000005 > ${alias}\n+260977000005 < Sorry, we didn't understand that message. To report DBS samples received, send RECEIVED <NUMBER OF SAMPLES> <CLINIC-CODE>`,
    );
    await harness.run([...sent, ...received].join('\n'));
  });

  it('RECEIVED from a hub worker, with its refusals', async () => {
    await harness.run(`
      +260977000009 > RECEIVED 5 403012
      +260977000009 < ${REGISTERED_ONLY}
      +260977000005 > received
      +260977000005 < Sorry, we didn't understand that message. To report DBS samples received, send RECEIVED <NUMBER OF SAMPLES> <CLINIC-CODE>
      +260977000005 > RECEIVED lots
      +260977000005 < Sorry, we didn't understand that message. To report DBS samples received, send RECEIVED <NUMBER OF SAMPLES> <CLINIC-CODE>
      +260977000005 > RECIEVED 5 999999
      +260977000005 < Sorry, I don't know about a location with code '999999'
      +260977000005 > RECEIVED 0 403012
      +260977000005 < Sorry, the number of DBS samples received must be greater than 0 (zero).
      +260977000005 > received 12 403012
      +260977000005 < Hello Hub Worker! We received your notification that you received 12 DBS samples today from Chifubu Clinic.
    `);
    expect((await notices()).map((n) => [n.kind, n.clinicId, n.count])).toEqual([['hub-received', clinic.id, 12]]);
  });

  it('RECEIVED with the count in words and the separators hub workers type (docs/keywords.md#received)', async () => {
    await harness.run(`
      +260977000005 > RECEIVED five 403012
      +260977000005 < Hello Hub Worker! We received your notification that you received 5 DBS samples today from Chifubu Clinic.
      +260977000005 > received twenty five, 403012
      +260977000005 < Hello Hub Worker! We received your notification that you received 25 DBS samples today from Chifubu Clinic.
      +260977000005 > RECEIVED 7 samples: 403012.
      +260977000005 < Hello Hub Worker! We received your notification that you received 7 DBS samples today from Chifubu Clinic.
      +260977000005 > RECEIVED 1o 403012
      +260977000005 < Hello Hub Worker! We received your notification that you received 10 DBS samples today from Chifubu Clinic.
      +260977000005 > RECEIVED 403012
      +260977000005 < Sorry, we didn't understand that message. To report DBS samples received, send RECEIVED <NUMBER OF SAMPLES> <CLINIC-CODE>
      +260977000005 > RECEIVED many 403012
      +260977000005 < Sorry, we didn't understand that message. To report DBS samples received, send RECEIVED <NUMBER OF SAMPLES> <CLINIC-CODE>
    `);
    expect((await notices()).map((n) => n.count)).toEqual([5, 25, 7, 10]);
  });
});
