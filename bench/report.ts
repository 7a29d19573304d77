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
    // The headline: the server computing every request (RESPONSE_CACHE=off), or, when that was
    // not measured, as shipped.
    const ours = row.results.oursUncached ?? row.results.ours;
    const which = row.results.oursUncached ? 'computing every request' : 'as shipped';
    const floor = row.results.floor;
    const peer = row.results.postgraphile;
    if (ours && floor && floor.requestsPerSecond > 0) {
      const value = ours.requestsPerSecond / floor.requestsPerSecond;
      rows.push({
        target: `${row.label}, ${which}: ≥ 0.3× the floor`,
        measured: `${value.toFixed(2)}×`,
        met: value >= 0.3,
      });
    }
    if (ours && peer && peer.requestsPerSecond > 0) {
      const value = ours.requestsPerSecond / peer.requestsPerSecond;
      rows.push({
        target: `${row.label}, ${which}: ≥ 1× PostGraphile`,
        measured: `${value.toFixed(2)}×`,
        met: value >= 1,
      });
    }
    if (ours) {
      // A run that completed no request has no latency to meet the target with.
      rows.push({
        target: `${row.label}, ${which}: p99 < 50 ms`,
        measured: ours.requests > 0 ? `${ours.p99} ms` : 'no request completed',
        met: ours.requests > 0 && ours.p99 < 50,
      });
    }
    const mixed = row.mix.ours;
    const mixedPeer = row.mix.postgraphile;
    if (mixed && mixedPeer && mixedPeer.requestsPerSecond > 0) {
      const value = mixed.requestsPerSecond / mixedPeer.requestsPerSecond;
      rows.push({
        target: `${row.label}, realistic mix: ≥ 3× PostGraphile`,
        measured: `${value.toFixed(2)}×`,
        met: value >= 3,
      });
    }
    for (const [what, result] of [
      ['', row.results.ours],
      [', computing every request', row.results.oursUncached],
      [', realistic mix', mixed],
    ] as const) {
      if (result && result.failures > 0) {
        rows.push({
          target: `${row.label}${what}: every answer without errors`,
          measured: `${result.failures} failed`,
          met: false,
        });
      }
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
  const rotation = Object.entries(report.arguments)
    .map(([key, n]) => `${key} ${number(n)}`)
    .join(', ');
  lines.push(
    `autocannon, ${options.connections} connections, ${load}, median of ${options.rounds} round(s). Cells: requests/s · p50 / p99 latency · CPU time the server's processes spent per request (PostgreSQL's included for PostGraphile). Ratios: ours ÷ the other in requests/s, and in brackets in CPU per request (the other's CPU ÷ ours), which moves far less than throughput when other work shares the machine.`,
    '',
  );

  const computed = report.queries.some((row) => row.results.oursUncached);
  const headline: ServerKey = computed ? 'oursUncached' : 'ours';
  lines.push(
    computed
      ? `### Computing every request`
      : `### As shipped (the uncached server was not measured)`,
    '',
    computed
      ? `Ours with RESPONSE_CACHE=off: every request parsed, validated and executed against SQLite, the cost of a first request. Each operation rotates through its distinct arguments (${rotation}).`
      : `Each operation rotates through its distinct arguments (${rotation}).`,
    '',
  );
  const tableServers = [headline, 'floor', 'postgraphile'].filter((key) =>
    report.queries.some((row) => row.results[key as ServerKey]),
  ) as ServerKey[];
  lines.push(
    `| operation | ${tableServers.map((key) => SERVER_NAMES[key]).join(' | ')} | ours ÷ floor | ours ÷ PostGraphile |`,
    `| --- | ${tableServers.map(() => '---:').join(' | ')} | ---: | ---: |`,
  );
  for (const row of report.queries) {
    const ours = row.results[headline];
    lines.push(
      `| ${row.label} | ${tableServers.map((key) => cell(row.results[key])).join(' | ')} | ${ratio(ours, row.results.floor)} | ${ratio(ours, row.results.postgraphile)} |`,
    );
  }
  lines.push('');

  if (report.mix) {
    const mixServers = (['ours', 'postgraphile'] as const).filter((key) =>
      report.queries.some((row) => row.mix[key]),
    );
    lines.push(
      '### Realistic mix',
      '',
      `Ours as shipped (with its response cache) and PostGraphile, each request drawn with a Zipf law (s = ${report.mix.exponent}: the r-th most asked argument with weight 1/r) from ${Object.entries(
        report.mix.arguments,
      )
        .map(([key, n]) => `${key} ${number(n)}`)
        .join(
          ', ',
        )} distinct arguments; the warm-up draws from the same law with another seed, as earlier traffic would. Hit rate: the share of ours' answers its response cache gave from before (the \`x-response-cache\` header); the rest were computed.`,
      '',
      `| operation | ${mixServers.map((key) => SERVER_NAMES[key]).join(' | ')} | hit rate | ours ÷ PostGraphile |`,
      `| --- | ${mixServers.map(() => '---:').join(' | ')} | ---: | ---: |`,
    );
    for (const row of report.queries) {
      const hits = row.mix.ours?.cacheHitRate;
      lines.push(
        `| ${row.label} | ${mixServers.map((key) => cell(row.mix[key])).join(' | ')} | ${hits === null || hits === undefined ? 'n/a' : `${(hits * 100).toFixed(1)}%`} | ${ratio(row.mix.ours, row.mix.postgraphile)} |`,
      );
    }
    lines.push('');
  }

  const passes = report.queries
    .map((row) => (row.results.ours?.requests ?? 0) / Math.max(1, report.arguments[row.key]))
    .filter((n) => n > 0);
  if (computed && passes.length > 0) {
    lines.push(
      `All hits (ours as shipped, on the rotation: after the first pass every request is a response-cache hit; it went round ${number(Math.min(...passes))}–${number(Math.max(...passes))} times): ${report.queries
        .map((row) => {
          const ours = row.results.ours;
          if (!ours) return `${row.key} n/a`;
          return `${row.key} ${number(ours.requestsPerSecond)} req/s, p99 ${ours.p99} ms, ${ratio(ours, row.results.floor)} the floor, ${ratio(ours, row.results.postgraphile)} PostGraphile`;
        })
        .join('; ')}.`,
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
