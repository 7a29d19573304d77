// npm run extract -- <file> [--json]   (PDF and .docx too)
// Shows what seeding would extract from one document and the sentence behind each fact, so a
// user can see why something was or was not found. Nothing is stored.
import { readFileSync } from 'node:fs';
import { preview } from '../extract/preview.ts';
import { formatOf } from '../ingest/read.ts';
import { unpack } from '../ingest/unpack.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const format = file ? formatOf(file) : null;
if (!file || !format) {
  console.error('usage: npm run extract -- <file.txt|.html|.htm|.md|.pdf|.docx> [--json]');
  process.exit(2);
}

const bytes = readFileSync(file);
const { pages } = await unpack({ source: file, format, bytes }).catch((error: Error) => {
  console.error(`${file}: ${error.message}`);
  process.exit(1);
});
const { document, extraction, quote } = preview(bytes, format, file, pages);
if (args.includes('--json')) {
  console.log(JSON.stringify({ document: { ...document, text: undefined }, extraction }, null, 2));
  process.exit(0);
}

const nameOf = new Map(
  [
    ...extraction.people,
    ...extraction.institutions,
    ...extraction.models,
    ...extraction.challenges,
  ].map((e) => [e.ref, e.name]),
);
/** A finding's confidence and the name of its evidence: [0.50 pattern]. */
const support = (found: { confidence: number; basis: string }) =>
  `[${found.confidence.toFixed(2)} ${found.basis}]`;
const line = (label: string, text: string, sentence?: string) =>
  console.log(
    `  ${label.padEnd(14)} ${text}${sentence ? `\n  ${''.padEnd(14)} « ${sentence} »` : ''}`,
  );
const aliases = (names: { name: string }[], main: string) => {
  const other = names.map((n) => n.name).filter((n) => n !== main);
  return other.length ? ` (also: ${other.join(', ')})` : '';
};

console.log(
  `${document.title}\n${document.publishedAt ?? 'no date'} · ${document.publisher ?? 'no publisher'} · ${document.text.length} characters of article\n`,
);
console.log('People');
for (const p of extraction.people) {
  const affiliations = extraction.affiliations.filter((a) => a.person === p.ref);
  line(
    p.name,
    `${support(p)} ${affiliations.map((a) => `${a.role || '?'} @ ${nameOf.get(a.institution)} ${support(a)}`).join('; ') || 'no affiliation'}${aliases(p.names, p.name)}`,
    quote(affiliations[0]?.evidence ?? p.mentions[0]!).sentence,
  );
}
console.log('\nInstitutions');
for (const i of extraction.institutions)
  line(
    i.name,
    `${support(i)} ${i.kind}${aliases(i.names, i.name)}`,
    quote(i.mentions[0]!).sentence,
  );
console.log('\nModels');
for (const m of extraction.models) {
  const developer = extraction.developments.find((d) => d.model === m.ref);
  const versions = m.versions
    .map((v) => [v.label, v.parameters, v.releasedAt].filter(Boolean).join(' '))
    .join('; ');
  line(
    m.name,
    `${support(m)} developer: ${developer ? `${nameOf.get(developer.institution)} ${support(developer)}` : '?'}${m.parameters ? ` · ${m.parameters}` : ''}${m.releasedAt ? ` · ${m.releasedAt}` : ''}${versions ? ` · versions: ${versions}` : ''}`,
    quote(developer?.evidence ?? m.mentions[0]!).sentence,
  );
}
console.log('\nChallenges');
for (const c of extraction.challenges) {
  const by = extraction.raised.filter((r) => r.challenge === c.ref);
  line(
    c.name,
    `${support(c)} ${c.label} · raised by: ${by.map((r) => `${nameOf.get(r.person)} ${support(r)}`).join(', ') || 'nobody named'}`,
    quote(by[0]?.evidence ?? c.mentions[0]!).sentence,
  );
}
