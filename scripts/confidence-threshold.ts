// Chooses the default view's confidence threshold (DEFAULT_MIN_CONFIDENCE in
// src/api/schema/confidence.ts) on the real articles: runs the scorer (../shared/eval/score.mjs, which
// seeds the corpus into a temporary database, starts the server and reads the default view) once
// per threshold, with the server's default set by MIN_CONFIDENCE, and prints its F1 at each.
//   npx tsx scripts/confidence-threshold.ts [--corpus ../shared/corpus/real] [--thresholds 0,0.5,0.7]
// Run by hand only (tests never read ../shared). Re-run it whenever the evidence weights
// (src/extract/data/evidence.json) change, and set DEFAULT_MIN_CONFIDENCE to the recommendation.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MIN_CONFIDENCE } from '../src/api/schema/confidence.ts';
import evidence from '../src/extract/data/evidence.json' with { type: 'json' };
import { projectRoot } from '../src/runtime/paths.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(projectRoot, '../shared/corpus/real') },
    thresholds: { type: 'string' },
  },
});
const corpus = resolve(values.corpus!);
const scorer = join(projectRoot, '../shared/eval/score.mjs');
if (!existsSync(scorer) || !existsSync(corpus)) {
  console.error(`needs ${scorer} and ${corpus}`);
  process.exit(2);
}

/**
 * The thresholds to score: quarters of the scale, the current default and each evidence weight
 * (where the view changes: between two weights it is that of the next one up).
 */
function candidates(): number[] {
  if (values.thresholds) return values.thresholds.split(',').map(Number);
  const weights = Object.values(evidence.weights as Record<string, number>);
  const scale = [0, 0.25, 0.5, 0.75];
  return [...new Set([...scale, DEFAULT_MIN_CONFIDENCE, ...weights])].sort((a, b) => a - b);
}

interface Report {
  entityF1: number;
  relationF1: number;
  roleAccuracy: number | null;
  provenance: number | null;
  boilerplateLeaks: string[];
}

function score(threshold: number): Report {
  const work = mkdtempSync(join(tmpdir(), 'kg-threshold-'));
  try {
    const json = join(work, 'report.json');
    const run = spawnSync(
      process.execPath,
      [scorer, '--corpus', corpus, '--project', projectRoot, '--json', json],
      {
        cwd: projectRoot,
        env: { ...process.env, MIN_CONFIDENCE: String(threshold) },
        encoding: 'utf8',
      },
    );
    if (run.status !== 0)
      throw new Error(`score.mjs failed at ${threshold}:\n${run.stdout}${run.stderr}`);
    return JSON.parse(readFileSync(json, 'utf8')) as Report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const f = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));
console.log(`corpus ${corpus}`);
console.log('threshold  entityF1  relationF1  roleAcc  provenance  leaks');
const rows: { threshold: number; report: Report }[] = [];
for (const threshold of candidates()) {
  const report = score(threshold);
  rows.push({ threshold, report });
  console.log(
    `${threshold.toFixed(2).padStart(9)}  ${f(report.entityF1).padStart(8)}  ${f(report.relationF1).padStart(10)}  ${f(report.roleAccuracy).padStart(7)}  ${f(report.provenance).padStart(10)}  ${String(report.boilerplateLeaks.length).padStart(5)}`,
  );
}
// The best mean of entity and relation F1; on a tie the lowest threshold, which hides least.
const mean = ({ report }: (typeof rows)[number]) => (report.entityF1 + report.relationF1) / 2;
const best = rows.reduce((a, b) => (mean(b) > mean(a) + 1e-9 ? b : a));
console.log(
  `recommended DEFAULT_MIN_CONFIDENCE = ${best.threshold} (now ${DEFAULT_MIN_CONFIDENCE}): mean F1 ${mean(best).toFixed(3)}`,
);
