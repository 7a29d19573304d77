import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type BudgetLimits, checkOperationBudget } from './query-cost.ts';
import { badRequest, ErrorCode, type ErrorCodeName, limitExceeded } from './schema/errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './schema/pagination.ts';

// What a client may ask of the server, and the switches that differ in production. Every number
// is a named default here, and can be changed through the environment variable beside it without
// touching the code. yoga.ts installs securityPlugins() and the body limit; nothing else does.

/**
 * Selection nesting, fragments flattened. The deepest operation a client needs (the scorer's
 * people → edges → node → mentions → edges → node → document → title) is 8 deep; every nested
 * connection adds two levels (edges → node), so an institution's people's affiliations'
 * institution's models take 16. The answer's size is bounded by the cost estimate, not by this.
 */
export const MAX_DEPTH = 16;
/** Aliased fields per operation: enough to compare a few entities side by side. */
export const MAX_ALIASES = 20;
/**
 * Lexical tokens per request document: GraphiQL's introspection query has about 180, its
 * example document (every operation, sent whole whichever one runs) about 370.
 */
export const MAX_TOKENS = 3000;
/** Directives (@include, @skip) per operation. */
export const MAX_DIRECTIVES = 20;
/**
 * Objects an answer may be estimated to hold (src/api/query-cost.ts). 100 people with their
 * affiliations, challenges and three mentions each come to about 2,700; 100 people with their
 * institutions' models, people and affiliations to about 43,000; 100 people with 100 mentions
 * each, and each mention's document with 100 of its own mentions, to about 3,000,000.
 */
export const MAX_COST = 50_000;
/**
 * Fields the cost estimate may visit, fragments expanded (the evaluation contract's query visits
 * about 40, GraphiQL's introspection query about 100).
 */
export const MAX_FIELDS = 10_000;
/** How many items a list that does not page is assumed to hold, for the cost estimate. */
export const LIST_SIZE_ESTIMATE = 5;
/** The longest string argument (names, cursors, ids, search queries are far shorter). */
export const MAX_STRING_ARGUMENT = 1000;
/** The most items in a list argument (`nodes(ids:)`, `category:`), one page's worth. */
export const MAX_LIST_ARGUMENT = MAX_PAGE_SIZE;
/** Request bodies above this are refused with 413 before they are parsed (1 MB). */
export const MAX_REQUEST_BODY_BYTES = 1_000_000;
/** An operation still running after this long is stopped and answered with an error. */
export const EXECUTION_TIMEOUT_MS = 10_000;
/**
 * A browser sends these headers only after a CORS preflight, so a request carrying one of them
 * cannot be a cross-site form post or image load.
 */
export const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'];

export interface SecuritySettings {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxRequestBodyBytes: number;
  executionTimeoutMs: number;
  budget: BudgetLimits;
  /** Whether __schema and __type may be queried (and "Did you mean" suggestions shown). */
  introspection: boolean;
  /** Whether GET /graphql from a browser serves GraphiQL. */
  graphiql: boolean;
  /** Whether requests a browser sends without preflight must carry one of CSRF_HEADERS. */
  csrfPrevention: boolean;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${text}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const text = env[name]?.trim().toLowerCase();
  if (!text) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(text)) return true;
  if (['0', 'false', 'off', 'no'].includes(text)) return false;
  throw new Error(`${name} must be on or off, got "${text}"`);
}

/**
 * The settings named by the environment. NODE_ENV=production turns introspection and GraphiQL
 * off and CSRF prevention on; GRAPHQL_INTROSPECTION, GRAPHIQL and CSRF_PREVENTION (on/off)
 * override either way. The limits: GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_ALIASES, GRAPHQL_MAX_TOKENS,
 * GRAPHQL_MAX_DIRECTIVES, GRAPHQL_MAX_COST, GRAPHQL_MAX_STRING_ARGUMENT,
 * GRAPHQL_MAX_LIST_ARGUMENT, MAX_REQUEST_BODY_BYTES, EXECUTION_TIMEOUT_MS.
 */
export function securitySettings(env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  const production = env.NODE_ENV === 'production';
  return {
    maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', MAX_DEPTH),
    maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', MAX_ALIASES),
    maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', MAX_TOKENS),
    maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', MAX_DIRECTIVES),
    maxRequestBodyBytes: integer(env, 'MAX_REQUEST_BODY_BYTES', MAX_REQUEST_BODY_BYTES),
    executionTimeoutMs: integer(env, 'EXECUTION_TIMEOUT_MS', EXECUTION_TIMEOUT_MS),
    budget: {
      maxCost: integer(env, 'GRAPHQL_MAX_COST', MAX_COST),
      maxStringLength: integer(env, 'GRAPHQL_MAX_STRING_ARGUMENT', MAX_STRING_ARGUMENT),
      // The one argument made for long text, a whole page to extract from: its resolver has its
      // own limit (TEXT_TOO_LONG), and the body limit bounds it anyway.
      longStrings: { 'Query.extract(text:)': Number.POSITIVE_INFINITY },
      maxListLength: integer(env, 'GRAPHQL_MAX_LIST_ARGUMENT', MAX_LIST_ARGUMENT),
      defaultPageSize: DEFAULT_PAGE_SIZE,
      listSizeEstimate: LIST_SIZE_ESTIMATE,
      maxFields: MAX_FIELDS,
    },
    introspection: flag(env, 'GRAPHQL_INTROSPECTION', !production),
    graphiql: flag(env, 'GRAPHIQL', !production),
    csrfPrevention: flag(env, 'CSRF_PREVENTION', production),
  };
}

/**
 * graphql-armor's depth, alias, token and directive limits, with this server's codes and
 * messages. Each rejection is reported as a validation error (or, for tokens, a parse error) in
 * place of armor's own "Syntax Error: …" message, which has no code.
 */
function armor(settings: SecuritySettings): Plugin {
  const reject =
    (code: ErrorCodeName, what: string, max: number) =>
    (context: ValidationContext | null, error: GraphQLError) => {
      const found = /found (\d+)/.exec(error.message)?.[1];
      const replacement = limitExceeded(
        code,
        `${what}: at most ${max} ${found ? `allowed, found ${found}` : 'allowed'}.`,
        { max, ...(found ? { found: Number(found) } : {}) },
      );
      if (context) context.reportError(replacement);
      else throw replacement;
    };
  const common = { propagateOnRejection: false, exposeLimits: true };
  return EnvelopArmorPlugin({
    maxDepth: {
      ...common,
      n: settings.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      onReject: [reject(ErrorCode.QUERY_TOO_DEEP, 'Query too deep', settings.maxDepth)],
    },
    maxAliases: {
      ...common,
      n: settings.maxAliases,
      onReject: [reject(ErrorCode.TOO_MANY_ALIASES, 'Too many aliases', settings.maxAliases)],
    },
    maxTokens: {
      ...common,
      n: settings.maxTokens,
      onReject: [reject(ErrorCode.TOO_MANY_TOKENS, 'Query too long (tokens)', settings.maxTokens)],
    },
    maxDirectives: {
      ...common,
      n: settings.maxDirectives,
      onReject: [
        reject(ErrorCode.TOO_MANY_DIRECTIVES, 'Too many directives', settings.maxDirectives),
      ],
    },
    // The cost is estimated with the variables at hand (query-cost.ts), which armor's rule
    // never sees.
    costLimit: { enabled: false },
    // "Did you mean …?" spells out the schema that disabled introspection hides.
    blockFieldSuggestion: { enabled: !settings.introspection },
  }) as Plugin;
}

/**
 * Yoga's own switch (@graphql-yoga/plugin-disable-introspection, which adds graphql-js's
 * NoSchemaIntrospectionCustomRule), with its error carrying this server's code and message: the
 * rule reports through the validation context, so the context handed to it reports ours.
 */
function disableIntrospection(): Plugin {
  const plugin = useDisableIntrospection() as Plugin;
  // The rule reports every introspection field (`__schema` and each field below it); one error
  // per document says it all.
  const coded =
    (rule: ValidationRule): ValidationRule =>
    (context) => {
      let reported = false;
      const report = () => {
        if (reported) return;
        reported = true;
        context.reportError(
          limitExceeded(
            ErrorCode.INTROSPECTION_DISABLED,
            'Introspection is disabled on this server.',
          ),
        );
      };
      return rule(
        new Proxy(context, {
          get: (target, property, receiver) =>
            property === 'reportError' ? report : Reflect.get(target, property, receiver),
        }),
      );
    };
  return {
    ...plugin,
    onValidate: (payload) =>
      plugin.onValidate?.({
        ...payload,
        addValidationRule: (rule) => payload.addValidationRule(coded(rule)),
      }),
  };
}

/** Argument sizes and the cost estimate, checked with the variables before execution. */
function budget(limits: BudgetLimits): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      try {
        checkOperationBudget(
          args.schema,
          args.document,
          args.variableValues,
          args.operationName,
          limits,
        );
      } catch (error) {
        setResultAndStopExecution({ errors: [error as GraphQLError] });
      }
    },
  };
}

/**
 * Stops an operation that runs longer than `ms`: the executor stops resolving fields once its
 * signal is aborted (a client that hangs up aborts it the same way), and the answer is an
 * EXECUTION_TIMEOUT error. SQLite answers synchronously, so a timer alone would never get to
 * fire while the fields resolve: the signal also looks at the clock each time the executor
 * asks it whether it was aborted, which it does before every field.
 */
function timeout(ms: number): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as { request?: Request }).request;
      setExecuteFn(async (execution) => {
        const controller = new AbortController();
        const { signal } = controller;
        const deadline = performance.now() + ms;
        const expire = () => {
          if (signal.aborted || performance.now() < deadline) return;
          controller.abort(
            limitExceeded(
              ErrorCode.EXECUTION_TIMEOUT,
              `The operation ran longer than ${ms} ms and was stopped.`,
              { timeoutMs: ms },
            ),
          );
        };
        Object.defineProperty(signal, 'throwIfAborted', {
          value: () => {
            expire();
            AbortSignal.prototype.throwIfAborted.call(signal);
          },
        });
        const timer = setTimeout(expire, ms + 1);
        const hangUp = () => controller.abort(request?.signal.reason);
        request?.signal.addEventListener('abort', hangUp, { once: true });
        try {
          return await executeFn({ ...execution, signal } as typeof execution);
        } finally {
          clearTimeout(timer);
          request?.signal.removeEventListener('abort', hangUp);
        }
      });
    },
  };
}

/**
 * Yoga's CSRF prevention (@graphql-yoga/plugin-csrf-prevention): a request a browser would send
 * cross-site without a preflight (a GET, or a POST of a form or of text/plain) must carry one of
 * `headers`, which no page can add without a preflight the CORS policy then judges. JSON POSTs
 * (GraphiQL, the explorer) always pass. Its refusal is answered with this server's code and the
 * headers to send, where the plugin's own error has neither.
 */
function csrfPrevention(headers: readonly string[]): Plugin {
  const plugin = useCSRFPrevention({ requestHeaders: [...headers] }) as Plugin;
  return {
    onRequestParse(payload) {
      try {
        return plugin.onRequestParse?.(payload);
      } catch {
        throw limitExceeded(
          ErrorCode.CSRF_HEADER_REQUIRED,
          `This request needs one of the headers ${headers.join(', ')} (CSRF prevention), or a JSON body.`,
          { headers },
          403,
        );
      }
    },
  };
}

/**
 * A POST no request parser reads (text/plain, XML, no content type) gets a JSON error saying
 * what to send, where Yoga would answer 415 with an empty body.
 */
const unsupportedMediaType: Plugin = {
  onRequestParse({ request, requestParser }) {
    if (requestParser || request.method !== 'POST') return;
    throw limitExceeded(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Send the operation as application/json (or application/graphql), not ${request.headers.get('content-type') ?? 'without a content type'}.`,
      {},
      415,
    );
  },
};

/**
 * Yoga parses `variables` and `extensions` of a GET or a form post with a bare JSON.parse: a
 * malformed one would be answered 500. Any failure to read the request is the client's.
 */
const malformedRequest: Plugin = {
  onRequestParse({ requestParser, setRequestParser }) {
    if (!requestParser) return;
    setRequestParser(async (request) => {
      try {
        return await requestParser(request);
      } catch (error) {
        if (error instanceof SyntaxError) {
          throw badRequest(`The request is malformed: ${error.message}`);
        }
        throw error;
      }
    });
  },
};

/**
 * Some errors about the request as a whole carry no code: a variable of the wrong type, missing
 * or null (graphql-js), an operation type the schema lacks (mutation, subscription). They get
 * BAD_USER_INPUT for a variable, BAD_REQUEST otherwise, so that every error a client sees has
 * one. Errors at a path (a field's) are left as they are.
 */
function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code !== undefined || error.path !== undefined) return error;
  const code = /^Variable "\$/.test(error.message)
    ? ErrorCode.BAD_USER_INPUT
    : ErrorCode.BAD_REQUEST;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

const codeRequestErrors: Plugin = {
  onResultProcess({ result, setResult }) {
    if (Array.isArray(result) || !('errors' in result) || !result.errors) return;
    setResult({ ...result, errors: result.errors.map(withCode) });
  },
};

/** The plugins that hold every request to `settings`, for createYoga's `plugins`. */
export function securityPlugins(settings: SecuritySettings): Plugin[] {
  return [
    // Requests refused before parsing, the CSRF check first: a form post is a CSRF attempt
    // before it is the wrong media type.
    ...(settings.csrfPrevention ? [csrfPrevention(CSRF_HEADERS)] : []),
    unsupportedMediaType,
    malformedRequest,
    armor(settings),
    ...(settings.introspection ? [] : [disableIntrospection()]),
    budget(settings.budget),
    timeout(settings.executionTimeoutMs),
    codeRequestErrors,
  ];
}
