import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { duration } from '../../../lib/time';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useInsights, type Insights } from '../api/getInsights';
import { ChartLegend, isEmptyChart, SERIES, WeeklyChart, weekLabel } from './WeeklyChart';
import './insights.css';

/** Rates come as fractions (0–1); null when there is nothing to divide by yet. */
function percent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 100)}%`;
}

function Totals({ insights }: { insights: Insights }) {
  const { totals } = insights;
  const figures: [string, number][] = [
    ['Sent', totals.sent],
    ['Accepted', totals.accepted],
    ['Pending', totals.pending],
    ['Withdrawn', totals.withdrawn],
    ['Expired', totals.expired],
  ];
  return (
    <dl className="stats stats--totals" aria-label="Totals">
      {figures.map(([label, value]) => (
        <div className="stats__item" key={label}>
          <dt>{label}</dt>
          <dd>{value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The chart's numbers, for those who cannot see it or want them exactly. */
function WeeklyTable({ weekly }: { weekly: Insights['weekly'] }) {
  return (
    <details className="insights__table">
      <summary>Show the numbers as a table</summary>
      <table>
        <caption className="visually-hidden">Invitations per week</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            {SERIES.map((series) => (
              <th scope="col" key={series.key}>
                {series.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekly.map((week) => (
            <tr key={week.weekStart}>
              <th scope="row">{weekLabel(week.weekStart)}</th>
              {SERIES.map((series) => (
                <td key={series.key}>{week[series.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

type Counts = Insights['byNote']['withNote'];

/** "1 of 3 decided · 2 pending": how much the rate beside it stands on. */
function decidedText(counts: Counts): string {
  const decided = counts.accepted + counts.withdrawn + counts.expired;
  const base =
    decided === 0
      ? 'None decided yet'
      : `${counts.accepted.toLocaleString()} of ${decided.toLocaleString()} decided`;
  return counts.pending === 0 ? base : `${base} · ${counts.pending.toLocaleString()} pending`;
}

function Rates({ insights }: { insights: Insights }) {
  const { acceptanceRate, byNote, medianHoursToAccept } = insights;
  const rates: [string, number | null, Counts][] = [
    ['Accepted, with a note', acceptanceRate.withNote, byNote.withNote],
    ['Accepted, without a note', acceptanceRate.withoutNote, byNote.withoutNote],
  ];
  return (
    <section className="insights__rates" aria-labelledby="rates-title">
      <h2 className="section-title" id="rates-title">
        Acceptance rate
      </h2>
      <p className="muted insights__note" id="rates-note">
        Of the invitations already decided: accepted, withdrawn or expired. Pending ones are left out until
        they are.
      </p>
      <dl className="stats stats--rates" aria-labelledby="rates-title" aria-describedby="rates-note">
        {rates.map(([label, rate, counts]) => (
          <div className="stats__item" key={label}>
            <dt>{label}</dt>
            <dd>{percent(rate)}</dd>
            <dd className="stats__detail">{decidedText(counts)}</dd>
          </div>
        ))}
        <div className="stats__item">
          <dt>Median time to acceptance</dt>
          <dd>{medianHoursToAccept === null ? '—' : duration(medianHoursToAccept)}</dd>
        </div>
      </dl>
    </section>
  );
}

export function InsightsPage() {
  useDocumentTitle('Invitation insights');
  const insights = useInsights();

  return (
    <div className="stack">
      <section className="card card--padded" aria-labelledby="insights-title">
        <h1 className="page-title" id="insights-title">
          Invitation insights
        </h1>
        <p className="muted">
          How the invitations you sent fared over the last 12 weeks. An invitation stays pending until it is
          accepted, withdrawn or expires.
        </p>
        {insights.isPending ? (
          <Loading label="Loading insights…" />
        ) : insights.isError ? (
          <ErrorMessage error={insights.error} onRetry={() => void insights.refetch()} />
        ) : (
          <div className="insights">
            <Totals insights={insights.data} />
            <figure className="insights__chart" aria-labelledby="chart-title">
              <figcaption className="section-title" id="chart-title">
                Invitations per week
              </figcaption>
              {isEmptyChart(insights.data.weekly) ? (
                <p className="insights__empty">
                  No invitations sent or decided in the last 12 weeks, so there is nothing to draw yet.
                </p>
              ) : (
                <>
                  <div role="img" aria-label="Invitations per week" className="insights__canvas">
                    <WeeklyChart weekly={insights.data.weekly} />
                  </div>
                  <ChartLegend />
                  <WeeklyTable weekly={insights.data.weekly} />
                </>
              )}
            </figure>
            <Rates insights={insights.data} />
            <p className="insights__export">
              Every invitation you ever sent, with its note and what became of it:{' '}
              <a
                className="insights__export-link"
                href="/api/v1/invitations/history?format=csv"
                download="rapport-invitations.csv"
              >
                Download your invitation history (CSV)
              </a>
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
