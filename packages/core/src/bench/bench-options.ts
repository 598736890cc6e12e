/** `pnpm bench`'s command line: what to run, how much of it. */
export interface BenchOptions {
  /** `--quick`: 300 SMS per run instead of 2,000. */
  readonly quick: boolean;
  readonly count: number;
  /** `--with labresults,reminders`: the other benches to run after this one. */
  readonly extra: readonly string[];
  /** `--concurrency 10` (or `1,10,50`, the default). */
  readonly concurrency: readonly number[];
  /** `--roles all` (or `all,api`, the default): the Mwana paths to run. */
  readonly roles: ReadonlyArray<'all' | 'api'>;
  /** `--repeat 3`: each Mwana run that many times between the bare route's two (to see the noise). */
  readonly repeat: number;
  /** Each keyword alone at c=10 (`--no-alone` skips it). */
  readonly alone: boolean;
  /** The claim and country-start figures (`--no-extras` skips them). */
  readonly extras: boolean;
  /** The realistic mix on Zambia's apps after core's runs (`--no-mix` skips it). */
  readonly mix: boolean;
}

function value(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function list(text: string | undefined): string[] {
  return (text ?? '').split(',').filter(Boolean);
}

export function benchOptions(args: readonly string[]): BenchOptions {
  const quick = args.includes('--quick');
  const roles = list(value(args, '--roles') ?? 'all,api');
  for (const role of roles)
    if (role !== 'all' && role !== 'api') throw new Error(`--roles: "${role}" is not all or api`);
  const concurrency = list(value(args, '--concurrency') ?? '1,10,50').map(Number);
  if (concurrency.some((c) => !Number.isInteger(c) || c < 1))
    throw new Error('--concurrency: whole numbers, 1 or more');
  const repeat = Number(value(args, '--repeat') ?? 1);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat: a whole number, 1 or more');
  return {
    quick,
    count: Number(value(args, '--count') ?? (quick ? 300 : 2000)),
    extra: list(value(args, '--with')),
    concurrency,
    roles: roles as Array<'all' | 'api'>,
    repeat,
    alone: !args.includes('--no-alone'),
    extras: !args.includes('--no-extras'),
    mix: !args.includes('--no-mix'),
  };
}
