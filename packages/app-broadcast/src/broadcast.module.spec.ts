import type { FactoryProvider, ValueProvider } from '@nestjs/common';
import { BroadcastModule } from './broadcast.module';
import { BROADCAST_OPTIONS } from './broadcast.module-definition';
import { broadcastConfig } from './broadcast.config';

describe('BroadcastModule', () => {
  it('is composed with its validated section as options', () => {
    const settings = broadcastConfig.schema.parse({ maxRecipients: 200 });
    const module = BroadcastModule.forRoot(settings);
    const options = (module.providers ?? []).find(
      (p): p is ValueProvider | FactoryProvider =>
        typeof p === 'object' && 'provide' in p && p.provide === BROADCAST_OPTIONS,
    );
    expect(options && 'useValue' in options ? options.useValue : undefined).toEqual({
      helpToAdmins: true,
      maxRecipients: 200,
      confirmAbove: 50,
    });
  });

  it('rejects an unknown key, so a misspelt setting is not ignored', () => {
    expect(broadcastConfig.schema.safeParse({ maxRecipient: 200 }).success).toBe(false);
  });
});
