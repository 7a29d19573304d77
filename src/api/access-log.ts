import type { IncomingMessage, RequestListener } from 'node:http';
import { type DocumentNode, GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../runtime/log.ts';
import type { Metrics, Outcome } from '../runtime/metrics.ts';

// One access line per request and its count in the metrics: method, path (never the query
// string, which may carry variables), GraphQL operation name, status, outcome, duration, the
// error codes of the answer and whether the response cache answered it. What only Yoga knows
// (the operation, the error codes) and what only the response cache knows (hit or miss) is
// written into the request's RequestInfo, found from the node request wherever it is handled
// (Yoga's server context carries it). Not AsyncLocalStorage: on Node 20 it installs promise
// hooks, a cost on every promise of every request (measured in the commit that removed it).

export interface RequestInfo {
  /** The GraphQL operation's name; "(anonymous)" for an unnamed one. */
  operation?: string;
  /** The `extensions.code` of every error in the answer ("UNCODED" for one without). */
  errors: string[];
  /** Whether the response cache answered (hit) or computed (miss); unset when not cacheable. */
  cache?: 'hit' | 'miss';
}

const infos = new WeakMap<IncomingMessage, RequestInfo>();

/** The RequestInfo of a request withAccessLog handles; undefined for others (tests' yoga.fetch). */
export function requestInfoOf(request: IncomingMessage | undefined): RequestInfo | undefined {
  return request ? infos.get(request) : undefined;
}

/** The node request in a Yoga context, when the request came through node:http. */
function nodeRequestOf(context: unknown): IncomingMessage | undefined {
  return (context as { req?: IncomingMessage } | undefined)?.req;
}

const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR']);

/** ok; client_error for a refused request or an answer with errors; server_error for a fault. */
export function outcomeOf(status: number, errors: string[]): Outcome {
  if (status >= 500 || errors.some((code) => SERVER_CODES.has(code))) return 'server_error';
  if (status >= 400 || errors.length > 0) return 'client_error';
  return 'ok';
}

/** `listener` with an access line logged and the request counted when each answer ends. */
export function withAccessLog(
  listener: RequestListener,
  { logger, metrics }: { logger: Logger; metrics: Metrics },
): RequestListener {
  return (request, response) => {
    const started = performance.now();
    const info: RequestInfo = { errors: [] };
    response.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const path = (request.url ?? '/').split('?')[0]!;
      const operation = info.operation ?? `${request.method} ${path}`;
      // A client that hung up before the answer ended never saw its status.
      const status = response.writableFinished ? response.statusCode : 499;
      const outcome = outcomeOf(status, info.errors);
      metrics.request(operation, outcome, seconds);
      logger.info(
        {
          method: request.method,
          path,
          operation: info.operation,
          status,
          outcome,
          ms: Math.round(seconds * 10_000) / 10,
          ...(info.errors.length > 0 ? { errors: info.errors } : {}),
          ...(info.cache ? { cache: info.cache } : {}),
        },
        'request',
      );
    });
    infos.set(request, info);
    listener(request, response);
  };
}

function operationName(document: DocumentNode, name: unknown): string {
  const operation = getOperationAST(document, typeof name === 'string' ? name : undefined);
  return operation?.name?.value ?? '(anonymous)';
}

function codesOf(result: unknown): string[] {
  const results = Array.isArray(result) ? result : [result];
  return results.flatMap((one) => {
    const errors = (one as { errors?: readonly unknown[] } | null)?.errors ?? [];
    return errors.map((error) => {
      const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
      const plain = (error as { extensions?: { code?: unknown } }).extensions?.code;
      const found = code ?? plain;
      return typeof found === 'string' ? found : 'UNCODED';
    });
  });
}

/** Writes the operation name and the answer's error codes into the request's RequestInfo. */
export function useRequestInfo(): Plugin {
  return {
    onParse({ context }) {
      const name = (context as { params?: { operationName?: unknown } }).params?.operationName;
      const info = requestInfoOf(nodeRequestOf(context));
      if (info && typeof name === 'string') info.operation = name;
      return ({ result }) => {
        if (info && result && (result as DocumentNode).kind === 'Document') {
          info.operation = operationName(result as DocumentNode, name);
        }
      };
    },
    onResultProcess({ result, serverContext }) {
      const info = requestInfoOf(nodeRequestOf(serverContext));
      if (info) info.errors = codesOf(result);
    },
  };
}
