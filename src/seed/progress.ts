import cliProgress from 'cli-progress';
import type { DocumentReport, SeedReport } from './seed.ts';

// What a seed shows while it runs. On a terminal, a progress bar (cli-progress: redrawing a line
// in place, rate and ETA are its job) with failures and warnings printed above it; otherwise the
// lines scripts read (one per document, unchanged: ../shared/eval reads them), or with --json one
// JSON object per document and one for the summary.

export interface Progress {
  /** The number of sources to go through (it grows as sitemaps and feeds are read). */
  total(total: number): void;
  document(report: DocumentReport): void;
  /** The summary at the end. */
  finish(report: SeedReport): void;
}

/** The line printed for a document (not on a terminal, without --json). */
export function describe(report: DocumentReport): string {
  switch (report.status) {
    case 'stored': {
      const c = report.counts;
      const counts = `${c.people} people, ${c.institutions} institutions, ${c.models} models, ${c.challenges} challenges, ${c.relations} relations`;
      return `${report.source}  ${report.title}  ${counts}${report.replaced ? ' (replaced)' : ''}`;
    }
    case 'skipped':
      return `${report.source}  skipped (${report.reason ?? 'unchanged'})`;
    case 'failed':
      return `${report.source}  FAILED: ${report.error}`;
    case 'pruned':
      return `${report.source}  pruned (file gone)`;
    case 'listed':
      return `${report.source}  ${report.kind}: ${report.urls} links`;
  }
}

/** The closing lines: counts, time, rate and time per step. */
export function summary(report: SeedReport): string {
  const seconds = report.elapsedMs / 1000;
  const handled = report.stored + report.skipped + report.failed;
  const rate = seconds > 0 ? ` (${(handled / seconds).toFixed(1)} documents/s)` : '';
  const steps = Object.entries(report.timings)
    .map(([step, ms]) => `${step} ${Math.round(ms)} ms`)
    .join(', ');
  const { active, notApplying } = report.curations;
  const curations =
    active === 0
      ? []
      : [
          `curations: ${active - notApplying.length} of ${active} in force applied`,
          ...notApplying.map(
            (c) =>
              `  curation ${c.id} (${c.summary}, by ${c.curator}) no longer applies: ${c.problem}`,
          ),
        ];
  return [
    ...curations,
    `${handled} documents: ${report.stored} stored, ${report.skipped} skipped, ${report.failed} failed, ${report.pruned} pruned in ${seconds.toFixed(2)} s${rate}`,
    `steps: ${steps}`,
  ].join('\n');
}

const warningsOf = (report: DocumentReport) =>
  report.status === 'stored'
    ? report.warnings.map((warning) => `  warning: ${report.source}: ${warning}`)
    : [];

/** One line per document on stdout, warnings on stderr: what the seed always printed. */
export function lineProgress(): Progress {
  return {
    total() {},
    document(report) {
      console.log(describe(report));
      for (const line of warningsOf(report)) console.error(line);
    },
    finish(report) {
      console.log(summary(report));
    },
  };
}

/** One JSON object per line: each document's report, then {"summary": …}. */
export function jsonProgress(): Progress {
  return {
    total() {},
    document(report) {
      console.log(JSON.stringify(report));
    },
    finish(report) {
      const { documents: _documents, ...totals } = report;
      console.log(JSON.stringify({ summary: totals }));
    },
  };
}

/** A progress bar on the terminal, with failures and warnings printed above it. */
export function barProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {value}/{total} documents | {rate}/s | ETA {eta_formatted} | {failed} failed',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const counts = { stored: 0, skipped: 0, failed: 0 };
  const started = performance.now();
  const rate = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? (done / seconds).toFixed(1) : '0.0';
  };
  const bar = bars.create(0, 0, { ...counts, rate: '0.0' });
  let done = 0;
  return {
    total(total) {
      bar.setTotal(total);
    },
    document(report) {
      if (report.status === 'stored' || report.status === 'skipped' || report.status === 'failed')
        counts[report.status]++;
      if (report.status === 'failed' || report.status === 'pruned') {
        bars.log(`${describe(report)}\n`);
      }
      for (const line of warningsOf(report)) bars.log(`${line}\n`);
      if (report.status !== 'pruned') done++;
      bar.update(done, { ...counts, rate: rate(done) });
    },
    finish(report) {
      bar.update(done, { ...counts, rate: rate(done) });
      bars.stop();
      stream.write(`${summary(report)}\n`);
    },
  };
}
