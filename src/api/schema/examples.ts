import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Db } from '../../db/client.ts';

// The document GraphiQL opens with: one named operation per lookup, with the IDs of entities of
// the database being served, so that each example runs as it is (▶ offers them by name).

interface ExampleIds {
  document: string;
  person: string;
  otherPerson: string;
  institution: string;
  challenge: string;
}

const placeholder = 'paste an id from the Search operation';

/**
 * Picks entities that make good examples: the most mentioned person with an affiliation and a
 * raised challenge, another person who raised one of the same challenges (so a path exists
 * through stated relations), the institution the first one works at, and that challenge.
 */
async function exampleIds(db: Db): Promise<ExampleIds> {
  const person = await db.person.findFirst({
    where: { affiliations: { some: {} }, raised: { some: {} } },
    orderBy: [{ mentions: { _count: 'desc' } }, { id: 'asc' }],
    select: {
      id: true,
      affiliations: { select: { institutionId: true }, take: 1, orderBy: { id: 'asc' } },
      raised: { select: { challengeId: true }, orderBy: { id: 'asc' } },
    },
  });
  const document = await db.document.findFirst({
    where: { names: { some: { institution: { developments: { some: {} } } } } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  const documentId = document ? encodeGlobalID('Document', document.id) : placeholder;
  if (!person) {
    return {
      document: documentId,
      person: placeholder,
      otherPerson: placeholder,
      institution: placeholder,
      challenge: placeholder,
    };
  }
  const challengeIds = person.raised.map((r) => r.challengeId);
  const other = await db.person.findFirst({
    where: {
      id: { not: person.id },
      raised: { some: { challengeId: { in: challengeIds } } },
      affiliations: { none: { institutionId: person.affiliations[0]!.institutionId } },
    },
    orderBy: [{ mentions: { _count: 'desc' } }, { id: 'asc' }],
    select: { id: true, raised: { select: { challengeId: true } } },
  });
  const shared = other?.raised.find((r) => challengeIds.includes(r.challengeId))?.challengeId;
  return {
    document: documentId,
    person: encodeGlobalID('Person', person.id),
    otherPerson: other ? encodeGlobalID('Person', other.id) : placeholder,
    institution: encodeGlobalID('Institution', person.affiliations[0]!.institutionId),
    challenge: encodeGlobalID('Challenge', shared ?? challengeIds[0]!),
  };
}

/** The GraphiQL default document for the database behind `db`. */
export async function exampleOperations(db: Db): Promise<string> {
  const ids = await exampleIds(db);
  return `# kg-finance: one named operation per lookup. Run one with ▶ (it asks which).
# The IDs below are entities of this database; any id from Search works.

# Ranked search over every kind of entity: exact, then prefix, then substring.
query Search {
  search(query: "银行", first: 5) {
    totalCount
    edges { match matchedName node { __typename id name aliases } }
  }
}

# Filters and order on a connection: the banks, most mentioned first, and who works there.
query Banks {
  institutions(where: { category: { eq: BANK } }, orderBy: [{ field: MENTION_COUNT, direction: DESC }], first: 5) {
    totalCount
    edges { node {
      name aliases
      affiliations(first: 5) { totalCount edges { node { role person { name } } } }
      models(first: 5) { edges { node { name } } }
    } }
  }
}

# Filters across relations: banks whose people raised 幻觉 in 2024 (where each raised is stated).
query BanksRaisingHallucination {
  institutions(first: 10, where: {
    category: { eq: BANK }
    affiliations: { some: { person: { raised: { some: {
      challenge: { name: { eq: "幻觉" } }
      mentions: { some: { publishedAt: { gte: "2024-01-01T00:00:00Z", lt: "2025-01-01T00:00:00Z" } } }
    } } } } }
  }) {
    totalCount
    edges { node { name people(first: 5) { edges { node { name } } } } }
  }
}

# People with a role containing 首席 at a bank, by name.
query ChiefsAtBanks {
  people(first: 10, orderBy: [{ field: NAME }], where: {
    affiliations: { some: { role: { contains: "首席" }, institution: { category: { eq: BANK } } } }
  }) {
    totalCount
    edges { node { name affiliations { role institution { name } } } }
  }
}

# Models whose developer is mentioned in a document (OR / NOT combine conditions too).
query ModelsOfDevelopersInDocument {
  models(first: 10, where: {
    developers: { some: { mentions: { some: { document: { id: { eq: "${ids.document}" } } } } } }
  }) {
    totalCount
    edges { node { name developer { name } } }
  }
}

# What was said about a challenge in a period: mentions carry their document's date.
query SaidInPeriod {
  node(id: "${ids.challenge}") {
    ... on Challenge {
      name
      mentions(from: "2025-01-01T00:00:00Z", to: "2025-12-31T23:59:59Z", first: 5) {
        totalCount
        edges { node { snippet publishedAt document { title } } }
      }
    }
  }
}

# An entity's neighbourhood: typed edges with their evidence (add CO_MENTIONED for more).
query Neighbors {
  neighbors(id: "${ids.person}", depth: 2, types: [AFFILIATION, DEVELOPER, RAISED], first: 20) {
    truncated
    nodes { depth entity { __typename id name } }
    edges { type role source { name } target { name } evidence { snippet document { title } } }
  }
}

# How two people are connected, step by step, through stated relations.
query Path {
  path(from: "${ids.person}", to: "${ids.otherPerson}", maxDepth: 4, types: [AFFILIATION, DEVELOPER, RAISED]) {
    length
    paths {
      nodes { __typename name }
      steps { from { name } to { name } edges { type role evidence { snippet } } }
    }
  }
}

# What two entities share: documents, and the entities both relate to.
query Connections {
  connections(a: "${ids.person}", b: "${ids.otherPerson}") {
    a { name }
    b { name }
    documents { title publishedAt }
    shared { entity { __typename name } edges { type source { name } target { name } } }
    direct { type weight }
  }
}

# Dated facts: model versions with their parameters and release dates.
query ModelVersions {
  models(orderBy: [{ field: MENTION_COUNT, direction: DESC }], first: 10) {
    edges { node { name developer { name } parameters releasedAt versions { version parameters releasedAt } } }
  }
}

# A document and every entity it names.
query DocumentEntities {
  documents(orderBy: [{ field: PUBLISHED_AT, direction: DESC }], first: 3) {
    edges { node { title publishedAt publisher entities { __typename name } } }
  }
}

# One institution, refetched by id, with its people and models.
query Institution {
  node(id: "${ids.institution}") {
    ... on Institution {
      name category
      people(first: 10) { totalCount edges { node { name } } }
      models(first: 10) { totalCount edges { node { name versions { version } } } }
      documents(first: 5) { totalCount edges { node { title publishedAt } } }
    }
  }
}
`;
}
