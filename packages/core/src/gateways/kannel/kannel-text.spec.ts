import { decodeKannelText, percentEncode, queryBytes, utf16be } from './kannel-text';
import { isAllowed } from '../allow-list';
import { kannelOptions } from './kannel.options';

describe('Kannel text at the byte level', () => {
  it.each(['ECHO hi', 'ሰላም ሉሠ', 'emoji 😀 and € and ñ', '\u1209\u0a20 tab-and-space bytes', ''])(
    '%j survives UTF-16BE through a URL',
    (text) => {
      const fields = queryBytes(`text=${percentEncode(utf16be(text))}&coding=2`);
      expect(decodeKannelText(fields.get('text') ?? Buffer.alloc(0), '2', 'UTF-16BE')).toBe(text);
    },
  );

  it('reads + as a space and %2B as a plus, and keeps the first of repeated fields', () => {
    const fields = queryBytes('text=a+b%2Bc&text=second&id=%2B260977000001&flag');
    expect(fields.get('text')?.toString()).toBe('a b+c');
    expect(fields.get('id')?.toString()).toBe('+260977000001');
    expect(fields.get('flag')?.length).toBe(0);
  });

  it('decodes by the charset Kannel names, and as UTF-8 when it names one nobody knows', () => {
    expect(decodeKannelText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), '0', 'ISO-8859-1')).toBe('café');
    expect(decodeKannelText(Buffer.from('café', 'utf8'), '0', 'UTF-8')).toBe('café');
    expect(decodeKannelText(Buffer.from('café', 'utf8'), '1', '8-BIT')).toBe('café');
    expect(decodeKannelText(Buffer.from('hi', 'utf8'), undefined, undefined)).toBe('hi');
    // coding 2 wins over a missing or wrong charset.
    expect(decodeKannelText(utf16be('ሰላም'), '2', undefined)).toBe('ሰላም');
  });

  it('escapes every byte but the unreserved ones', () => {
    expect(percentEncode(Buffer.from('a-Z_0.~ &=%+/', 'utf8'))).toBe('a-Z_0.~%20%26%3D%25%2B%2F');
  });
});

describe('Kannel options', () => {
  const base = { username: 'u', password: 'p' };

  it('needs a secret or an allow-list', () => {
    expect(kannelOptions.safeParse(base).success).toBe(false);
    expect(kannelOptions.safeParse({ ...base, secret: 'short' }).success).toBe(false);
    expect(kannelOptions.safeParse({ ...base, secret: 'has a space in it' }).success).toBe(false);
    expect(kannelOptions.safeParse({ ...base, secret: 'long-enough-secret' }).success).toBe(true);
    expect(kannelOptions.safeParse({ ...base, allowFrom: ['10.0.0.0/33'] }).success).toBe(false);
    expect(kannelOptions.parse({ ...base, allowFrom: ['127.0.0.1'] })).toMatchObject({
      sendsmsUrl: 'http://127.0.0.1:13013/cgi-bin/sendsms',
      dlrMask: 31,
      params: { from: 'id', text: 'text', messageId: 'message_id', secret: 'secret' },
    });
  });

  it('matches addresses and subnets, IPv4-mapped IPv6 included', () => {
    const list = ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'];
    expect(isAllowed(list, '127.0.0.1')).toBe(true);
    expect(isAllowed(list, '::ffff:127.0.0.1')).toBe(true);
    expect(isAllowed(list, '10.20.30.40')).toBe(true);
    expect(isAllowed(list, 'fd12::1')).toBe(true);
    expect(isAllowed(list, '192.168.1.1')).toBe(false);
    expect(isAllowed(list, '::1')).toBe(false);
    expect(isAllowed(list, undefined)).toBe(false);
    expect(isAllowed([], '127.0.0.1')).toBe(false);
  });
});
