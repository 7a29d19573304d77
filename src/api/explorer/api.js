// The explorer's GraphQL operations and the one function that sends them to /graphql.

const EVIDENCE = `evidence { snippet snippetStart start end publishedAt document { title publisher } }`;

export const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 8) {
    edges { match matchedName node { id __typename name } }
  }
}`;

export const NEIGHBORS = `query Neighbors($id: ID!, $types: [EdgeType!]) {
  neighbors(id: $id, depth: 1, types: $types, first: 40) {
    truncated
    nodes { depth entity { id __typename name } }
    edges { id type role weight source { id name } target { id name } ${EVIDENCE} }
  }
}`;

export const ENTITY = `query Entity($id: ID!) {
  node(id: $id) {
    __typename
    ... on Entity {
      id name aliases
      mentions(first: 6) {
        totalCount
        edges { node { snippet snippetStart start end publishedAt document { title publisher } } }
      }
    }
    ... on Person { affiliations { id role institution { name } } challenges { name } }
    ... on Institution {
      category
      people(first: 20) { totalCount edges { node { name } } }
      models(first: 20) { totalCount edges { node { name } } }
    }
    ... on Model { developer { name } parameters releasedAt versions { version parameters releasedAt } }
    ... on Challenge { description people(first: 20) { totalCount edges { node { name } } } }
  }
}`;

/** Posts one operation to /graphql and returns its data, or throws its first error. */
export async function graphql(query, variables, token) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}
