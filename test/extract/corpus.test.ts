// Extracts every document of the held-out-style corpus (test/fixtures/corpus) through decode,
// clean and extract, and checks the people and roles its gold annotation gives. The full
// scorer (kept outside the repository, for evaluation) is too slow for the test suite; this checks the part of it
// that fails most often on new kinds of documents.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preview } from '../../src/extract/preview.ts';
import { formatOf } from '../../src/ingest/read.ts';

const corpus = join(import.meta.dirname, '../fixtures/corpus');

interface GoldAffiliation {
  institution: string;
  role: string;
  optional?: boolean;
}
interface Gold {
  document: string;
  people: { name: string; optional?: boolean; affiliations: GoldAffiliation[] }[];
  institutions: { name: string; aliases: string[] }[];
}

/**
 * Gold affiliations the extractor misses, and why. Each is a known failure pattern; the test
 * fails when one starts to pass, so that the list stays true.
 */
const KNOWN_MISSES = new Set<string>([]);

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const golds = readdirSync(corpus)
  .filter((f) => f.endsWith('.gold.json'))
  .map((f) => JSON.parse(readFileSync(join(corpus, f), 'utf8')) as Gold);

describe('held-out-style corpus', () => {
  it('has documents of every kind', () => {
    expect(golds.length).toBeGreaterThanOrEqual(10);
  });

  for (const gold of golds) {
    it(`finds the people and roles of ${gold.document}`, () => {
      const file = join(corpus, gold.document);
      const format = formatOf(file);
      if (!format) throw new Error(`not a document: ${file}`);
      const { extraction } = preview(readFileSync(file), format, gold.document);
      const namesOf = (ref: string) =>
        [...extraction.people, ...extraction.institutions]
          .find((e) => e.ref === ref)
          ?.names.map((n) => norm(n.name)) ?? [];
      const goldNames = (institution: string) => {
        const entry = gold.institutions.find((i) => i.name === institution);
        return [institution, ...(entry?.aliases ?? [])].map(norm);
      };
      for (const person of gold.people.filter((p) => !p.optional)) {
        const found = extraction.people.find((p) => namesOf(p.ref).includes(norm(person.name)));
        for (const affiliation of person.affiliations.filter((a) => !a.optional)) {
          const key = `${person.name} @ ${affiliation.institution}`;
          const roles = extraction.affiliations
            .filter((a) => a.person === found?.ref)
            .filter((a) =>
              namesOf(a.institution).some((n) => goldNames(affiliation.institution).includes(n)),
            )
            .map((a) => norm(a.role))
            .join('|');
          const said = norm(affiliation.role)
            .split(/、|兼/)
            .every((part) => roles.includes(part));
          expect(said, key).toBe(!KNOWN_MISSES.has(key));
        }
      }
    });
  }
});
