/**
 * Phones for end-to-end tests, typing through the message tester's JSON endpoint with an
 * API token as a script would (`console.apiTokens`), over real HTTP.
 */
export class TesterPhones {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly baseUrl: string,
    token: string,
    private readonly backend = 'tester',
  ) {
    this.headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  /** Sends `text` as `phone`; the texts of the replies it queued (to this phone or to others). */
  async send(phone: string, text: string): Promise<string[]> {
    const response = await fetch(`${this.baseUrl}/backends/${this.backend}/messages`, {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify({ phone, text }),
    });
    if (response.status !== 201) throw new Error(`the tester answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { replies: Array<{ text: string }> }).replies.map((r) => r.text);
  }

  /** Everything sent to `phone`, oldest first. */
  async inbox(phone: string): Promise<string[]> {
    const response = await fetch(
      `${this.baseUrl}/backends/${this.backend}/messages?phone=${encodeURIComponent(phone)}`,
      { headers: this.headers },
    );
    if (response.status !== 200) throw new Error(`the tester answered ${response.status}: ${await response.text()}`);
    const { messages } = (await response.json()) as { messages: Array<{ direction: string; text: string }> };
    return messages.filter((m) => m.direction === 'out').map((m) => m.text);
  }
}
