import { builder } from '../builder.ts';
import { confidenceAtLeast, type MinConfidenceArgs, minConfidenceArg } from './confidence.ts';
import { badUserInput } from './errors.ts';
import { EntityOrderBy } from './order.ts';

// The filters and orders the top-level connections share, as GraphQL arguments and as the Prisma
// `where` / `orderBy` they become. Every filter is part of the one query a connection makes (and
// of its count), never a second pass over the rows.

/** A period: documents published on or after `from` and on or before `to`. */
export interface Period {
  from?: Date | null;
  to?: Date | null;
}

/** The Prisma condition on a `publishedAt` column, or undefined for an open period. */
export function publishedIn({ from, to }: Period) {
  if (from && to && from > to) throw badUserInput('"from" is after "to": the period is empty.');
  if (!from && !to) return undefined;
  return { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
}

/** `from` and `to`: a period of publication dates. */
export const periodArgs = builder.args((t) => ({
  from: t.field({
    type: 'DateTime',
    required: false,
    description: 'Only documents published on or after this point in time.',
  }),
  to: t.field({
    type: 'DateTime',
    required: false,
    description: 'Only documents published on or before this point in time.',
  }),
}));

/** A global ID argument that must name a Document; its row id. */
export function documentIdOf(arg: { typename: string; id: string } | null | undefined) {
  if (!arg) return undefined;
  if (arg.typename !== 'Document') {
    throw badUserInput(`Expected the ID of a Document, got the ID of a ${arg.typename}.`);
  }
  return Number(arg.id);
}

/**
 * The shortcut arguments of the people, institutions, models and challenges connections (each
 * adds its own `where`); all of them and `where` must hold.
 */
export const entityArgs = builder.args((t) => ({
  name: t.string({
    required: false,
    description: 'Part of the name or of an alias, in any script: 招联, 数智, GPT.',
  }),
  document: t.globalID({ required: false, description: 'Only those this document mentions.' }),
  from: t.field({
    type: 'DateTime',
    required: false,
    description: 'Only those mentioned in a document published on or after this point in time.',
  }),
  to: t.field({
    type: 'DateTime',
    required: false,
    description: 'Only those mentioned in a document published on or before this point in time.',
  }),
  orderBy: t.field({
    type: [EntityOrderBy],
    required: false,
    description: 'The order: keys in turn, ties broken by the id (first found first by default).',
  }),
  ...minConfidenceArg,
}));

export interface EntityFilterArgs extends Period, MinConfidenceArgs {
  name?: string | null;
  document?: { typename: string; id: string } | null;
}

/**
 * The `where` shared by the four entity connections: the name or an alias contains `name`
 * (aliases are a JSON array in a text column, so a substring of it is a substring of an alias),
 * some mention lies in `document` and in the period, and the confidence reaches the threshold.
 */
export function entityWhere({ name, document, from, to, minConfidence }: EntityFilterArgs) {
  const text = name?.trim();
  const published = publishedIn({ from, to });
  const documentId = documentIdOf(document);
  return {
    ...confidenceAtLeast({ minConfidence }),
    ...(text ? { OR: [{ name: { contains: text } }, { aliases: { contains: text } }] } : {}),
    ...(published || documentId !== undefined
      ? {
          mentions: {
            some: {
              ...(documentId !== undefined ? { documentId } : {}),
              ...(published ? { publishedAt: published } : {}),
            },
          },
        }
      : {}),
  };
}
