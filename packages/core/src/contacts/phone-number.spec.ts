import { maskIdentity, normalizeIdentity } from './phone-number';

describe('phone numbers to E.164', () => {
  it.each(['0977123456', '260977123456', '+260977123456', '00260977123456', '+260 97 712 3456', '(0977) 123-456'])(
    'Zambia: %s is +260977123456',
    (raw) => {
      expect(normalizeIdentity(raw, 'ZM')).toBe('+260977123456');
    },
  );

  it.each(['0999279085', '265999279085', '+265999279085', '+265 999 279 085'])('Malawi: %s is +265999279085', (raw) => {
    expect(normalizeIdentity(raw, 'MW')).toBe('+265999279085');
  });

  it("keeps another country's international number as that country's", () => {
    expect(normalizeIdentity('+265999279085', 'ZM')).toBe('+265999279085');
  });

  it('keeps short codes and alphanumeric senders as given (trimmed)', () => {
    expect(normalizeIdentity('440', 'ZM')).toBe('440');
    expect(normalizeIdentity(' 88160 ', 'MW')).toBe('88160');
    expect(normalizeIdentity('AIRTEL', 'ZM')).toBe('AIRTEL');
    expect(normalizeIdentity('trainer-1', 'ZM')).toBe('trainer-1');
  });

  it('keeps a number no plan knows, in one form for each way it can be written', () => {
    expect(normalizeIdentity('+999123456789', 'ZM')).toBe('+999123456789');
    expect(normalizeIdentity('00999123456789', 'ZM')).toBe('+999123456789');
  });

  it('masks numbers for logs', () => {
    expect(maskIdentity('+260977123456')).toBe('+260977***456');
    expect(maskIdentity('440')).toBe('*40');
  });
});
