import {
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { ErrorCode, limitExceeded } from './schema/errors.ts';

// What one operation may ask for, judged with its variables before anything runs: the size of
// every argument value, and the number of objects the answer may hold. Validation rules cannot
// do either (they never see the variables), and graphql-armor's cost rule reads `first` only when
// it is a literal: `people(first: $n)` would cost as much as one person.

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
}

interface Walk {
  schema: GraphQLSchema;
  limits: BudgetLimits;
  variables: Readonly<Record<string, unknown>>;
  fragments: Map<string, FragmentDefinitionNode>;
  /** The cost of one instance of a fragment, by name and list size: shared fragments cost once. */
  memo: Map<string, number>;
}

/** The operation `operationName` picks (the only one when absent), as execution would. */
function operationOf(document: DocumentNode, operationName?: string | null) {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
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

/** Checks every argument of a field and returns their values (variables substituted). */
function argumentValues(
  walk: Walk,
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly ArgumentNode[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const node of nodes) {
    const name = node.name.value;
    const value =
      node.value.kind === Kind.VARIABLE
        ? walk.variables[node.value.name.value]
        : valueFromASTUntyped(node.value, walk.variables);
    const coordinate = `${parent.name}.${field.name}(${name}:)`;
    const maxString = walk.limits.longStrings[coordinate] ?? walk.limits.maxStringLength;
    checkValue(coordinate, value, maxString, walk.limits);
    values[name] = value;
  }
  return values;
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
 * The objects one instance of `type` holds through `selections`: each composite field counts
 * one object per item, times what its own selection holds. `listSize` is how many items a list
 * field of `type` has: one page inside a connection, the estimate elsewhere.
 */
function costOf(
  walk: Walk,
  selections: SelectionSetNode,
  type: GraphQLCompositeType,
  listSize: number,
): number {
  let cost = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : type;
      if (condition && isCompositeType(condition)) {
        cost += costOf(walk, selection.selectionSet, condition, listSize);
      }
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const key = `${name}:${listSize}`;
      let fragmentCost = walk.memo.get(key);
      if (fragmentCost === undefined) {
        const fragment = walk.fragments.get(name);
        const condition = fragment && walk.schema.getType(fragment.typeCondition.name.value);
        fragmentCost =
          fragment && condition && isCompositeType(condition)
            ? costOf(walk, fragment.selectionSet, condition, listSize)
            : 0;
        walk.memo.set(key, fragmentCost);
      }
      cost += fragmentCost;
      continue;
    }
    // Introspection (__schema, __type, __typename) is answered from memory.
    if (selection.name.value.startsWith('__')) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const field = type.getFields()[selection.name.value];
    if (!field) continue;
    const args = argumentValues(walk, type, field, selection.arguments ?? []);
    const named = getNamedType(field.type);
    if (!selection.selectionSet || !isCompositeType(named)) continue;
    const items = isListType(getNullableType(field.type)) ? listSize : 1;
    const inner = isConnection(named)
      ? pageSize(args, walk.limits.defaultPageSize)
      : walk.limits.listSizeEstimate;
    cost += items * (1 + costOf(walk, selection.selectionSet, named, inner));
  }
  return cost;
}

/**
 * Checks the operation a request will execute against `limits`: throws an ARGUMENT_TOO_LONG or
 * LIST_TOO_LONG error for an oversized argument, a QUERY_TOO_COSTLY error when the answer is
 * estimated to hold more than `limits.maxCost` objects. Returns the estimate otherwise. The walk
 * visits each fragment once, however often it is spread.
 */
export function checkOperationBudget(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | null | undefined,
  limits: BudgetLimits,
): number {
  const operation = operationOf(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const walk: Walk = { schema, limits, variables: variables ?? {}, fragments, memo: new Map() };
  const cost = costOf(walk, operation.selectionSet, root, limits.listSizeEstimate);
  if (cost > limits.maxCost) {
    throw limitExceeded(
      ErrorCode.QUERY_TOO_COSTLY,
      `The query may return about ${Math.round(cost)} objects; at most ${limits.maxCost} are allowed. Ask for smaller pages (first) or fewer nested lists.`,
      { cost: Math.round(cost), max: limits.maxCost },
    );
  }
  return cost;
}
