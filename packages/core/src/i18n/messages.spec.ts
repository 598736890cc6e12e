import { I18nErrorCode } from './i18n.error';
import {
  configText,
  defineMessages,
  type MessageParams,
  type Placeholders,
  plural,
  registeredMessages,
} from './messages';
import { placeholderNames } from './placeholders';

// True only when A and B are the same type; a wrong type fails `tsc`, which lints the specs.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('defineMessages', () => {
  const texts = defineMessages('reminders', {
    birth: 'Birth',
    due: '{name} is due at {clinic} on {date}.',
    days: plural('{count} day', '{count} days'),
    may: { text: 'May', context: 'month' },
    daysAgo: plural('{count} day ago', '{count} days ago', { context: 'past' }),
  });

  it('returns descriptors whose id is the English text', () => {
    expect(texts.birth).toEqual({ domain: 'reminders', key: 'birth', id: 'Birth' });
    expect(texts.days).toEqual({ domain: 'reminders', key: 'days', id: '{count} day', plural: '{count} days' });
    expect(texts.may).toEqual({ domain: 'reminders', key: 'may', id: 'May', context: 'month' });
    expect(texts.daysAgo).toMatchObject({ id: '{count} day ago', plural: '{count} days ago', context: 'past' });
    expect(Object.isFrozen(texts)).toBe(true);
    expect(Object.isFrozen(texts.due)).toBe(true);
  });

  it('registers them for templates and reports, in declaration order', () => {
    const mine = registeredMessages().filter((m) => m.domain === 'reminders');
    expect(mine.map((m) => m.key)).toEqual(['birth', 'due', 'days', 'may', 'daysAgo']);
  });

  it('accepts the same declaration twice (a module loaded twice) but not two texts for one key', () => {
    expect(defineMessages('reminders', { birth: 'Birth' }).birth).toBe(texts.birth);
    expect(() => defineMessages('reminders', { birth: 'Births' })).toThrow(
      expect.objectContaining({
        code: I18nErrorCode.ConflictingMessage,
        message: 'reminders.birth is declared twice: "Birth" and "Births"',
      }),
    );
  });

  it('refuses an empty English text, which is the catalogue header to gettext', () => {
    expect(() => defineMessages('reminders', { nothing: '' })).toThrow(
      expect.objectContaining({ code: I18nErrorCode.BadMessage }),
    );
  });

  it('registers configured texts, the latest configuration winning', () => {
    configText('router', 'defaultReply', 'Sorry, I did not understand.');
    const reply = configText('router', 'defaultReply', 'Send HELP for help.');
    expect(reply).toEqual({ domain: 'router', key: 'defaultReply', id: 'Send HELP for help.' });
    expect(registeredMessages().filter((m) => m.domain === 'router')).toEqual([reply]);
  });

  it('types the placeholders of each text', () => {
    const due: Equal<
      MessageParams<typeof texts.due>,
      { readonly name: string | number; readonly clinic: string | number; readonly date: string | number }
    > = true;
    const birth: Equal<MessageParams<typeof texts.birth>, Record<never, string | number>> = true;
    const days: Equal<MessageParams<typeof texts.days>, { readonly count: string | number }> = true;
    const braces: Equal<Placeholders<'a { b {name} c} {x y} {_1}'>, 'name' | '_1'> = true;
    const wide: Equal<Placeholders<string>, string> = true;
    expect([due, birth, days, braces, wide]).toEqual([true, true, true, true, true]);

    const params: MessageParams<typeof texts.due> = { name: 'Mary', clinic: 'Chipata', date: '12/03' };
    // @ts-expect-error {date} has no value
    const missing: MessageParams<typeof texts.due> = { name: 'Mary', clinic: 'Chipata' };
    // @ts-expect-error {nmae} is not a placeholder of the text
    const typo: MessageParams<typeof texts.due> = { nmae: 'Mary', clinic: 'Chipata', date: '12/03' };
    expect([params, missing, typo]).toHaveLength(3);
  });

  it('finds at run time the placeholders the types find', () => {
    expect(placeholderNames('a { b {name} c} {x y} {_1} {name}')).toEqual(['name', '_1']);
    expect(placeholderNames('No placeholders, {} or { }')).toEqual([]);
  });
});
