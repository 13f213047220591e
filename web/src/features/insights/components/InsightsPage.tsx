import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { duration } from '../../../lib/time';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useInsights, type Insights } from '../api/getInsights';
import { ChartLegend, SERIES, WeeklyChart, weekLabel } from './WeeklyChart';
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

function Rates({ insights }: { insights: Insights }) {
  const { acceptanceRate, medianHoursToAccept } = insights;
  return (
    <dl className="stats stats--rates" aria-label="Rates">
      <div className="stats__item">
        <dt>Accepted, with a note</dt>
        <dd>{percent(acceptanceRate.withNote)}</dd>
      </div>
      <div className="stats__item">
        <dt>Accepted, without a note</dt>
        <dd>{percent(acceptanceRate.withoutNote)}</dd>
      </div>
      <div className="stats__item">
        <dt>Median time to acceptance</dt>
        <dd>{medianHoursToAccept === null ? '—' : duration(medianHoursToAccept)}</dd>
      </div>
    </dl>
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
              <div role="img" aria-label="Invitations per week" className="insights__canvas">
                <WeeklyChart weekly={insights.data.weekly} />
              </div>
              <ChartLegend />
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
                    {insights.data.weekly.map((week) => (
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
