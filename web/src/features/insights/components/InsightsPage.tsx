import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { duration } from '../../../lib/time';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useInsights, type Insights } from '../api/getInsights';
import { SERIES, WeeklyChart, weekLabel } from './WeeklyChart';
import './insights.css';

/** Rates come as fractions (0–1); null when there is nothing to divide by yet. */
function percent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 100)}%`;
}

function Totals({ insights }: { insights: Insights }) {
  const { totals, acceptanceRate, medianHoursToAccept } = insights;
  const figures: [string, string][] = [
    ['Sent', totals.sent.toLocaleString()],
    ['Accepted', totals.accepted.toLocaleString()],
    ['Pending', totals.pending.toLocaleString()],
    ['Withdrawn', totals.withdrawn.toLocaleString()],
    ['Expired', totals.expired.toLocaleString()],
  ];
  return (
    <div className="insights__figures">
      <dl className="stats stats--compact">
        {figures.map(([label, value]) => (
          <div className="stats__item" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <dl className="stats stats--rates">
        <div className="stats__item">
          <dt>Acceptance rate with a note</dt>
          <dd>{percent(acceptanceRate.withNote)}</dd>
        </div>
        <div className="stats__item">
          <dt>Acceptance rate without a note</dt>
          <dd>{percent(acceptanceRate.withoutNote)}</dd>
        </div>
        <div className="stats__item">
          <dt>Median time to acceptance</dt>
          <dd>{medianHoursToAccept === null ? '—' : duration(medianHoursToAccept)}</dd>
        </div>
      </dl>
    </div>
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
          How the invitations you sent fared over the last 12 weeks. Ignored invitations count as pending, as
          you’d never know.
        </p>
        {insights.isPending ? (
          <Loading label="Loading insights…" />
        ) : insights.isError ? (
          <ErrorMessage error={insights.error} onRetry={() => void insights.refetch()} />
        ) : (
          <div className="insights">
            <figure className="insights__chart" aria-labelledby="chart-title">
              <figcaption className="section-title" id="chart-title">
                Invitations per week
              </figcaption>
              <div role="img" aria-label="Invitations per week" className="insights__canvas">
                <WeeklyChart weekly={insights.data.weekly} />
              </div>
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
            <Totals insights={insights.data} />
          </div>
        )}
      </section>
    </div>
  );
}
