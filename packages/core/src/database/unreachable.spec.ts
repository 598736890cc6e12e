import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnreachable, whenReachable } from './unreachable';

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('whenReachable', () => {
  it('runs the work again while the database is out of reach, and answers what it answers once it goes through', async () => {
    let tries = 0;
    const answer = await whenReachable(
      async () => {
        if (++tries < 4) throw refused();
        return 'stored';
      },
      { retryMs: 5, stopped: () => false },
    );
    expect(answer).toBe('stored');
    expect(tries).toBe(4);
  });

  it('throws any other error at once, and an outage once stopped', async () => {
    let tries = 0;
    const refusedStatement = Object.assign(new Error('value too long for type character varying(20)'), {
      code: '22001',
    });
    await expect(
      whenReachable(
        async () => {
          tries++;
          throw refusedStatement;
        },
        { retryMs: 5, stopped: () => false },
      ),
    ).rejects.toBe(refusedStatement);
    expect(tries).toBe(1);
    let stopped = false;
    await expect(
      whenReachable(
        async () => {
          if (++tries === 3) stopped = true;
          throw refused();
        },
        { retryMs: 5, stopped: () => stopped },
      ),
    ).rejects.toThrow('ECONNREFUSED');
    expect(tries).toBe(3);
    expect(isDatabaseUnreachable(refusedStatement)).toBe(false);
  });

  it("takes TypeORM's released runner (its connection lost between two statements of a transaction) for an outage", () => {
    expect(isDatabaseUnreachable(new QueryRunnerAlreadyReleasedError())).toBe(true);
  });
});
