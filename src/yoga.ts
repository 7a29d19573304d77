import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import {
  createLogger,
  createYoga,
  type Plugin,
  useReadinessCheck,
  type YogaLogger,
  maskError as yogaMaskError,
} from 'graphql-yoga';
import type { Context } from './builder.ts';
import type { Db } from './db/client.ts';
import { observePrismaCalls, type PrismaCallListener } from './db/observe.ts';
import { ErrorCode } from './schema/errors.ts';
import { schema } from './schema/index.ts';

export const graphqlEndpoint = '/graphql';

// What GraphiQL opens with: the graph the seeds/ folder yields, each fact with its sentence.
const defaultQuery = `# The knowledge graph seeded from seeds/: who works where, which challenges
# they raise and which models institutions build, each fact with the
# sentence and document that state it. Any \`id\` works with node(id:).
query SeedGraph {
  people(first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        name
        aliases
        affiliations { role institution { name aliases kind } }
        challenges { name aliases }
        mentions(first: 2) {
          edges { node { snippet document { title publishedAt publisher } } }
        }
      }
    }
  }
  models(first: 10) {
    edges {
      node {
        name
        aliases
        developer { name }
        versions { version parameters releasedAt }
      }
    }
  }
  challenges(first: 10) {
    edges { node { name aliases people { name } } }
  }
}
`;

export interface AppOptions {
  /** The database every request reads. */
  db: Db;
  /** Where unexpected errors (masked for the client) are logged; tests pass a silent one. */
  logger?: YogaLogger;
  /** Told of every Prisma call the schema makes; by default each is logged at debug level. */
  onPrismaCall?: PrismaCallListener;
}

/**
 * The GraphQL server as a fetch handler: the schema on `db`, GraphiQL at /graphql, masked
 * errors, /health (process up) and /ready (database answering). `server.ts` puts it on a
 * socket; tests call `app.fetch('http://yoga/graphql', …)` without one.
 */
export function createApp({ db, logger = createLogger('info'), onPrismaCall }: AppOptions) {
  const observed = observePrismaCalls(
    db,
    onPrismaCall ?? ((call) => logger.debug(`prisma ${call.model}.${call.operation}`)),
  );
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: () => ({ db: observed }),
    graphqlEndpoint,
    logging: logger,
    landingPage: false,
    graphiql: { title: 'kg-finance', defaultQuery },
    maskedErrors: { maskError: mask },
    plugins: [
      useRedirect('/', graphqlEndpoint),
      useReadinessCheck({ endpoint: '/ready', check: () => databaseAnswers(db, logger) }),
    ],
  });
}

// Pothos rejects malformed cursors, global IDs and connection arguments with a
// PothosValidationError: the client's mistake, so it gets the message and a stable code.
// Everything else keeps Yoga's masking ("Unexpected error."), and Yoga logs the original.
function mask(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof PothosValidationError) {
    return new GraphQLError(original.message, {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return yogaMaskError(error, message, isDev);
}

async function databaseAnswers(db: Db, logger: YogaLogger): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    logger.error('readiness check failed', error);
    return false;
  }
}

function useRedirect(from: string, to: string): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === from) {
        endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: to } }));
      }
    },
  };
}
