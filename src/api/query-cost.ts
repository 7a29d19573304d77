import {
  type DocumentNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode, limitExceeded } from './schema/errors.ts';

// What one operation may ask for, judged with its variables before anything runs: the size of
// every argument value, and the number of objects the answer may hold. Validation rules cannot
// do either (they never see the variables). graphql-query-complexity walks the operation with
// the variables coerced, honours @skip/@include, takes the dearest type of an abstract
// selection and stops at fragment cycles; the estimator below says what a field costs here.

export interface BudgetLimits {
  /** The most objects (entities, edges, mentions, connections…) an answer is estimated to hold. */
  maxCost: number;
  /** The longest string any argument may be, unless `longStrings` says otherwise. */
  maxStringLength: number;
  /** Arguments allowed a longer string, by coordinate ("Query.extract(text:)"). */
  longStrings: Readonly<Record<string, number>>;
  /** The most items any list argument may hold (ids, categories, edge types). */
  maxListLength: number;
  /** The page a connection returns when neither `first` nor `last` is given. */
  defaultPageSize: number;
  /** How many items a list without paging (Person.affiliations) is assumed to hold. */
  listSizeEstimate: number;
  /**
   * The most fields the walk visits, fragments expanded: a few nested fragments spread twice
   * each would otherwise make the walk itself exponential. GraphiQL's introspection query
   * visits about 100.
   */
  maxFields: number;
}

/**
 * Throws when a value holds, at any depth, a string or a list larger than allowed. Iterative: a
 * variable can be an array nested a hundred thousand deep within the body limit.
 */
function checkValue(coordinate: string, value: unknown, maxString: number, limits: BudgetLimits) {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.length > maxString) {
        throw limitExceeded(
          ErrorCode.ARGUMENT_TOO_LONG,
          `Argument ${coordinate} is ${item.length} characters long; it takes at most ${maxString}.`,
          { argument: coordinate, max: maxString },
        );
      }
    } else if (Array.isArray(item)) {
      if (item.length > limits.maxListLength) {
        throw limitExceeded(
          ErrorCode.LIST_TOO_LONG,
          `Argument ${coordinate} holds ${item.length} items; it takes at most ${limits.maxListLength}.`,
          { argument: coordinate, max: limits.maxListLength },
        );
      }
      pending.push(...item);
    } else if (item !== null && typeof item === 'object') {
      pending.push(...Object.values(item));
    }
  }
}

/** A Relay connection type: its lists hold one page. */
function isConnection(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  const fields = type.getFields();
  return 'pageInfo' in fields && 'edges' in fields;
}

function pageSize(args: Record<string, unknown>, fallback: number): number {
  for (const value of [args.first, args.last]) {
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return fallback;
}

/**
 * The cost of a field: the objects it returns, each with what its selection holds. A connection
 * holds one page of what it selects (its `pageInfo` is free: it comes with the page); a list in a
 * connection was counted by that page; any other list is assumed to hold `listSizeEstimate`
 * items. Scalars, enums and introspection (answered from memory) cost nothing. Every argument's
 * size is checked on the way, variables included.
 */
function objectsEstimator(limits: BudgetLimits): ComplexityEstimator {
  let fields = 0;
  return ({ type, field, args, childComplexity }) => {
    fields += 1;
    if (fields > limits.maxFields) {
      throw limitExceeded(
        ErrorCode.QUERY_TOO_COSTLY,
        `The query selects more than ${limits.maxFields} fields once its fragments are expanded.`,
        { max: limits.maxFields },
      );
    }
    for (const [name, value] of Object.entries(args)) {
      const coordinate = `${type.name}.${field.name}(${name}:)`;
      checkValue(
        coordinate,
        value,
        limits.longStrings[coordinate] ?? limits.maxStringLength,
        limits,
      );
    }
    const named = getNamedType(field.type);
    if (field.name.startsWith('__') || !isCompositeType(named)) return 0;
    const items = isListType(getNullableType(field.type))
      ? isConnection(type)
        ? 1
        : limits.listSizeEstimate
      : 1;
    if (field.name === 'pageInfo' && isConnection(type)) return 0;
    const holds = isConnection(named)
      ? pageSize(args, limits.defaultPageSize) * childComplexity
      : childComplexity;
    return items * (1 + holds);
  };
}

/**
 * Checks the operation a request will execute against `limits`: throws an ARGUMENT_TOO_LONG or
 * LIST_TOO_LONG error for an oversized argument, a QUERY_TOO_COSTLY error when the answer is
 * estimated to hold more than `limits.maxCost` objects. Returns the estimate otherwise, or null
 * when the variables do not fit the operation (execution then reports them as graphql-js does).
 */
export function checkOperationBudget(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | null | undefined,
  limits: BudgetLimits,
): number | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: { ...variables },
      operationName: operationName ?? undefined,
      estimators: [objectsEstimator(limits)],
      maxQueryNodes: Number.POSITIVE_INFINITY,
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions?.code) throw error;
    return null;
  }
  if (cost > limits.maxCost) {
    throw limitExceeded(
      ErrorCode.QUERY_TOO_COSTLY,
      `The query may return about ${Math.round(cost)} objects; at most ${limits.maxCost} are allowed. Ask for smaller pages (first) or fewer nested lists.`,
      { cost: Math.round(cost), max: limits.maxCost },
    );
  }
  return cost;
}
