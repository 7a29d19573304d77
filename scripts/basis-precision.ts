// npx tsx scripts/basis-precision.ts <corpus-dir>... [--docs] [--only PREFIX]
// Measures the evidence table (src/extract/data/evidence.json) against gold files: runs the
// extraction on every document of a corpus folder (as `npm run extract` does, no database) and
// prints, per evidence name, how many institutions, models and developer links it produced were
// right, wrong, or optional in the gold. With --docs it also lists, per document, what was
// missed and what was spurious. Meant to be run by hand on an annotated corpus (e.g.
// ../shared/corpus/real); tests never read such folders.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { preview } from '../src/extract/preview.ts';
import { formatOf } from '../src/ingest/read.ts';

const require = createRequire(import.meta.url);
const OpenCC = require('opencc-js') as {
  Converter: (o: { from: string; to: string }) => (s: string) => string;
};
const fold = OpenCC.Converter({ from: 'hk', to: 'cn' });
const norm = (s: string) => fold(s.normalize('NFKC').replace(/\s+/g, '').toLowerCase());

interface GoldEntity {
  name: string;
  aliases?: string[];
  optional?: boolean;
  developer?: string;
}
interface Gold {
  institutions?: GoldEntity[];
  models?: GoldEntity[];
}

const args = process.argv.slice(2);
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only');
if (!dirs.length) {
  console.error(
    'usage: npx tsx scripts/basis-precision.ts <corpus-dir>... [--docs] [--only PREFIX]',
  );
  process.exit(2);
}
const showDocs = args.includes('--docs');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

type Outcome = 'right' | 'wrong' | 'optional';
const tally = new Map<string, Record<Outcome, number>>();
function count(kind: string, basis: string, outcome: Outcome): void {
  const key = `${kind.padEnd(10)} ${basis}`;
  const row = tally.get(key) ?? { right: 0, wrong: 0, optional: 0 };
  row[outcome]++;
  tally.set(key, row);
}

/** The gold entity one of whose names equals one of `names`. */
function matchGold(list: GoldEntity[], names: string[]): GoldEntity | undefined {
  const keys = new Set(names.map(norm));
  return list.find((g) => [g.name, ...(g.aliases ?? [])].some((n) => keys.has(norm(n))));
}

/** tp, fp, fn per kind. */
const totals: Record<'inst' | 'model' | 'dev', [number, number, number]> = {
  inst: [0, 0, 0],
  model: [0, 0, 0],
  dev: [0, 0, 0],
};
for (const [dir, file] of dirs.flatMap((d) =>
  readdirSync(d)
    .sort()
    .map((f) => [d, f] as const),
)) {
  const format = formatOf(file);
  if (!format || file.endsWith('.json') || (only && !file.startsWith(only))) continue;
  const gold = JSON.parse(
    readFileSync(join(dir, file.replace(/\.[a-z]+$/, '.gold.json')), 'utf8'),
  ) as Gold;
  const { extraction } = preview(readFileSync(join(dir, file)), format, file);
  const lines: string[] = [];
  const check = (
    kind: 'inst' | 'model',
    found: { ref: string; name: string; names: { name: string }[]; basis: string }[],
    goldList: GoldEntity[],
  ) => {
    const hit = new Set<GoldEntity>();
    for (const e of found) {
      const g = matchGold(
        goldList,
        e.names.map((n) => n.name),
      );
      if (g && !hit.has(g)) hit.add(g);
      const outcome: Outcome = !g ? 'wrong' : g.optional ? 'optional' : 'right';
      count(kind, e.basis, outcome);
      if (outcome === 'right') totals[kind][0]++;
      if (outcome === 'wrong') {
        totals[kind][1]++;
        lines.push(`  ${kind} spurious: ${e.name} [${e.basis}]`);
      }
    }
    for (const g of goldList) {
      if (!g.optional && !hit.has(g)) {
        totals[kind][2]++;
        lines.push(`  ${kind} missed:   ${g.name}`);
      }
    }
  };
  check('inst', extraction.institutions, gold.institutions ?? []);
  check('model', extraction.models, gold.models ?? []);
  const byRef = new Map(
    [...extraction.institutions, ...extraction.models].map((e) => [e.ref, e] as const),
  );
  const goldLinks = (gold.models ?? []).filter((m) => m.developer);
  const linked = new Set<GoldEntity>();
  for (const d of extraction.developments) {
    const model = byRef.get(d.model);
    const inst = byRef.get(d.institution);
    if (!model || !inst) continue;
    const gm = matchGold(
      gold.models ?? [],
      model.names.map((n) => n.name),
    );
    const gi = matchGold(
      gold.institutions ?? [],
      inst.names.map((n) => n.name),
    );
    const right =
      gm?.developer !== undefined &&
      gi !== undefined &&
      [gi.name, ...(gi.aliases ?? [])].some((n) => norm(n) === norm(gm.developer ?? ''));
    const outcome: Outcome = right
      ? gm?.optional
        ? 'optional'
        : 'right'
      : gm?.optional
        ? 'optional'
        : 'wrong';
    count('developer', d.basis, outcome);
    if (right && gm) linked.add(gm);
    if (outcome === 'right') totals.dev[0]++;
    if (outcome === 'wrong') {
      totals.dev[1]++;
      lines.push(`  dev spurious: ${model.name} <- ${inst.name} [${d.basis}]`);
    }
  }
  for (const g of goldLinks) {
    if (!g.optional && !linked.has(g)) {
      totals.dev[2]++;
      lines.push(`  dev missed:   ${g.name} <- ${g.developer}`);
    }
  }
  if (showDocs && lines.length) console.log(`${file}\n${lines.join('\n')}`);
}

// The suggested weight is the smoothed share of findings that are true entities or links (an
// optional gold entity, such as a general-purpose model, is a true one): (true + 1) / (n + 2).
console.log(
  '\nper evidence: right / wrong / optional   precision (right / (right + wrong))   weight',
);
for (const [key, row] of [...tally.entries()].sort()) {
  const p = row.right + row.wrong ? row.right / (row.right + row.wrong) : Number.NaN;
  const weight = (row.right + row.optional + 1) / (row.right + row.optional + row.wrong + 2);
  console.log(
    `  ${key.padEnd(44)} ${String(row.right).padStart(3)} / ${String(row.wrong).padStart(3)} / ${String(row.optional).padStart(3)}   ${Number.isNaN(p) ? '  -  ' : p.toFixed(3)}   ${weight.toFixed(2)}`,
  );
}
const prf = ([tp, fp, fn]: [number, number, number]) => {
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${((2 * p * r) / (p + r || 1)).toFixed(3)} (tp ${tp} fp ${fp} fn ${fn})`;
};
console.log(`\nper document, summed: institutions ${prf(totals.inst)}`);
console.log(`                      models       ${prf(totals.model)}`);
console.log(`                      developers   ${prf(totals.dev)}`);
