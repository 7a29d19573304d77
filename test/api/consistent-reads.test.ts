import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useConsistentReads } from '../../src/api/consistent-reads.ts';

// A row read early in a query and gone by the time a later SELECT looks for what it points to
// (a seed --prune committing in between) shows as a null in a non-null field. The plugin computes
// the query again; a mutation is never repeated. The server-level race is exercised by
// test/reliability/load.test.ts; here the vanishing row is staged so that it happens every time.

function app(vanishFor: number) {
  const calls = { document: 0, prune: 0 };
  const schema = createSchema({
    typeDefs: `
      type Document { title: String! }
      type Mention { document: Document! }
      type Query { mentions: [Mention!]! }
      type Mutation { prune: [Mention!]! }
    `,
    resolvers: {
      Query: { mentions: () => [{}] },
      Mutation: {
        prune: () => {
          calls.prune++;
          return [{}];
        },
      },
      Mention: {
        document: () => (++calls.document <= vanishFor ? null : { title: '报告' }),
      },
    },
  });
  const yoga = createYoga({ schema, plugins: [useConsistentReads()], maskedErrors: false });
  const post = async (query: string) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  };
  return { post, calls };
}

describe('queries that meet rows moving under them', () => {
  it('are computed again and answer from the database after the move', async () => {
    const { post, calls } = app(1);
    const body = await post('{ mentions { document { title } } }');
    expect(body).toEqual({ data: { mentions: [{ document: { title: '报告' } }] } });
    expect(calls.document).toBe(2);
  });

  it('give up after three computations and report the error', async () => {
    const { post, calls } = app(10);
    const body = await post('{ mentions { document { title } } }');
    expect(body.errors?.[0]?.message).toMatch(/non-nullable field Mention\.document/);
    expect(calls.document).toBe(3);
  });

  it('never repeat a mutation', async () => {
    const { post, calls } = app(1);
    const body = await post('mutation { prune { document { title } } }');
    expect(body.errors?.[0]?.message).toMatch(/non-nullable field Mention\.document/);
    expect(calls.prune).toBe(1);
  });
});
