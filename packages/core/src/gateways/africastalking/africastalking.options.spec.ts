import { africasTalkingOptions, AT_LIVE_URL, AT_SANDBOX_URL, messagingUrl } from './africastalking.options';

describe("Africa's Talking options", () => {
  const base = { username: 'mwana-zm', apiKey: 'k', secret: 'at-callback-secret-0123' };

  it('send to the live API, to the sandbox for the username sandbox, or to the base URL given', () => {
    expect(messagingUrl(africasTalkingOptions.parse(base))).toBe(`${AT_LIVE_URL}/version1/messaging`);
    expect(messagingUrl(africasTalkingOptions.parse({ ...base, username: 'sandbox' }))).toBe(
      `${AT_SANDBOX_URL}/version1/messaging`,
    );
    expect(messagingUrl(africasTalkingOptions.parse({ ...base, apiBaseUrl: 'http://127.0.0.1:9/' }))).toBe(
      'http://127.0.0.1:9/version1/messaging',
    );
  });

  it('refuse a gateway anyone could post to: no secret and no allow-list, or a short secret', () => {
    const { secret: _secret, ...open } = base;
    expect(africasTalkingOptions.safeParse(open).error?.issues[0]).toMatchObject({ path: ['secret'] });
    expect(africasTalkingOptions.safeParse({ ...base, secret: 'short' }).success).toBe(false);
    expect(africasTalkingOptions.safeParse({ ...open, allowFrom: ['10.0.0.0/8'] }).success).toBe(true);
  });
});
