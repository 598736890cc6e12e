import type { FactoryProvider, ValueProvider } from '@nestjs/common';
import { remindersConfig } from './reminders.config';
import { RemindersModule } from './reminders.module';
import { REMINDERS_OPTIONS } from './reminders.module-definition';

describe('RemindersModule and its config section', () => {
  it('is composed with its validated section as options: Birth with its 6 day, 6 week and 6 month visits by default', () => {
    const module = RemindersModule.forRoot(remindersConfig.schema.parse({}));
    const options = (module.providers ?? []).find(
      (p): p is ValueProvider | FactoryProvider =>
        typeof p === 'object' && 'provide' in p && p.provide === REMINDERS_OPTIONS,
    );
    expect(options && 'useValue' in options ? options.useValue : undefined).toMatchObject({
      daysBefore: 2,
      traceWindowDays: 45,
      events: [
        {
          slug: 'birth',
          name: 'Birth',
          keywords: ['birth', 'bith', 'bilth', 'mwana'],
          joinedKeywords: ['mwana'],
          gender: null,
          appointments: [
            { name: '6 day', days: 6 },
            { name: '6 week', days: 42 },
            { name: '6 month', days: 183 },
          ],
        },
      ],
    });
  });

  it('refuses an appointment without a name, a keyword two events claim, a slug twice, two appointments of one name', () => {
    const event = (slug: string, keywords: string[], appointments: object[] = []) => ({
      slug,
      name: slug,
      keywords,
      appointments,
    });
    for (const events of [
      [event('birth', ['birth'], [{ days: 6 }])],
      [event('birth', ['birth']), event('death', ['birth'])],
      [event('birth', ['birth']), event('birth', ['mwana'])],
      [
        event(
          'birth',
          ['birth'],
          [
            { name: '6 day', days: 6 },
            { name: '6 Day', days: 7 },
          ],
        ),
      ],
      [event('birth', ['two words'])],
    ])
      expect(remindersConfig.schema.safeParse({ events }).success).toBe(false);
  });
});
