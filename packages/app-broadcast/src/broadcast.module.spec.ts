import { Test } from '@nestjs/testing';
import { BroadcastModule } from './broadcast.module';
import { BROADCAST_OPTIONS } from './broadcast.module-definition';
import { broadcastConfig } from './broadcast.config';

describe('BroadcastModule', () => {
  it('is composed with its validated section as options', async () => {
    const settings = broadcastConfig.schema.parse({ maxRecipients: 200 });
    const moduleRef = await Test.createTestingModule({ imports: [BroadcastModule.forRoot(settings)] }).compile();
    expect(moduleRef.get(BROADCAST_OPTIONS)).toEqual({ helpToAdmins: true, maxRecipients: 200 });
  });

  it('rejects an unknown key, so a misspelt setting is not ignored', () => {
    expect(broadcastConfig.schema.safeParse({ maxRecipient: 200 }).success).toBe(false);
  });
});
