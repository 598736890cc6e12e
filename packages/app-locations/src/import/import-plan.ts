import type { LocationsSettings } from '../locations.config';
import {
  levelOf,
  NODE_LEVELS,
  ParentNotYet,
  RowProblem,
  type ExistingLocation,
  type LocationPlan,
} from './import-nodes';
import { Planner } from './import-planner';
import type { ImportRow, RowError } from './import-rows';

/**
 * What a file asks for, checked row by row against itself and the database (`existing`, by
 * lower-case code): codes that fit the country's scheme, names that agree with the codes,
 * each code on one row. A row with a problem adds nothing; the others are planned.
 */
export function planLocations(
  rows: readonly ImportRow[],
  existing: ReadonlyMap<string, ExistingLocation>,
  settings: LocationsSettings,
): LocationPlan {
  const planner = new Planner(existing, settings);
  // Declared provinces and districts first, so facility rows anywhere in the file see them.
  const ordered = [...rows].sort((a, b) => rank(a, settings) - rank(b, settings) || a.line - b.line);
  const errors: RowError[] = [];
  // Rows under a Parent planned later in the file wait, and are tried again while any succeeds.
  let waiting: Array<{ row: ImportRow; reason: string }> = [];
  const attempt = (row: ImportRow): void => {
    try {
      planner.add(row);
    } catch (error) {
      if (error instanceof ParentNotYet) waiting.push({ row, reason: error.message });
      else if (error instanceof RowProblem) errors.push({ line: row.line, reason: error.message });
      else throw error;
    }
  };
  for (const row of ordered) attempt(row);
  for (let before = Infinity; waiting.length > 0 && waiting.length < before;) {
    before = waiting.length;
    const retry = waiting;
    waiting = [];
    for (const { row } of retry) attempt(row);
  }
  for (const { row, reason } of waiting) errors.push({ line: row.line, reason });
  const nodes = [...planner.nodes.values()].sort(
    (a, b) => NODE_LEVELS.indexOf(a.level) - NODE_LEVELS.indexOf(b.level) || a.line - b.line,
  );
  return { nodes, errors: errors.sort((a, b) => a.line - b.line) };
}

function rank(row: ImportRow, settings: LocationsSettings): number {
  return NODE_LEVELS.indexOf(levelOf(row, settings));
}
