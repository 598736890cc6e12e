import { testerScript } from './tester.script';

describe('the tester page script', () => {
  it('is valid JavaScript', () => {
    expect(() => new Function(testerScript.body)).not.toThrow();
  });

  it('keeps to ES5, for old phone browsers', () => {
    const code = testerScript.body.replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/\/\*[\s\S]*?\*\//g, '');
    for (const modern of ['=>', '`', /\blet\s/, /\bconst\s/, /\bclass\s/, 'fetch(', '...', /\basync\b/]) {
      expect([modern, typeof modern === 'string' ? code.includes(modern) : modern.test(code)]).toEqual([modern, false]);
    }
  });

  it('is served under a name that changes with its content', () => {
    expect(testerScript.url).toMatch(/^\/console\/assets\/tester-[0-9a-f]{10}\.js$/);
  });
});
