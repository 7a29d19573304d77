import type { BenchReport } from './bench.ts';
import type { LoadResult } from './queries/load.ts';
import type { ServerKey } from './servers.ts';

// The report of a run as Markdown: what ran where, the tables, the ratios and the targets. The
// same text is printed and written to BENCHMARKS.md.

const MB = 2 ** 20;
const SERVER_NAMES: Record<ServerKey, string> = {
  ours: 'ours',
  oursUncached: 'ours, no response cache',
  floor: 'floor (better-sqlite3 + graphql-jit)',
  postgraphile: 'PostGraphile 4 (PostgreSQL 15)',
};

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function cell(result: LoadResult | undefined): string {
  if (!result) return 'n/a';
  const failed = result.failures > 0 ? ` **${result.failures} failed**` : '';
  const cpu =
    result.cpuMsPerRequest === null ? '' : ` · ${result.cpuMsPerRequest.toFixed(2)} ms CPU`;
  return `${number(result.requestsPerSecond)} req/s · ${result.p50} / ${result.p99} ms${cpu}${failed}`;
}

/** ours ÷ other in requests per second, and (in brackets) in CPU time per request. */
function ratio(a: LoadResult | undefined, b: LoadResult | undefined): string {
  if (!a || !b || b.requestsPerSecond === 0) return 'n/a';
  const cpu =
    a.cpuMsPerRequest && b.cpuMsPerRequest
      ? ` (${(b.cpuMsPerRequest / a.cpuMsPerRequest).toFixed(2)}×)`
      : '';
  return `${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}×${cpu}`;
}

const yes = (met: boolean) => (met ? 'met' : '**not met**');

/** Every target of the issue with what this run measured. */
export function targets(report: BenchReport): { target: string; measured: string; met: boolean }[] {
  const rows: { target: string; measured: string; met: boolean }[] = [];
  for (const seed of report.seeding) {
    rows.push({
      target: `seeding ${number(seed.documents)} documents ≥ 200 documents/s`,
      measured: `${number(seed.documentsPerSecond, 1)} documents/s`,
      met: seed.documentsPerSecond >= 200,
    });
    rows.push({
      target: `seeding ${number(seed.documents)} documents: peak RSS ≤ 400 MB`,
      measured: `${number(seed.peakRssBytes / MB)} MB`,
      met: seed.peakRssBytes <= 400 * MB,
    });
  }
  const [small, large] = [report.seeding[0], report.seeding.at(-1)];
  if (small && large && large !== small) {
    const value = large.seconds / small.seconds;
    rows.push({
      target: `${number(large.documents)}/${number(small.documents)} seeding time ratio ≤ ${(11 * large.documents) / small.documents / 10}`,
      measured: value.toFixed(2),
      met: value <= (11 * large.documents) / small.documents / 10,
    });
  }
  for (const row of report.queries) {
    const ours = row.results.ours;
    if (['page', 'depth4', 'search'].includes(row.key)) {
      const floor = row.results.floor;
      const peer = row.results.postgraphile;
      if (ours && floor) {
        const value = ours.requestsPerSecond / floor.requestsPerSecond;
        rows.push({
          target: `${row.label}: ≥ 0.5× the floor`,
          measured: `${value.toFixed(2)}×`,
          met: value >= 0.5,
        });
      }
      if (ours && peer) {
        const value = ours.requestsPerSecond / peer.requestsPerSecond;
        rows.push({
          target: `${row.label}: ≥ 1× PostGraphile`,
          measured: `${value.toFixed(2)}×`,
          met: value >= 1,
        });
      }
    } else if (ours) {
      rows.push({
        target: `${row.label}: p99 < 50 ms`,
        measured: `${ours.p99} ms`,
        met: ours.p99 < 50,
      });
    }
    if (ours && ours.failures > 0) {
      rows.push({
        target: `${row.label}: every answer without errors`,
        measured: `${ours.failures} failed`,
        met: false,
      });
    }
  }
  rows.push({
    target: `serving ${number(report.queriesOn)} documents: RSS ≤ 400 MB`,
    measured: `${number(report.serving.peakRssBytes / MB)} MB peak`,
    met: report.serving.peakRssBytes <= 400 * MB,
  });
  rows.push({
    target: `serving ${number(report.queriesOn)} documents: ready < 2 s`,
    measured: `${number(report.serving.readyMs)} ms`,
    met: report.serving.readyMs < 2_000,
  });
  return rows;
}

/** The report as Markdown. */
export function formatReport(report: BenchReport, command: string): string {
  const { options, machine } = report;
  const servers = (Object.keys(SERVER_NAMES) as ServerKey[]).filter((key) =>
    report.queries.some((row) => row.results[key]),
  );
  const lines: string[] = [];
  lines.push('# Benchmarks', '');
  lines.push(
    `- Date: ${report.startedAt.toISOString()} (${Math.round((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000)} s)`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Linux ${machine.kernel}, Node ${machine.node}`,
    `- Load average (1, 5, 15 min): ${report.loadAverage.before.map((l) => l.toFixed(2)).join(', ')} before, ${report.loadAverage.after.map((l) => l.toFixed(2)).join(', ')} after — the machine is shared, so figures move with what else runs`,
    `- Command: \`${command}\``,
    `- Corpus: synthetic (bench/corpus, seed "${options.corpusSeed}"), half text dumps, half HTML pages`,
    '',
  );

  lines.push('## Seeding', '');
  lines.push(
    `The real seed command (\`npm run seed\`: \`dist/seed.mjs --batch-size ${options.batchSize}\`) in its own process on a new database, timed from spawn to exit.`,
    '',
    '| documents | time | documents/s | peak RSS | failed | time per pipeline step (summed) |',
    '| ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const seed of report.seeding) {
    lines.push(
      `| ${number(seed.documents)} | ${seed.seconds.toFixed(1)} s | ${number(seed.documentsPerSecond, 1)} | ${number(seed.peakRssBytes / MB)} MB | ${seed.failed} | ${seed.steps} |`,
    );
  }
  const [small, large] = [report.seeding[0], report.seeding.at(-1)];
  if (small && large && large !== small) {
    lines.push(
      '',
      `Time ratio ${number(large.documents)}/${number(small.documents)}: ${(large.seconds / small.seconds).toFixed(2)}`,
    );
  }
  lines.push('');

  lines.push(`## Queries over HTTP on the ${number(report.queriesOn)}-document database`, '');
  const load = options.amount
    ? `${options.amount} requests`
    : `${options.duration} s after ${options.warmup} s of warm-up`;
  lines.push(
    `autocannon, ${options.connections} connections, ${load}, median of ${options.rounds} round(s); each operation rotates through its distinct arguments (${Object.entries(
      report.arguments,
    )
      .map(([key, n]) => `${key} ${n}`)
      .join(
        ', ',
      )}). Cells: requests/s · p50 / p99 latency · CPU time the server's processes spent per request (PostgreSQL's included for PostGraphile). Ratios: ours ÷ the other in requests/s, and in brackets in CPU per request (the other's CPU ÷ ours), which moves far less than throughput when other work shares the machine.`,
    '',
    `| operation | ${servers.map((key) => SERVER_NAMES[key]).join(' | ')} | ours ÷ floor | ours ÷ PostGraphile | no cache ÷ floor | no cache ÷ PostGraphile |`,
    `| --- | ${servers.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: |`,
  );
  for (const row of report.queries) {
    const { ours, oursUncached, floor, postgraphile } = row.results;
    lines.push(
      `| ${row.label} | ${servers.map((key) => cell(row.results[key])).join(' | ')} | ${ratio(ours, floor)} | ${ratio(ours, postgraphile)} | ${ratio(oursUncached, floor)} | ${ratio(oursUncached, postgraphile)} |`,
    );
  }
  lines.push('');
  const passes = report.queries
    .map((row) => (row.results.ours?.requests ?? 0) / Math.max(1, report.arguments[row.key]))
    .filter((n) => n > 0);
  if (passes.length > 0) {
    lines.push(
      `"ours" is the server as shipped, with its response cache. Its warm-up sent other arguments, so every measured argument's first request was computed during the measurement; the rotation then went round ${number(Math.min(...passes))}–${number(Math.max(...passes))} times, and those repeats are cache hits. "No response cache" (RESPONSE_CACHE=off) computes every request: the cost of a first request.`,
      '',
    );
  }
  if ('skipped' in report.postgraphile)
    lines.push(`PostGraphile: skipped (${report.postgraphile.skipped}).`, '');
  else
    lines.push(
      `PostGraphile's copy of the data took ${(report.postgraphile.copyMs / 1000).toFixed(1)} s (not timed in the table).`,
      '',
    );

  lines.push('## Serving', '');
  lines.push(
    `Ours (\`npm start\`: \`dist/server.mjs\`, NODE_ENV=production) on the ${number(report.queriesOn)}-document database: ready (spawn to /ready answering) in ${number(report.serving.readyMs)} ms; peak RSS over the whole query run ${number(report.serving.peakRssBytes / MB)} MB${report.serving.uncachedPeakRssBytes ? ` (${number(report.serving.uncachedPeakRssBytes / MB)} MB without the response cache)` : ''}.`,
    '',
    `Start-up to ready: ${Object.entries(report.servers)
      .map(([key, value]) => `${SERVER_NAMES[key as ServerKey]} ${number(value!.readyMs)} ms`)
      .join(', ')}.`,
    '',
  );

  lines.push('## Targets', '', '| target | measured | |', '| --- | ---: | --- |');
  for (const row of targets(report))
    lines.push(`| ${row.target} | ${row.measured} | ${yes(row.met)} |`);
  lines.push('');
  return lines.join('\n');
}
