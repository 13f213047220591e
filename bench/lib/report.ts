import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname } from 'node:path';

export interface Scenario {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number; unit: string };
  /** value ÷ baseline, or baseline ÷ value for times (higher is always better, except for memory). */
  ratio: number;
  target: string;
  met: boolean | null;
  p50Ms?: number;
  p99Ms?: number;
  requests?: number;
  failures?: number;
  /** Failures by status code (and `errors`, `timeouts`): every failure is named. */
  failuresByStatus?: Record<string, number>;
  /** For an open-loop scenario: the fixed request rate it ran at (req/s). */
  openLoopRate?: number;
  /**
   * For an open-loop scenario: p99 of how late the generator itself sent a request (ms). Every
   * latency is timed from the intended start, so this much of the p99 may be the client's.
   */
  generatorLagP99Ms?: number;
  /** The server's peak resident set while this scenario ran (which scenario sets the RSS figure). */
  peakRssMiB?: number;
}

export interface Baseline {
  name: string;
  value: number;
  unit: string;
  p50Ms?: number;
  p99Ms?: number;
}

export interface Report {
  machine: Record<string, unknown>;
  dialect: 'sqlite' | 'postgres';
  command: string;
  data: Record<string, unknown>;
  baselines: Baseline[];
  scenarios: Scenario[];
}

export function machine(extra: Record<string, unknown>): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
    ...extra,
  };
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Number(n.toFixed(2)));

export function writeReport(path: string, report: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  const rounded = {
    ...report,
    baselines: report.baselines.map((b) => ({ ...b, value: round(b.value) })),
    scenarios: report.scenarios.map((s) => ({
      ...s,
      value: round(s.value),
      baseline: { ...s.baseline, value: round(s.baseline.value) },
      ratio: Number(s.ratio.toFixed(2)),
      ...(s.p50Ms === undefined ? {} : { p50Ms: round(s.p50Ms) }),
      ...(s.p99Ms === undefined ? {} : { p99Ms: round(s.p99Ms) }),
    })),
  };
  writeFileSync(path, `${JSON.stringify(rounded, null, 2)}\n`);
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));

/** The results as a Markdown table (what the README shows). */
export function table(report: Report): string {
  const rows: string[][] = [
    ['scenario', 'value', 'p50 / p99 ms', 'baseline (same run)', 'ratio', 'target', 'met'],
  ];
  for (const s of report.scenarios) {
    rows.push([
      s.name,
      `${fmt(s.value)} ${s.unit}`,
      s.p50Ms === undefined ? '' : `${fmt(s.p50Ms)} / ${fmt(s.p99Ms ?? 0)}`,
      `${s.baseline.name}: ${fmt(s.baseline.value)} ${s.baseline.unit}`,
      s.ratio.toFixed(2),
      s.target,
      s.met === null ? '—' : s.met ? 'yes' : '**no**',
    ]);
  }
  const lines = rows.map((r) => `| ${r.join(' | ')} |`);
  lines.splice(1, 0, `|${rows[0]!.map(() => '---').join('|')}|`);
  return lines.join('\n');
}
