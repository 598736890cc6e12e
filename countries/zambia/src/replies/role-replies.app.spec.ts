import { buildConfig, routerConfig } from '@mwana/core';
import type { PinShapedReplies } from './pin-shaped.service';
import { RoleRepliesApp } from './role-replies.app';

describe('RoleRepliesApp', () => {
  const pinShaped = {} as PinShapedReplies;
  const config = (router: Record<string, unknown>) =>
    buildConfig({ country: 'zambia', sections: [routerConfig], values: { router } });

  it('refuses to boot beside the generic default reply: every unhandled SMS would get two replies', () => {
    expect(() => new RoleRepliesApp(pinShaped, config({}))).toThrow(/set router.defaultReply to null/);
    expect(() => new RoleRepliesApp(pinShaped, config({ defaultReply: 'Send HELP.' }))).toThrow();
    expect(() => new RoleRepliesApp(pinShaped, config({ defaultReply: null }))).not.toThrow();
  });
});
