/** Why Results160 refused or failed something; routes and jobs turn it into an answer or a log line. */
export enum LabResultsErrorCode {
  /** A valid payload the database would not take: retried by the re-run job. */
  ApplyFailed = 'apply-failed',
}

/** Its message names fields and problems, never a lab field's value: it is safe to log. */
export class LabResultsError extends Error {
  constructor(
    readonly code: LabResultsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LabResultsError';
  }
}

/**
 * What may be said of a database error without its values: PostgreSQL's messages quote
 * them (`invalid input syntax for type date: "2020-13-45"`, a patient id in a key), so only
 * the SQLSTATE and the table, column or constraint it names are kept.
 */
export function describeDatabaseError(error: unknown): string {
  const driver = (error as { driverError?: unknown }).driverError ?? error;
  const { code, table, column, constraint } = (driver ?? {}) as Record<string, unknown>;
  const where = [table, column].filter((part) => typeof part === 'string').join('.');
  const parts = [
    typeof code === 'string' ? `SQLSTATE ${code}` : (error as Error)?.name || 'error',
    where ? `on ${where}` : null,
    typeof constraint === 'string' ? `constraint ${constraint}` : null,
  ];
  return parts.filter(Boolean).join(' ');
}
