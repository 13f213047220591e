import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeekStats } from '../api/getInsights';

export const SERIES: { key: keyof Omit<WeekStats, 'weekStart'>; label: string; color: string }[] = [
  // Colours are the palette's (styles/base.css), so the chart follows light and dark.
  { key: 'sent', label: 'Sent', color: 'var(--chart-sent)' },
  { key: 'accepted', label: 'Accepted', color: 'var(--chart-accepted)' },
  { key: 'withdrawn', label: 'Withdrawn', color: 'var(--chart-withdrawn)' },
  { key: 'expired', label: 'Expired', color: 'var(--chart-expired)' },
];

const weekFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function weekLabel(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : weekFormat.format(date);
}

/** I11 as a picture; the same numbers are in the table beside it for those who cannot see it. */
export function WeeklyChart({ weekly }: { weekly: WeekStats[] }) {
  const data = weekly.map((week) => ({ ...week, label: weekLabel(week.weekStart) }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--chart-grid)" />
        <XAxis
          dataKey="label"
          tickLine={false}
          axisLine={{ stroke: 'var(--chart-axis)' }}
          tick={{ fontSize: 12, fill: 'var(--chart-tick)' }}
        />
        <YAxis
          allowDecimals={false}
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
        {SERIES.map((series) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.label}
            fill={series.color}
            radius={[3, 3, 0, 0]}
            maxBarSize={18}
          />
        ))}
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
