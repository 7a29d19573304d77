import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

// What an operator scrapes at GET /metrics, in Prometheus' text format (prom-client): requests
// by operation and outcome with their latency, the response cache's hits and misses, the
// database calls' durations, the documents seeded by this process, and Node's own process
// metrics (CPU, memory, event-loop lag, heap).

export const metricsEndpoint = '/metrics';

/** Operation names are chosen by clients: past this many distinct ones, the rest count as one. */
const MAX_OPERATIONS = 200;
const OTHER_OPERATIONS = '(other)';

export type Outcome = 'ok' | 'client_error' | 'server_error';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'kg_requests_total',
    help: 'HTTP requests answered, by GraphQL operation (or route) and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'kg_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer, by GraphQL operation (or route)',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'kg_response_cache_requests_total',
    help: 'Requests the response cache could answer: result="hit" (answered from the cache) or "miss" (computed)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'kg_db_query_duration_seconds',
    help: 'Database calls made for requests, by Prisma model (SQL for raw queries) and operation',
    labelNames: ['model', 'operation'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const seeded = new Counter({
    name: 'kg_seed_documents_total',
    help: 'Documents handled by seeds run in this process, by status (stored, skipped, failed, pruned)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const seedFailures = new Counter({
    name: 'kg_seed_failures_total',
    help: 'Seeds run in this process that stopped on an error (a document that fails counts in kg_seed_documents_total)',
    registers: [registry],
  });
  const operations = new Set<string>();
  const operationLabel = (operation: string) => {
    if (operations.has(operation)) return operation;
    if (operations.size >= MAX_OPERATIONS) return OTHER_OPERATIONS;
    operations.add(operation);
    return operation;
  };
  return {
    registry,
    request(operation: string, outcome: Outcome, seconds: number) {
      const label = operationLabel(operation);
      requests.inc({ operation: label, outcome });
      latency.observe({ operation: label }, seconds);
    },
    cache(result: 'hit' | 'miss') {
      cache.inc({ result });
    },
    query(model: string, operation: string, seconds: number) {
      queries.observe({ model, operation }, seconds);
    },
    seededDocument(status: string) {
      seeded.inc({ status });
    },
    seedFailed() {
      seedFailures.inc();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The process's metrics: every app and seed of the process counts into them. */
export const metrics = createMetrics();

/** Serves GET /metrics from `registry`. */
export function useMetrics(registry: Registry = metrics.registry): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== metricsEndpoint || request.method !== 'GET') return;
      endResponse(
        new Response(await registry.metrics(), {
          headers: { 'content-type': registry.contentType },
        }),
      );
    },
  };
}
