import { CsvError, parseCsv, type CsvRecord } from './csv';

/**
 * One data row of a locations file, cells trimmed. The format (Mwana's location_importer):
 *
 *   Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude
 *
 * - a row with a Facility_Name is a facility: Code is its facility code (`403012`); its
 *   district and province follow from the code, and are created from the names on the row
 *   if the file does not list them;
 * - a row whose Facility Type is the zone type is a zone of the facility whose code begins
 *   its own (`403012-3`);
 * - a row with District but no Facility_Name declares a district (Code `403000`);
 * - a row with only Province declares a province (Code `400000`; where the country's code
 *   has no province digits, as in Malawi, a word such as `northern`, or empty for a slug of
 *   the name).
 *
 * - a row with a Parent (a code, in the file or the database) is placed under it, whatever
 *   its code's digits say: a district under a province, a facility under a district or a
 *   facility, a zone under a facility; its code may be any the country allows (a whole code
 *   of the format's length, or `locations.codePattern`), and Province and District may be
 *   left empty on a facility's row.
 *
 * Header names are matched ignoring case, spaces and underscores; Facility Type, Latitude,
 * Longitude and Parent may be left out. Other columns are ignored.
 */
export interface ImportRow {
  readonly line: number;
  readonly province: string;
  readonly district: string;
  readonly facilityName: string;
  readonly code: string;
  readonly facilityType: string;
  readonly latitude: string;
  readonly longitude: string;
  /** The parent's code, when the file names it (the Parent column); empty: from the code's digits. */
  readonly parent: string;
}

/** A row that cannot be imported, and why, in words an operator can act on. */
export interface RowError {
  readonly line: number;
  readonly reason: string;
}

/** A file that cannot be read at all (bad quoting, missing columns). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const COLUMNS = {
  province: { header: 'Province', required: true },
  district: { header: 'District', required: true },
  facilityName: { header: 'Facility_Name', required: true },
  code: { header: 'Code', required: true },
  facilityType: { header: 'Facility Type', required: false },
  latitude: { header: 'Latitude', required: false },
  longitude: { header: 'Longitude', required: false },
  parent: { header: 'Parent', required: false },
} as const;

type Column = keyof typeof COLUMNS;

const headerKey = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function csvRecords(text: string): CsvRecord[] {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(`${error.message}; nothing after it can be trusted.`);
    throw error;
  }
}

/** The header-mapped rows of a file, and the rows whose shape is wrong. */
export function readImportRows(text: string): { rows: ImportRow[]; errors: RowError[] } {
  const [header, ...records] = csvRecords(text);
  if (!header) throw new ImportFileError('The file is empty.');
  const positions = new Map(header.cells.map((cell, index) => [headerKey(cell), index]));
  const index = {} as Record<Column, number | undefined>;
  const missing: string[] = [];
  for (const [column, spec] of Object.entries(COLUMNS) as Array<[Column, (typeof COLUMNS)[Column]]>) {
    index[column] = positions.get(headerKey(spec.header));
    if (index[column] === undefined && spec.required) missing.push(spec.header);
  }
  if (missing.length > 0) {
    throw new ImportFileError(
      `The header (line ${header.line}) lacks ${missing.join(', ')}. Expected: ${Object.values(COLUMNS)
        .map((c) => c.header)
        .join(',')}`,
    );
  }
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    if (record.cells.length !== header.cells.length) {
      errors.push({
        line: record.line,
        reason: `${record.cells.length} cells where the header has ${header.cells.length} (a comma in a name needs quotes)`,
      });
      continue;
    }
    const cell = (column: Column): string => {
      const at = index[column];
      return at === undefined ? '' : record.cells[at].trim();
    };
    rows.push({
      line: record.line,
      province: cell('province'),
      district: cell('district'),
      facilityName: cell('facilityName'),
      code: cell('code'),
      facilityType: cell('facilityType'),
      latitude: cell('latitude'),
      longitude: cell('longitude'),
      parent: cell('parent'),
    });
  }
  return { rows, errors };
}
