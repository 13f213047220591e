import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeekStats } from '../api/getInsights';

type Series = keyof Omit<WeekStats, 'weekStart'>;

export const SERIES: { key: Series; label: string; color: string }[] = [
  // Colours are the palette's (styles/base.css), so the chart follows light and dark.
  { key: 'sent', label: 'Sent', color: 'var(--chart-sent)' },
  { key: 'accepted', label: 'Accepted', color: 'var(--chart-accepted)' },
  { key: 'withdrawn', label: 'Withdrawn', color: 'var(--chart-withdrawn)' },
  { key: 'expired', label: 'Expired', color: 'var(--chart-expired)' },
];

/** What a week's invitations became, stacked in one bar beside the week's Sent bar. */
const OUTCOMES: Series[] = ['accepted', 'withdrawn', 'expired'];

const weekFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function weekLabel(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : weekFormat.format(date);
}

/** True when no week has anything to draw. */
export function isEmptyChart(weekly: WeekStats[]): boolean {
  return weekly.every((week) => SERIES.every((series) => week[series.key] === 0));
}

/**
 * Whole-number ticks from 0 to just above the tallest bar, at most five of them: counts of
 * invitations have no fractions, and an axis that runs to 4 over bars of 1 makes them look small.
 */
export function countTicks(weekly: WeekStats[]): number[] {
  const tallest = Math.max(
    1,
    ...weekly.map((week) =>
      Math.max(
        week.sent,
        OUTCOMES.reduce((sum, key) => sum + week[key], 0),
      ),
    ),
  );
  const rough = tallest / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude);
  const top = Math.ceil(tallest / step) * step;
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

/** I11 as a picture; the same numbers are in the table beside it for those who cannot see it. */
export function WeeklyChart({ weekly }: { weekly: WeekStats[] }) {
  const data = weekly.map((week) => ({ ...week, label: weekLabel(week.weekStart) }));
  const ticks = countTicks(weekly);
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart
        data={data}
        margin={{ top: 8, right: 4, bottom: 0, left: -24 }}
        barCategoryGap="10%"
        barGap={1}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--chart-grid)" />
        <XAxis
          dataKey="label"
          tickLine={false}
          axisLine={{ stroke: 'var(--chart-axis)' }}
          tick={{ fontSize: 12, fill: 'var(--chart-tick)' }}
        />
        <YAxis
          allowDecimals={false}
          domain={[0, ticks[ticks.length - 1] ?? 1]}
          ticks={ticks}
          interval={0}
          tickLine={false}
          axisLine={false}
          tick={{ fontSize: 12, fill: 'var(--chart-tick)' }}
        />
        <Tooltip
          cursor={{ fill: 'var(--chart-cursor)' }}
          contentStyle={{
            background: 'var(--surface)',
            borderColor: 'var(--line-strong)',
            color: 'var(--text)',
          }}
        />
        {SERIES.map((series) => {
          const stacked = OUTCOMES.includes(series.key);
          return (
            <Bar
              key={series.key}
              dataKey={series.key}
              name={series.label}
              fill={series.color}
              maxBarSize={22}
              // Sent is a stack of one so that it keeps its place left of the outcomes.
              stackId={stacked ? 'outcomes' : 'sent'}
              {...(stacked ? {} : { radius: [3, 3, 0, 0] as [number, number, number, number] })}
            />
          );
        })}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The key, as text outside the picture, in the order of the bars. */
export function ChartLegend() {
  return (
    <ul className="legend" aria-label="Chart key">
      {SERIES.map((series) => (
        <li key={series.key}>
          <span className="legend__swatch" style={{ backgroundColor: series.color }} aria-hidden="true" />
          {series.label}
        </li>
      ))}
    </ul>
  );
}
