import type { Location } from '@mwana/app-locations';
import { ConsoleClient, csrfOf, type ConversationHarness } from '@mwana/core/testing';
import { ResultDisclosure } from '../entities/result-disclosure.entity';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { WorkerApproval } from './worker-approval.entity';

const JOINED_PENDING = (name: string) =>
  `Hi ${name}, you joined Results160 at Chifubu Clinic. Your PIN is 1111. Results will come once the help desk or a colleague approves you.`;
const WAITS = (name: string) =>
  `Hello ${name}. Your registration at Chifubu Clinic waits for approval by the help desk or a colleague. We will tell you when it is done.`;
const NOT_APPROVED = (name: string) =>
  `Sorry ${name}, your registration at Chifubu Clinic was not approved: no results will be sent to you. If this is a mistake, reply HELP.`;
const NOTICE = (name: string, phone: string) =>
  `${name} (${phone}) joined Chifubu Clinic. If you know them, reply APPROVE ${phone}. If not, reply REJECT ${phone}.`;
const APPROVED = (name: string) =>
  `Hello ${name}, your registration at Chifubu Clinic has been approved. To get results, send CHECK.`;
const READY = (name: string, count: number) =>
  `Hello ${name}. We have ${count} DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.`;

describe('approval of new clinic workers (labresults.approveClinicWorkers)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;

  beforeAll(async () => {
    harness = await createLabResultsHarness({ ...ZAMBIA, approveClinicWorkers: true }, { http: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.place({ code: '403013', name: 'Other Clinic' });
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000100', helpAdmin: true });
  });

  it('keeps every result from an unapproved joiner: CHECK, RESULT, the PIN, the morning notice', async () => {
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'P' });
    await harness.run(`
      +260977000001 > JOIN CLINIC 403012 Stranger Danger 1111
      +260977000001 < ${JOINED_PENDING('Stranger Danger')}
      +260977000100 < ${NOTICE('Stranger Danger', '+260977000001')}
      +260977000001 > CHECK
      +260977000001 < ${WAITS('Stranger Danger')}
      +260977000001 > RESULT 1029023412
      +260977000001 < ${WAITS('Stranger Danger')}
      +260977000001 > 1111
      +260977000001 <~ ^Invalid Keyword
      +260977000001 > REPORT 403012
      +260977000001 < I am sorry, you do not have permission to view reports.
      ! jobs run labresults.notify-new-results
    `);
    expect(await harness.dataSource.getRepository(ResultDisclosure).count()).toBe(0);
    expect(await harness.dataSource.getRepository(WorkerApproval).findOneByOrFail({})).toMatchObject({
      status: 'pending',
      clinicId: clinic.id,
    });
  });

  it('a help admin approves by SMS; the worker is told and gets results; later joiners are announced to approved colleagues', async () => {
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'N' });
    await harness.run(`
      +260977000001 > join clinic 403012 Mary Phiri 1111
      +260977000001 < ${JOINED_PENDING('Mary Phiri')}
      +260977000100 < ${NOTICE('Mary Phiri', '+260977000001')}
      +260977000100 > APPROVE
      +260977000100 < To approve a new clinic worker, send APPROVE <phone #>
      +260977000100 > approve 0977000001
      +260977000100 < Thank you Help Desk. Mary Phiri (+260977000001) at Chifubu Clinic can now receive results.
      +260977000001 < ${APPROVED('Mary Phiri')}
      +260977000001 > CHECK
      +260977000001 < ${READY('Mary Phiri', 1)}
      +260977000001 > 1111
      +260977000001 < Thank you! Here are your results: **** 1029023412;NotDetected
      +260977000001 < Please record these results in your clinic records and promptly delete them from your phone. Thank you again Mary Phiri!
      +260977000002 > join clinic 403012 John Banda 1111
      +260977000002 < ${JOINED_PENDING('John Banda')}
      +260977000001 < ${NOTICE('John Banda', '+260977000002')}
    `);
  });

  it('an approved colleague approves or refuses; nobody else may, nor for themselves', async () => {
    const mary = await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    const other = await harness.build.place({ code: '403014', name: 'Far Clinic' });
    await harness.build.clinicWorker({ clinic: other, name: 'Far Worker', phone: '+260977000009', pin: '1234' });
    await harness.run(`
      +260977000002 > join clinic 403012 John Banda 1111
      +260977000002 < ${JOINED_PENDING('John Banda')}
      +260977000001 < ${NOTICE('John Banda', '+260977000002')}
      +260977000003 > join clinic 403012 Jane Mwale 1111
      +260977000003 < ${JOINED_PENDING('Jane Mwale')}
      +260977000001 < ${NOTICE('Jane Mwale', '+260977000003')}
      +260977000002 > APPROVE +260977000003
      +260977000002 < Sorry, only the help desk or an approved clinic worker of the same clinic can approve or refuse a clinic worker.
      +260977000009 > APPROVE +260977000003
      +260977000009 < Sorry, I don't know of a clinic worker with the phone number +260977000003.
      +260977000001 > APPROVE +260977000001
      +260977000001 < Sorry, only the help desk or an approved clinic worker of the same clinic can approve or refuse a clinic worker.
      +260977000001 > approve 0977000002
      +260977000001 < Thank you Mary Phiri. John Banda (+260977000002) at Chifubu Clinic can now receive results.
      +260977000002 < ${APPROVED('John Banda')}
      +260977000001 > REJECT 0977000003
      +260977000001 < Thank you Mary Phiri. Jane Mwale (+260977000003) at Chifubu Clinic will not receive results.
      +260977000003 < ${NOT_APPROVED('Jane Mwale')}
      +260977000003 > CHECK
      +260977000003 < ${NOT_APPROVED('Jane Mwale')}
      +260977000003 > join clinic 403012 Jane Mwale 2222
      +260977000003 < ${NOT_APPROVED('Jane Mwale')}
    `);
    const approvals = await harness.dataSource.getRepository(WorkerApproval).find({ order: { contactId: 'ASC' } });
    expect(approvals.map((a) => [a.status, a.decidedBy])).toEqual([
      ['approved', `contact #${mary.id} by SMS`],
      ['rejected', `contact #${mary.id} by SMS`],
    ]);
  });

  it('the help desk approves in the console; the worker is told by SMS', async () => {
    const client = await ConsoleClient.loggedIn(harness);
    await harness.run(`
      +260977000001 > join clinic 403012 Mary Phiri 1111
      +260977000001 < ${JOINED_PENDING('Mary Phiri')}
      +260977000100 < ${NOTICE('Mary Phiri', '+260977000001')}
    `);
    const page = await client.page('/console/labresults/approvals');
    expect(page).toContain('Mary Phiri');
    expect(page).toContain('+260977000001');
    const [approval] = await harness.dataSource.getRepository(WorkerApproval).find();
    const answer = await client.post('/console/labresults/approvals', {
      _csrf: csrfOf(page),
      contact: String(approval.contactId),
      action: 'approve',
    });
    expect(answer.status).toBe(303);
    // Told at once: the console runs the notices job itself.
    const told: Array<{ text: string }> = await harness.dataSource.query(
      `SELECT text FROM message WHERE direction = 'out' AND text LIKE 'Hello Mary Phiri, your registration%'`,
    );
    expect(told.map((t) => t.text)).toEqual([APPROVED('Mary Phiri')]);
    expect(await harness.dataSource.getRepository(WorkerApproval).findOneByOrFail({})).toMatchObject({
      status: 'approved',
      decidedBy: 'console user ana',
    });
    expect(await client.page('/console/labresults/approvals')).toContain('Nobody waits for approval.');
  });
});

describe('without approval, colleagues are still told of every new clinic worker', () => {
  let harness: ConversationHarness<LabResultsBuilders>;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  });
  afterAll(() => harness.close());

  it('announces the joiner, and a colleague can refuse them results', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.result({ clinic, requisitionId: '1029023412', result: 'P' });
    await harness.run(`
      +260977000002 > join clinic 403012 John Banda 1111
      +260977000002 < Hi John Banda, thanks for registering for Results160 from Chifubu Clinic. Your PIN is 1111. Reply with keyword 'HELP' if this is incorrect
      +260977000001 < John Banda (+260977000002) joined Chifubu Clinic as a clinic worker. If you do not know them, reply REJECT +260977000002.
      +260977000001 > REJECT +260977000002
      +260977000001 < Thank you Mary Phiri. John Banda (+260977000002) at Chifubu Clinic will not receive results.
      +260977000002 < ${NOT_APPROVED('John Banda')}
      +260977000002 > CHECK
      +260977000002 < ${NOT_APPROVED('John Banda')}
      ! jobs run labresults.notify-new-results
      +260977000001 < ${READY('Mary Phiri', 1)}
    `);
  });
});
