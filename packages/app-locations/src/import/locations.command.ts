import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliIo, MwanaConfig, OperatorCommand, type OperatorCommandRunner } from '@mwana/core';
import { LocationsService } from '../locations.service';
import { formatImportReport } from './import-report';
import { ImportFileError } from './import-rows';
import { LocationImporter } from './location-importer.service';
import { ProgressBar } from './progress-bar';

const USAGE =
  'Usage: mwana locations import <file.csv> [--dry-run] [--skip-bad-rows] [--verbose] | seed [--with-samples] [--dry-run] | show <code>';

/** `mwana locations ...`: load the location tree from CSV files, and look at it. */
@OperatorCommand({
  name: 'locations',
  usage: [
    'locations import <file.csv> [--dry-run] [--skip-bad-rows] [--verbose]',
    '                                   import locations (Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude[,Parent])',
    "locations seed [--with-samples] [--dry-run]  import the country's data/locations.csv (and its sample facilities)",
    'locations show <code>              a location, the locations above it and its children',
  ],
})
export class LocationsCommand implements OperatorCommandRunner {
  constructor(
    private readonly importer: LocationImporter,
    private readonly locations: LocationsService,
    private readonly config: MwanaConfig,
  ) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'skip-bad-rows': { type: 'boolean', default: false },
        'with-samples': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    });
    const [action, target] = positionals;
    const options = { dryRun: values['dry-run'], skipBadRows: values['skip-bad-rows'], verbose: values.verbose };
    switch (action) {
      case 'import':
        if (!target) break;
        return this.importFile(resolve(target), options, io);
      case 'seed': {
        const data = join(this.config.countryDir, 'data');
        const files = [
          join(data, 'locations.csv'),
          ...(values['with-samples'] ? [join(data, 'sample-facilities.csv')] : []),
        ];
        for (const file of files) {
          const code = await this.importFile(file, { ...options, skipBadRows: false }, io);
          if (code !== 0) return code;
        }
        return 0;
      }
      case 'show':
        if (!target) break;
        return this.show(target, io);
      default:
        break;
    }
    io.err(USAGE);
    return 2;
  }

  private async importFile(
    file: string,
    options: { dryRun: boolean; skipBadRows: boolean; verbose: boolean },
    io: CliIo,
  ): Promise<number> {
    const bar = new ProgressBar('Importing');
    try {
      const report = await this.importer.importFile(file, {
        ...options,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.finish();
      const lines = formatImportReport(report, { file, ...options, limit: options.verbose ? Infinity : 20 });
      for (const line of lines) io.out(line);
      return report.errors.length > 0 && !options.skipBadRows ? 1 : 0;
    } catch (error) {
      bar.finish();
      if (error instanceof ImportFileError) {
        io.err(`${file}: ${error.message}`);
        return 1;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        io.err(`${file}: no such file.`);
        return 1;
      }
      throw error;
    }
  }

  private async show(code: string, io: CliIo): Promise<number> {
    const location = await this.locations.findByCode(code, { includeInactive: true });
    if (!location) {
      io.err(`No location has the code ${code}.`);
      return 1;
    }
    const [ancestors, children] = await Promise.all([
      this.locations.ancestors(location.id),
      this.locations.children(location.id),
    ]);
    for (const a of ancestors) io.out(`${a.code.padEnd(12)} ${a.name} (${a.type?.singular ?? ''})`);
    io.out(
      `${location.code.padEnd(12)} ${location.name} (${location.type?.singular ?? ''})${location.active ? '' : ' inactive'}  <-`,
    );
    for (const c of children) io.out(`  ${c.code.padEnd(12)} ${c.name} (${c.type?.singular ?? ''})`);
    io.out(`${children.length} child location(s)`);
    return 0;
  }
}
