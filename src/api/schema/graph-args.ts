import { kindOfTable } from '../../domain/entities.ts';
import { type NodeRef, TraversalLimitError } from '../../graph/edge.ts';
import { builder } from '../builder.ts';
import { badUserInput, type depthTooLarge, fanOutTooLarge } from './errors.ts';
import { EdgeTypeEnum } from './graph-edge.ts';

// What neighbors, path and connections share: their limits and how arguments are checked. The
// walks themselves are in src/graph/traverse.ts (a few queries per level); each field turns a
// walk's result into entities, edges and evidence with one query per kind of row (graph-edge.ts).

export const MAX_DEPTH = 3;
export const MAX_PATH_DEPTH = 4;
export const MAX_NODES = 100;
export const MAX_PATHS = 20;
const DEFAULT_ROW_LIMIT = 5000;

/**
 * The most rows one level of a walk may read (see loadEdges): GRAPH_ROW_LIMIT, else 5000. Read
 * per request, so an operator (or a test) can tighten it without a restart.
 */
export function rowLimit(): number {
  const configured = Number(process.env.GRAPH_ROW_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_ROW_LIMIT;
}

/** The entity a global ID names, or a BAD_USER_INPUT error for any other ID. */
export function entityRef(id: { typename: string; id: string }, argument: string): NodeRef {
  const kind = kindOfTable(id.typename);
  if (!kind) {
    throw badUserInput(
      `Argument "${argument}" must be the ID of an entity, not of a ${id.typename}.`,
    );
  }
  return { kind, id: Number(id.id) };
}

/** A count argument checked: at least 1, and at most `max` (else the `tooLarge` error). */
export function bounded(
  argument: string,
  value: number,
  max: number,
  tooLarge: typeof depthTooLarge,
) {
  if (value < 1) throw badUserInput(`Argument "${argument}" must be at least 1.`);
  if (value > max) throw tooLarge(argument, value, max);
  return value;
}

/** Runs a walk, turning its row limit into the client's error. */
export async function walk<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TraversalLimitError) throw fanOutTooLarge(error.what, error.limit);
    throw error;
  }
}

export const edgeTypesArg = builder.args((t) => ({
  types: t.field({
    type: [EdgeTypeEnum],
    required: false,
    description: 'The edge types to follow; all of them when absent.',
  }),
}));
