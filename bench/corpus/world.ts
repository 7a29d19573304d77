import { Random } from './random.ts';
import {
  BRAND_FIRST,
  BRAND_SECOND,
  COMPOUND_SURNAMES,
  GIVEN_NAME_CHARACTERS,
  INSTITUTIONS,
  type InstitutionTemplate,
  LATIN_FIRST,
  LATIN_SECOND,
  MODEL_FIRST,
  MODEL_SECOND,
  PLACES,
  SITES,
  SURNAMES,
} from './vocabulary.ts';

// The fictional world the documents report on, fixed by the seed alone: who works where and as
// what, which institution develops which model. Documents draw from it with a Zipf law, so a few
// institutions and people recur in many documents (cross-document resolution has real work) and
// most appear once or twice, as in news. Document i never depends on how many are generated, so
// the first 1,000 of a 10,000-document corpus are the 1,000-document corpus.

export interface WorldInstitution {
  index: number;
  template: InstitutionTemplate;
  full: string;
  short: string | null;
  /** People of this institution, most quoted first. */
  staff: WorldPerson[];
  models: WorldModel[];
}

export interface WorldPerson {
  name: string;
  surname: string;
  institution: WorldInstitution;
  role: string;
}

export interface WorldModel {
  name: string;
  developer: WorldInstitution;
  versions: string[];
  /** Parameter count as written (700亿), per version. */
  parameters: string[];
  /** Release of the first version: 2024年3月. */
  released: string;
}

export interface World {
  institutions: WorldInstitution[];
  people: WorldPerson[];
  models: WorldModel[];
  /** Each news site's reporters and editors, by site name: bylines come from a small staff. */
  newsrooms: Map<string, { reporters: string[]; editors: string[] }>;
}

const PEOPLE = 30_000;
const INSTITUTIONS_COUNT = 2_400;
const PARAMETERS = ['70亿', '130亿', '200亿', '340亿', '700亿', '720亿', '1000亿'];
const VERSIONS = ['2.0', '3.0', 'Pro', '二代', '4.0'];

/** A person's name: one or two given characters after a surname, one in ten compound. */
export function personName(random: Random): { name: string; surname: string } {
  const surname = random.chance(0.1) ? random.pick(COMPOUND_SURNAMES) : random.pick(SURNAMES);
  const given =
    random.pick(GIVEN_NAME_CHARACTERS) +
    (random.chance(0.75) ? random.pick(GIVEN_NAME_CHARACTERS) : '');
  return { name: surname + given, surname };
}

function pickTemplate(random: Random): InstitutionTemplate {
  const total = INSTITUTIONS.reduce((sum, t) => sum + t.weight, 0);
  let at = random.next() * total;
  for (const template of INSTITUTIONS) {
    at -= template.weight;
    if (at < 0) return template;
  }
  return INSTITUTIONS[0]!;
}

/** The most models the world holds: well under the number of possible names. */
const MODELS = 400;

function modelName(random: Random, taken: Set<string>): string {
  for (;;) {
    const name = random.chance(0.2)
      ? random.pick(LATIN_FIRST) + random.pick(LATIN_SECOND)
      : random.pick(MODEL_FIRST) + random.pick(MODEL_SECOND);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

const DEVELOPS: ReadonlySet<string> = new Set([
  'tech',
  'bank',
  'broker',
  'fund',
  'life_insurer',
  'consumer_finance',
  'research',
]);

/** The world of `seed`: 2,400 institutions, 30,000 people, 400 models, 5 newsrooms. */
export function createWorld(seed: string): World {
  const random = new Random(`${seed}:world`);
  const names = new Set<string>();
  const institutions: WorldInstitution[] = [];
  while (institutions.length < INSTITUTIONS_COUNT) {
    const template = pickTemplate(random);
    const brand = random.pick(BRAND_FIRST) + random.pick(BRAND_SECOND);
    const place = random.pick(PLACES);
    const full = template.full(brand, place);
    const short = template.short(brand, place);
    if (names.has(full) || (short !== null && names.has(short))) continue;
    names.add(full);
    if (short !== null) names.add(short);
    institutions.push({
      index: institutions.length,
      template,
      full,
      short,
      staff: [],
      models: [],
    });
  }

  const people: WorldPerson[] = [];
  const personNames = new Set<string>();
  while (people.length < PEOPLE) {
    const { name, surname } = personName(random);
    if (personNames.has(name)) continue;
    personNames.add(name);
    // Popular institutions employ more of the people the news quotes.
    const institution = institutions[random.zipf(institutions.length, 0.9)]!;
    const person = { name, surname, institution, role: random.pick(institution.template.roles) };
    institution.staff.push(person);
    people.push(person);
  }

  const models: WorldModel[] = [];
  const modelNames = new Set<string>();
  for (const institution of institutions) {
    if (!DEVELOPS.has(institution.template.kind)) continue;
    const count = institution.template.kind === 'tech' ? random.int(1, 2) : random.int(0, 1);
    for (let m = 0; m < count && models.length < MODELS; m++) {
      const versions = random.sample(VERSIONS, random.int(1, 2));
      const model: WorldModel = {
        name: modelName(random, modelNames),
        developer: institution,
        versions,
        parameters: versions.map(() => random.pick(PARAMETERS)),
        released: `${random.int(2023, 2025)}年${random.int(1, 12)}月`,
      };
      institution.models.push(model);
      models.push(model);
    }
  }
  const newsrooms = new Map(
    SITES.map((site) => [
      site.name,
      {
        reporters: Array.from({ length: 40 }, () => personName(random).name),
        editors: Array.from({ length: 8 }, () => personName(random).name),
      },
    ]),
  );
  return { institutions, people, models, newsrooms };
}
