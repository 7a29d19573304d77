import autocannon from 'autocannon';

// One measurement: autocannon at a fixed number of connections, every request taking the next
// body of a precomputed list (so a run of N requests over a list of 1,000 asks each argument
// about N/1,000 times, in the same order on every server). Responses carrying GraphQL errors are
// counted: a server that answers fast with errors has not answered.

export interface LoadOptions {
  /** Concurrent connections. */
  connections: number;
  /** Seconds of measurement; ignored when `amount` is set. */
  duration: number;
  /** A fixed number of requests instead of a duration (smoke runs). */
  amount?: number;
  /** Seconds of unmeasured load before, so every server is measured warm. */
  warmup: number;
  /** What the warm-up sends (other arguments than the measured ones); `bodies` by default. */
  warmupBodies?: readonly string[];
  /** The CPU time the server has used so far (ms), read before and after the measurement. */
  serverCpuMs?: () => number;
}

/** The header our response cache answers with (src/response-cache.ts): `hit` or `miss`. */
const CACHE_STATUS_HEADER = 'x-response-cache';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Server CPU time per request (ms), when the server's processes are known. */
  cpuMsPerRequest: number | null;
  /** Connection errors, timeouts, non-2xx answers and answers with GraphQL errors. */
  failures: number;
  /** The first failing answer, to say what went wrong. */
  firstFailure: string | null;
  /** Answers the server's response cache gave from before ÷ answers it looked up; null without one. */
  cacheHitRate: number | null;
}

/** Runs `bodies` in rotation against the GraphQL endpoint at `url`. */
export async function runLoad(
  url: string,
  bodies: readonly string[],
  options: LoadOptions,
): Promise<LoadResult> {
  if (bodies.length === 0) throw new Error('no request bodies');
  let next = 0;
  let sending = options.warmupBodies ?? bodies;
  let graphqlErrors = 0;
  let firstFailure: string | null = null;
  let cacheHits = 0;
  let cacheLookups = 0;
  const request = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    setupRequest: (raw: { body?: string }) => {
      raw.body = sending[next++ % sending.length]!;
      return raw;
    },
    onResponse: (
      status: number,
      body: string,
      _context: unknown,
      headers: Record<string, string | string[]> = {},
    ) => {
      const cache = headers[CACHE_STATUS_HEADER];
      if (cache !== undefined) {
        cacheLookups++;
        if (cache === 'hit') cacheHits++;
      }
      if (status !== 200 || body.includes('"errors"')) {
        graphqlErrors++;
        firstFailure ??= `${status} ${body.slice(0, 300)}`;
      }
    },
  };
  if (options.warmup > 0 && options.amount === undefined) {
    await autocannon({
      url,
      connections: options.connections,
      duration: options.warmup,
      requests: [request],
    });
  }
  sending = bodies;
  next = 0;
  graphqlErrors = 0;
  firstFailure = null;
  cacheHits = 0;
  cacheLookups = 0;
  const cpuBefore = options.serverCpuMs?.();
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration }),
    timeout: 30,
    requests: [request],
  });
  const cpuAfter = options.serverCpuMs?.();
  return {
    requests: result.requests.total,
    cpuMsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
        ? null
        : (cpuAfter - cpuBefore) / result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + graphqlErrors,
    firstFailure,
    cacheHitRate: cacheLookups > 0 ? cacheHits / cacheLookups : null,
  };
}
