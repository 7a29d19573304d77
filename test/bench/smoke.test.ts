import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/bench.ts';
import { postgresAvailable } from '../../bench/postgres/cluster.ts';
import { OPERATIONS } from '../../bench/queries/operations.ts';
import { formatReport, targets } from '../../bench/report.ts';

// `npm run bench`, tiny: a few generated documents seeded by the real seed command, every
// operation sent a few times to every server. Nothing here is timed or compared with a target;
// it only keeps the benchmark runnable and its servers answering without errors.

describe('npm run bench, smoke run', () => {
  it('seeds, serves and reports every operation on every server', {
    timeout: 300_000,
  }, async () => {
    const report = await runBench({
      sizes: [8],
      argumentCount: 6,
      amount: 12,
      connections: 2,
      warmup: 0,
      uncached: false,
      mixArguments: 20,
      postgraphile: postgresAvailable(),
      log: () => undefined,
    });

    expect(report.seeding).toHaveLength(1);
    expect(report.seeding[0]).toMatchObject({ documents: 8, stored: 8, failed: 0 });
    expect(report.seeding[0]!.peakRssBytes).toBeGreaterThan(0);
    expect(report.serving.readyMs).toBeGreaterThan(0);
    const servers = ['ours', 'floor', ...(postgresAvailable() ? ['postgraphile'] : [])];
    expect(report.queries.map((row) => row.key)).toEqual(OPERATIONS.map((op) => op.key));
    for (const row of report.queries) {
      expect(Object.keys(row.results).sort()).toEqual([...servers].sort());
      for (const [server, result] of Object.entries(row.results)) {
        expect({ operation: row.key, server, failure: result.firstFailure }).toEqual({
          operation: row.key,
          server,
          failure: null,
        });
        expect(result.requests).toBeGreaterThanOrEqual(12);
      }
      // The realistic mix runs on ours as shipped (whose cache says hit or miss on every
      // answer) and on PostGraphile.
      expect(Object.keys(row.mix).sort()).toEqual(
        ['ours', ...(postgresAvailable() ? ['postgraphile'] : [])].sort(),
      );
      expect(row.mix.ours!.firstFailure).toBeNull();
      expect(row.mix.ours!.cacheHitRate).toBeGreaterThanOrEqual(0);
      expect(row.results.floor!.cacheHitRate).toBeNull();
    }
    expect(report.mix?.arguments.depth4).toBeGreaterThan(0);

    const text = formatReport(report, 'npm run bench');
    expect(text).toContain('## Seeding');
    expect(text).toContain('(b) person→affiliations→institution→models');
    expect(text).toContain('### Realistic mix');
    expect(targets(report).map((row) => row.target)).toContain('serving 8 documents: ready < 2 s');
  });
});
