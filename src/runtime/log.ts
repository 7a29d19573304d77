import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { type DestinationStream, type Logger, pino } from 'pino';

// Operator-facing logs: one JSON object per line (pino), at the level LOG_LEVEL names (fatal,
// error, warn, info, debug, trace or silent; info by default). The server writes them to stdout;
// the seed command to stderr, since its stdout is the per-document report people and scripts
// read.

export type { Logger };

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The level LOG_LEVEL names; a bad value is refused with the ones allowed. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LEVELS.includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  return level;
}

/**
 * A logger writing JSON lines to `destination` (file descriptor 1 or 2, or a stream), written
 * synchronously so that nothing logged is lost when the process exits right after.
 */
export function createLogger(
  destination: 1 | 2 | DestinationStream = 1,
  level = logLevel(),
): Logger {
  const stream =
    typeof destination === 'number'
      ? pino.destination({ dest: destination, sync: true })
      : destination;
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

/**
 * Codes of errors that are the client's doing (a malformed id or cursor, a query that fails
 * validation, a limit exceeded): everything with a code except the server's own.
 */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'DATABASE_UNAVAILABLE']);

/** The client's mistake, when `error` is one: its code and message (no stack: nothing broke). */
export function clientMistake(error: unknown): { code: string; message: string } | null {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof PothosValidationError) {
    return { code: 'BAD_USER_INPUT', message: original.message };
  }
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    if (typeof code === 'string' && !SERVER_CODES.has(code) && error.originalError === undefined) {
      return { code, message: error.message };
    }
  }
  return null;
}

function describe(args: unknown[]): { fields: Record<string, unknown>; message: string } {
  const error = args.find((arg) => arg instanceof Error);
  const words = args.filter((arg) => !(arg instanceof Error)).map(String);
  return {
    fields: error ? { err: error } : {},
    message: words.join(' ') || (error instanceof Error ? error.message : ''),
  };
}

/**
 * Yoga's logger on `logger`. Yoga logs at error every error it masks or rewrites; the client's
 * mistakes among them (Pothos' rejection of a malformed id, rewritten as BAD_USER_INPUT) are
 * logged at info with their code and no stack trace, the server's faults at error with one.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const at =
    (level: 'debug' | 'info' | 'warn') =>
    (...args: unknown[]) => {
      const { fields, message } = describe(args);
      logger[level](fields, message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: (...args: unknown[]) => {
      const mistake = args.map(clientMistake).find((m) => m !== null);
      if (mistake) {
        logger.info({ code: mistake.code }, mistake.message);
        return;
      }
      const { fields, message } = describe(args);
      logger.error(fields, message);
    },
  };
}
