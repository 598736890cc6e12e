import { containsSecret, MASKED_PIN, maskSecrets } from './masking';

describe('maskSecrets: a secret masked as the handler read it', () => {
  it.each([
    ['JOIN CLINIC 403012 Mary 8765', 'JOIN CLINIC 403012 Mary ••••'],
    ['8765', '••••'],
    ['８７６５', '••••'], // full-width digits, which cleaning reads as 8765
    ['PIN\u00a0８７６５.', 'PIN\u00a0••••.'],
    ['87\u200b65', '••••'], // a zero-width space inside
    ['8765 and 8765', '•••• and ••••'],
    ['403012', '403012'],
  ])('masks %j as %j', (text, masked) => {
    expect(maskSecrets(text, ['8765'])).toBe(masked);
  });

  it('masks the longest secret first, and a result word as a result', () => {
    expect(maskSecrets('P-0001;Detected 1234', ['Detected', '1234'])).toBe(`P-0001;••• ${MASKED_PIN}`);
    expect(maskSecrets('12345', ['1234', '12345'])).toBe(MASKED_PIN);
  });

  it('finds the secret in full-width digits too', () => {
    expect(containsSecret('PIN ８７６５', ['8765'])).toBe(true);
    expect(containsSecret('PIN 8766', ['8765'])).toBe(false);
  });
});
