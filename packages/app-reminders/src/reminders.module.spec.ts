import { Test } from '@nestjs/testing';
import { RemindersModule } from './reminders.module';
import { REMINDERS_OPTIONS } from './reminders.module-definition';
import { remindersConfig } from './reminders.config';

describe('RemindersModule', () => {
  it('defaults to the birth event with its 6 day, 6 week and 6 month visits', async () => {
    const settings = remindersConfig.schema.parse({});
    const moduleRef = await Test.createTestingModule({ imports: [RemindersModule.forRoot(settings)] }).compile();
    const options = moduleRef.get<typeof settings>(REMINDERS_OPTIONS);
    expect(options.events[0].appointments.map((a) => a.days)).toEqual([6, 42, 183]);
  });

  it('rejects an appointment without a name', () => {
    const result = remindersConfig.schema.safeParse({
      events: [{ slug: 'birth', keywords: ['BIRTH'], appointments: [{ days: 6 }] }],
    });
    expect(result.success).toBe(false);
  });
});
