import { Module } from '@nestjs/common';
import { KeywordHandler, PatternHandler } from '../messaging/decorators';
import { HandlerRegistry } from '../messaging/handler-registry';
import { KeywordHandlerBase, PatternHandlerBase } from '../messaging/handler-base';
import type { IncomingMessage } from '../messaging/incoming-message';
import { literal } from '../i18n/translatable';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { composeDefaultReply } from './default-reply.app';

// Handlers as apps declare them: each answers with the text it was given, so a script shows
// how the string-cleaning app cleaned it for that handler.
@KeywordHandler({
  app: 'talk',
  keyword: 'SHOUT',
  aliases: ['SHOUTS'],
  help: literal('SHOUT what?'),
  cleaning: 'verbatim',
  advertise: 60,
})
class ShoutHandler extends KeywordHandlerBase {
  handle(msg: IncomingMessage, rest: string): void {
    msg.respond(literal(`[${rest}]`));
  }
}

@KeywordHandler({
  app: 'talk',
  keyword: 'SAMPLE',
  help: literal('SAMPLE which?'),
  cleaning: { keep: '/' },
  advertise: 10,
})
class SampleHandler extends KeywordHandlerBase {
  handle(msg: IncomingMessage, rest: string): void {
    msg.respond(literal(`[${rest}]`));
  }
}

@KeywordHandler({ app: 'talk', keyword: 'PLAIN', help: literal('PLAIN what?'), advertise: 30 })
class PlainHandler extends KeywordHandlerBase {
  handle(msg: IncomingMessage, rest: string): void {
    msg.respond(literal(`[${rest}]`));
  }
}

@KeywordHandler({ app: 'talk', keyword: 'ASSIST', help: literal('Someone will call you.'), advertise: 'help' })
class AssistHandler extends KeywordHandlerBase {
  handle(msg: IncomingMessage): void {
    msg.respond(literal('Someone will call you.'));
  }
}

@PatternHandler({
  app: 'talk',
  pattern: /^\s*(?:note|notes)\s+([\s\S]*)$/i,
  cleaning: 'verbatim',
  advertise: { keyword: 'NOTE', as: 20 },
})
class NoteHandler extends PatternHandlerBase {
  handle(msg: IncomingMessage, text: string): void {
    msg.respond(literal(`[${text}]`));
  }
}

@Module({ providers: [ShoutHandler, SampleHandler, PlainHandler, AssistHandler, NoteHandler] })
class TalkModule {}

describe('text cleaning and the default reply, as the installed handlers declare them (docs/keywords.md)', () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({ imports: [EchoModule, TalkModule] });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it("passes a 'verbatim' handler's text on untouched, keyword and pattern handlers alike", async () => {
    await harness.run(`
      +260977000001 > SHOUT meeting (4o3o12), "bring" cards/books; 10.30*
      +260977000001 < [meeting (4o3o12), "bring" cards/books; 10.30*]
      +260977000001 > shouts,  a;b
      +260977000001 < [a;b]
      +260977000001 > notes 1o/2 (x).
      +260977000001 < [1o/2 (x).]
    `);
  });

  it('keeps the separators a handler keeps, and cleans the rest of its text', async () => {
    await harness.run(`
      +260977000001 > sample 4o3o12/1o,403012/11.
      +260977000001 < [403012/10 403012/11]
      +260977000001 > plain 4o3o12/1o,403012/11.
      +260977000001 < [403012 10 403012 11]
    `);
  });

  it('cleans the standard way a text that only looks like a verbatim keyword', async () => {
    await harness.run(`
      +260977000001 > echo shout (a,b)
      +260977000001 < shout a b
      +260977000001 > shouting (a,b)
      +260977000001 < Invalid Keyword. Valid keywords are SAMPLE, NOTE, PLAIN and SHOUT. Respond with any keyword or ASSIST for more information.
    `);
  });

  it('lists the advertised keywords in their declared order, and the help keyword apart', () => {
    expect(harness.get(HandlerRegistry).advertised).toEqual({
      keywords: ['SAMPLE', 'NOTE', 'PLAIN', 'SHOUT'],
      help: 'ASSIST',
    });
  });
});

describe('the default reply of a country (docs/keywords.md#default-reply)', () => {
  it('is not sent when no installed handler is advertised', async () => {
    const harness = await ConversationHarness.create({ imports: [EchoModule] });
    try {
      await harness.run(`
        +260977000001 > what is this
        +260977000001 > echo still here
        +260977000001 < still here
      `);
    } finally {
      await harness.close();
    }
  });

  it("is the country's own when router.defaultReply sets one, and none when it is null", async () => {
    const own = await ConversationHarness.create({
      imports: [TalkModule],
      config: { router: { defaultReply: 'Send HELP.' } },
    });
    const none = await ConversationHarness.create({
      imports: [TalkModule],
      config: { router: { defaultReply: null } },
    });
    try {
      await own.run(`
        +260977000001 > what is this
        +260977000001 < Send HELP.
      `);
      await none.run(`
        +260977000001 > what is this
        +260977000001 > plain x
        +260977000001 < [x]
      `);
    } finally {
      await Promise.all([own.close(), none.close()]);
    }
  });

  it("keeps Mwana's sentence for one, two and many keywords, with and without a help keyword", () => {
    expect(composeDefaultReply({ keywords: [], help: 'HELP' })).toBeNull();
    expect(composeDefaultReply({ keywords: ['JOIN'], help: null })).toBe(
      'Invalid Keyword. Valid keywords are JOIN. Respond with any keyword for more information.',
    );
    expect(composeDefaultReply({ keywords: ['JOIN', 'CHECK'], help: null })).toBe(
      'Invalid Keyword. Valid keywords are JOIN and CHECK. Respond with any keyword for more information.',
    );
    expect(
      composeDefaultReply({
        keywords: ['JOIN', 'AGENT', 'CHECK', 'RESULT', 'SENT', 'ALL', 'CBA', 'BIRTH', 'CLINIC'],
        help: 'HELP',
      }),
    ).toBe(
      'Invalid Keyword. Valid keywords are JOIN, AGENT, CHECK, RESULT, SENT, ALL, CBA, BIRTH and CLINIC. Respond with any keyword or HELP for more information.',
    );
  });
});
