import { ConversationError } from './conversation';
import { EchoHandler, EchoModule } from './echo.app';
import { ConversationHarness } from './harness';

// The same scripts pass when the router runs in the request (MWANA_ROLE=all, the threadless
// router) and when a worker routes what the API stored (worker).
describe.each(['all', 'worker'] as const)(
  'conversation scripts (ECHO/PING through the real router and PostgreSQL), role %s',
  (role) => {
    let harness: ConversationHarness;

    beforeAll(async () => {
      harness = await ConversationHarness.create({
        role,
        imports: [EchoModule],
        config: { router: { defaultReply: 'Unknown keyword.' } },
      });
    });
    afterAll(() => harness.close());
    beforeEach(() => harness.reset());

    it('plays an ECHO app end to end', async () => {
      await harness.run(`
      # two phones, two threads
      +260977000001 > ECHO hello there
      +260977000001 < hello there
      +260977000002 > ping
      +260977000002 < pong
      +260977000001 > echo
      +260977000001 < To hear yourself, send ECHO <text>
      +260977000002 > echoes
      +260977000002 < Unknown keyword.
    `);
    });

    it('knows a phone however the script writes it', async () => {
      await harness.run(`
      0977000001 > echo hi
      +260977000001 < hi
      260977000001 > ping
      0977000001 < pong
    `);
    });

    it('matches a reply by regex with <~', async () => {
      await harness.run(`
      +260977000001 > echo 1234 5678
      +260977000001 <~ ^\\d{4} \\d{4}$
    `);
    });

    it('fails on a reply the script does not expect, with a transcript', async () => {
      const run = harness.run(`
      +260977000001 > echo one
      +260977000001 > echo two
      +260977000001 < two
    `);
      await expect(run).rejects.toThrow(ConversationError);
      await expect(
        harness.run(`
        +260977000001 > echo one
      `),
      ).rejects.toThrow(
        /at the end of the script: the script ended with replies it does not expect\n  sent and not expected:\n    \+260977000001 < one/,
      );
    });

    it('fails on a missing reply and on a wrong text, naming the line', async () => {
      await expect(harness.run(`+260977000001 > ping\n+260977000001 < pong\n+260977000001 < pong`)).rejects.toThrow(
        /at script line 3: expected \+260977000001 < pong/,
      );
      await expect(harness.run(`+260977000001 > ping\n+260977000001 < PONG`)).rejects.toThrow(
        /at script line 2: expected \+260977000001 < PONG\n  sent and not expected:\n    \+260977000001 < pong/,
      );
    });

    it('expects a reply to the right phone', async () => {
      await expect(harness.run(`+260977000001 > ping\n+260977000002 < pong`)).rejects.toThrow(
        /expected \+260977000002 < pong/,
      );
    });

    it('moves the fake clock, and messages carry its time', async () => {
      await harness.run(`
      @ 2026-03-02T08:00:00Z
      +260977000001 > ping
      +260977000001 < pong
      @ +2d
      +260977000001 > ping
      +260977000001 < pong
    `);
      const rows: Array<{ created_at: Date }> = await harness.dataSource.query(
        `SELECT created_at FROM message WHERE direction = 'in' ORDER BY id`,
      );
      expect(rows.map((r) => r.created_at.toISOString())).toEqual([
        '2026-03-02T08:00:00.000Z',
        '2026-03-04T08:00:00.000Z',
      ]);
    });

    it('tests a handler without a router', async () => {
      const echo = harness.get(EchoHandler);
      expect(await echo.test('ECHO  hi there')).toEqual(['hi there']);
      expect(await echo.test('echo')).toEqual(['To hear yourself, send ECHO <text>']);
      expect(await echo.test('echoes')).toBe(false);
      expect(await new EchoHandler().test('echo,hi')).toEqual(['hi']);
    });
  },
);
