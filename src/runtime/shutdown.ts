import type { Server, ServerResponse } from 'node:http';
import type { Logger } from './log.ts';

// Stopping the server on SIGTERM or SIGINT (a container stop, systemd, Ctrl-C): it stops
// accepting connections, lets the requests under way finish (at most `drainMs`, then their
// connections are closed), releases what `close` names (the database) and exits with code 0.
// Connections kept alive between requests are closed as soon as they are idle.

export interface ShutdownOptions {
  logger: Logger;
  /** How long requests under way may still take once a stop is asked for. */
  drainMs: number;
  /** Releases everything else the process holds, once no request is left. */
  close: () => Promise<void>;
}

/** The drain time SHUTDOWN_TIMEOUT_MS names (milliseconds, 10 s by default). */
export function drainMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SHUTDOWN_TIMEOUT_MS?.trim();
  if (!text) return 10_000;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, got "${text}"`);
  }
  return value;
}

/**
 * Counts the requests under way on `server` and stops it, as above, on the first SIGTERM or
 * SIGINT. Later signals are ignored: a terminal's Ctrl-C reaches this process and npm both, and
 * npm passes its own on. The process exits once it is done: 0, or 1 if releasing failed.
 */
export function stopOnSignals(server: Server, options: ShutdownOptions): void {
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  // During the drain, an answer tells its client not to send another request on its connection.
  const lastOnConnection = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  };
  server.on('request', (_request, response) => {
    inFlight.add(response);
    if (stopping) lastOnConnection(response);
    response.once('close', () => {
      inFlight.delete(response);
      if (stopping) server.closeIdleConnections();
    });
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const { logger } = options;
    for (const response of inFlight) lastOnConnection(response);
    logger.info(
      { signal, inFlight: inFlight.size, drainMs: options.drainMs },
      'stopping: draining requests',
    );
    const deadline = setTimeout(() => {
      logger.warn(
        { inFlight: inFlight.size },
        'drain time over: closing the connections still open',
      );
      server.closeAllConnections();
    }, options.drainMs);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      options.close().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'stopping: releasing the database failed');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
