import { type EntityKind, kindOfTable } from '../../domain/entities.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { EntityRef, FactRef } from '../../store/curation/change.ts';
import { entityRow } from '../../store/curation/entities.ts';
import {
  CurationRefused,
  type CurationRow,
  makeCuration,
  type NewCuration,
  undoCuration,
} from '../../store/curation/store.ts';
import type { Context } from '../builder.ts';
import { requireCurator } from '../curators.ts';
import { badUserInput } from './errors.ts';

// What the curation mutations share: their arguments checked and turned into the entities and
// facts a curation names (by kind and key, which survive re-seeding), and the one way each
// mutation is recorded and applied.

const MAX_TEXT = 200;
// The budget refuses longer string arguments anyway (MAX_STRING_ARGUMENT, src/api/security.ts).
export const MAX_NOTE = 1000;

export function text(value: string, what: string, max = MAX_TEXT): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badUserInput(`${what} must not be empty.`);
  if ([...trimmed].length > max) throw badUserInput(`${what} is longer than ${max} characters.`);
  return trimmed;
}

/** The entity a global ID names now, as a curation names it: kind and key. */
export async function entityRef(
  ctx: Context,
  id: { typename: string; id: string },
  only?: EntityKind,
): Promise<EntityRef & { id: number; aliases: string[] }> {
  const kind = kindOfTable(id.typename);
  if (!kind || (only && kind !== only)) {
    throw badUserInput(
      `Expected ${only ? `a ${only.toLowerCase()}` : 'an entity'}, got ${id.typename}.`,
    );
  }
  const row = await entityRow(ctx.writer, kind, Number(id.id));
  if (row === null) throw badUserInput(`No ${id.typename} ${id.id} in the graph.`);
  let aliases: string[] = [];
  try {
    aliases = JSON.parse(row.aliases) as string[];
  } catch {}
  return { kind, key: row.key, name: row.name, id: Number(id.id), aliases };
}

export const plain = ({ kind, key, name }: EntityRef): EntityRef => ({ kind, key, name });

/** A stated relation named by its global ID, with its ends. */
export async function factRef(
  ctx: Context,
  id: { typename: string; id: string },
): Promise<FactRef> {
  const rowId = Number(id.id);
  const ends = { select: { key: true, name: true } } as const;
  const missing = () => badUserInput(`No ${id.typename} ${id.id} in the graph.`);
  const ref = (kind: EntityKind, row: { key: string; name: string }): EntityRef => ({
    kind,
    ...row,
  });
  switch (id.typename) {
    case 'Affiliation': {
      const row = await ctx.writer.affiliation.findUnique({
        where: { id: rowId },
        select: { role: true, person: ends, institution: ends },
      });
      if (!row) throw missing();
      return {
        type: 'AFFILIATION',
        person: ref('PERSON', row.person),
        institution: ref('INSTITUTION', row.institution),
        role: row.role,
      };
    }
    case 'Development': {
      const row = await ctx.writer.development.findUnique({
        where: { id: rowId },
        select: { model: ends, institution: ends },
      });
      if (!row) throw missing();
      return {
        type: 'DEVELOPMENT',
        model: ref('MODEL', row.model),
        institution: ref('INSTITUTION', row.institution),
      };
    }
    case 'Raised': {
      const row = await ctx.writer.raised.findUnique({
        where: { id: rowId },
        select: { person: ends, challenge: ends },
      });
      if (!row) throw missing();
      return {
        type: 'RAISED',
        person: ref('PERSON', row.person),
        challenge: ref('CHALLENGE', row.challenge),
      };
    }
    default:
      throw badUserInput(`Expected an Affiliation, Development or Raised, got ${id.typename}.`);
  }
}

/** Checks the token, builds the curation from the graph as it is, records and applies it. */
export async function curate(
  query: { include?: Prisma.CurationInclude; select?: Prisma.CurationSelect },
  ctx: Context,
  build: () => Promise<Omit<NewCuration, 'curator'>>,
): Promise<CurationRow> {
  const curator = requireCurator(ctx.request, ctx.curators);
  const input = await build();
  let row: CurationRow;
  try {
    row = await makeCuration(ctx.writer, { ...input, curator: curator.name });
  } catch (error) {
    if (error instanceof CurationRefused) throw badUserInput(error.message);
    throw error;
  }
  return ctx.db.curation.findUniqueOrThrow({ ...query, where: { id: row.id } });
}

export async function undo(
  query: { include?: Prisma.CurationInclude; select?: Prisma.CurationSelect },
  ctx: Context,
  find: () => Promise<number>,
): Promise<CurationRow> {
  const curator = requireCurator(ctx.request, ctx.curators);
  const id = await find();
  try {
    await undoCuration(ctx.writer, id, curator.name);
  } catch (error) {
    if (error instanceof CurationRefused) throw badUserInput(error.message);
    throw error;
  }
  return ctx.db.curation.findUniqueOrThrow({ ...query, where: { id } });
}
