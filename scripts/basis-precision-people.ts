// How often each kind of evidence is right: extracts every document of annotated corpora (the
// *.gold.json format of ../shared/corpus/README.md) and prints, per evidence name (basis), how
// many people, affiliations and raised-challenge links it produced and how many of them the gold
// file confirms. The weights of data/evidence.json are read off this table. With --docs it also
// prints, per document, what was missed and what was found wrongly, for people, affiliations and
// raised challenges.
//
//   npx tsx scripts/basis-precision-people.ts ../shared/corpus/real ../shared/corpus/dev [--docs]
//
// Run by hand only: the corpora it reads are not part of the repository, and no test calls it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentFormat } from '../src/domain/document.ts';
import { toSimplified } from '../src/domain/normalize.ts';
import { preview } from '../src/extract/preview.ts';
import type { Evidence, Extraction } from '../src/extract/types.ts';

interface GoldPerson {
  name: string;
  aliases?: string[];
  optional?: boolean;
  affiliations?: { institution: string; role?: string; optional?: boolean }[];
}
interface Gold {
  people?: GoldPerson[];
  institutions?: { name: string; aliases?: string[] }[];
  challenges?: { name: string; keywords?: string[]; raisedBy?: string[]; optional?: boolean }[];
}

const norm = (s: string) => toSimplified(s.normalize('NFKC')).replace(/\s+/g, '').toLowerCase();
const setOf = (names: string[]) => new Set(names.map(norm));
const meets = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

interface Tally {
  right: number;
  all: number;
}
const tallies = new Map<string, Tally>();
function count(kind: string, basis: string, right: boolean): void {
  const key = `${kind.padEnd(12)} ${basis}`;
  const t = tallies.get(key) ?? { right: 0, all: 0 };
  t.all++;
  if (right) t.right++;
  tallies.set(key, t);
}

function challengeOf(gold: Gold, names: string[]) {
  const mine = setOf(names);
  let best: { score: number; name: string } | undefined;
  for (const c of gold.challenges ?? []) {
    const keys = setOf([c.name, ...(c.keywords ?? [])]);
    let score = 0;
    if (mine.has(norm(c.name))) score = 5;
    else if (meets(mine, keys)) score = 3;
    else if ([...mine].some((n) => [...keys].some((k) => n.includes(k) || k.includes(n))))
      score = 1;
    if (score && (!best || score > best.score)) best = { score, name: c.name };
  }
  return best?.name;
}

function scoreDocument(
  file: string,
  gold: Gold,
  found: Extraction,
  show: boolean,
  sentenceOf: (e: Evidence) => string,
): void {
  const people = gold.people ?? [];
  const personOf = (names: string[]) =>
    people.find((p) => meets(setOf([p.name, ...(p.aliases ?? [])]), setOf(names)));
  const institutionNames = (name: string) => {
    const inst = (gold.institutions ?? []).find((i) =>
      setOf([i.name, ...(i.aliases ?? [])]).has(norm(name)),
    );
    return setOf(inst ? [inst.name, ...(inst.aliases ?? [])] : [name]);
  };
  const names = new Map<string, string[]>();
  for (const e of [...found.people, ...found.institutions, ...found.challenges])
    names.set(
      e.ref,
      e.names.map((n) => n.name),
    );
  const lines: string[] = [];

  const matchedPeople = new Set<GoldPerson>();
  for (const p of found.people) {
    const g = personOf(names.get(p.ref) ?? [p.name]);
    if (g) matchedPeople.add(g);
    count('person', p.basis, g !== undefined);
    if (!g) lines.push(`  spurious person ${p.name} [${p.basis}]`);
  }
  for (const g of people)
    if (!g.optional && !matchedPeople.has(g)) lines.push(`  missed person ${g.name}`);

  const goldAffiliations = people.flatMap((p) =>
    (p.affiliations ?? []).map((a) => ({ person: p, ...a, optional: p.optional || a.optional })),
  );
  const hitAffiliations = new Set<object>();
  for (const a of found.affiliations) {
    const g = personOf(names.get(a.person) ?? []);
    const inst = setOf(names.get(a.institution) ?? []);
    const hit = goldAffiliations.find(
      (x) => x.person === g && meets(institutionNames(x.institution), inst),
    );
    if (hit) hitAffiliations.add(hit);
    count('affiliation', a.basis, hit !== undefined);
    const label = `${names.get(a.person)?.[0]} @ ${names.get(a.institution)?.[0]}: ${a.role}`;
    if (!hit) lines.push(`  spurious affiliation ${label} [${a.basis}]`);
    else if (
      hit.role &&
      !norm(hit.role)
        .split(/、|兼|及|和/)
        .every((part) => norm(a.role).includes(part))
    )
      lines.push(`  role ${label}, gold ${hit.role} [${a.basis}]`);
  }
  for (const x of goldAffiliations)
    if (!x.optional && !hitAffiliations.has(x))
      lines.push(`  missed affiliation ${x.person.name} @ ${x.institution}: ${x.role ?? ''}`);

  const goldRaised = (gold.challenges ?? []).flatMap((c) =>
    (c.raisedBy ?? []).map((who) => ({ who, challenge: c.name, optional: c.optional })),
  );
  const hitRaised = new Set<object>();
  for (const r of found.raised) {
    const g = personOf(names.get(r.person) ?? []);
    const challenge = challengeOf(gold, names.get(r.challenge) ?? []);
    const hit = goldRaised.find(
      (x) =>
        g && setOf([g.name, ...(g.aliases ?? [])]).has(norm(x.who)) && x.challenge === challenge,
    );
    if (hit) hitRaised.add(hit);
    count('raised', r.basis, hit !== undefined);
    if (!hit)
      lines.push(
        `  spurious raised ${names.get(r.person)?.[0]} -> ${challenge ?? names.get(r.challenge)?.[0]} [${r.basis}]\n      ${sentenceOf(r.evidence).slice(0, 120)}`,
      );
  }
  for (const x of goldRaised)
    if (!x.optional && !hitRaised.has(x)) lines.push(`  missed raised ${x.who} -> ${x.challenge}`);

  if (show && lines.length) console.log(`${file}\n${lines.join('\n')}`);
}

const args = process.argv.slice(2);
const show = args.includes('--docs');
for (const dir of args.filter((a) => !a.startsWith('--'))) {
  for (const file of readdirSync(dir).filter((f) => /\.(txt|html|md)$/.test(f))) {
    const format = file.split('.').pop() as DocumentFormat;
    const gold = JSON.parse(
      readFileSync(join(dir, file.replace(/\.\w+$/, '.gold.json')), 'utf8'),
    ) as Gold;
    const shown = preview(readFileSync(join(dir, file)), format, file);
    scoreDocument(file, gold, shown.extraction, show, (e) => shown.quote(e).sentence);
  }
}

console.log('\nkind         basis                              right / found  precision');
for (const [key, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b)))
  console.log(
    `${key.padEnd(47)} ${String(t.right).padStart(4)} / ${String(t.all).padEnd(5)}  ${(t.right / t.all).toFixed(2)}`,
  );
