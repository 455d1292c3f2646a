import { linear } from './scale';

export interface CapacityBar {
  label: string;
  committed: number;
  available: number;
}

/** Committed days against available days per leader: the committed bar over the available one, over-commitment marked. */
export function CapacityBars({ title, bars }: { title: string; bars: CapacityBar[] }) {
  const width = 520;
  const row = 26;
  const labelW = 170;
  const max = Math.max(1, ...bars.flatMap((b) => [b.committed, b.available]));
  const x = linear(0, max, 0, width - labelW - 70);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${Math.max(row, bars.length * row) + 8}`} role="img" aria-label={title}>
        {bars.map((b, i) => {
          const over = b.committed > b.available;
          return (
            <g key={b.label} transform={`translate(0 ${i * row + 4})`}>
              <title>{`${b.label}: ${b.committed} of ${b.available} days committed${over ? ' (over-committed)' : ''}`}</title>
              <text x={labelW - 6} y={14} textAnchor="end" className="tick">
                {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
              </text>
              <rect x={labelW} y={2} width={x(b.available)} height={16} className="bar-available" />
              <rect x={labelW} y={6} width={x(b.committed)} height={8} className={over ? 'bar-over' : 'bar-committed'} />
              <text x={labelW + Math.max(x(b.available), x(b.committed)) + 4} y={14} className="tick">
                {b.committed}/{b.available}
                {over ? ' over' : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title} <span className="key key-available">available</span> <span className="key key-committed">committed</span>{' '}
        <span className="key key-over">over-committed</span>
      </figcaption>
    </figure>
  );
}

export interface GapBar {
  label: string;
  gap: number;
  significant: boolean;
}

/** Skills gaps (confidence − importance) around zero; a gap of −1.0 or worse is significant and marked so. */
export function GapChart({ title, gaps }: { title: string; gaps: GapBar[] }) {
  const width = 520;
  const row = 22;
  const labelW = 220;
  const span = Math.max(1.5, ...gaps.map((g) => Math.abs(g.gap)));
  const x = linear(-span, span, labelW, width - 40);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${gaps.length * row + 10}`} role="img" aria-label={title}>
        <line x1={x(0)} x2={x(0)} y1={0} y2={gaps.length * row + 6} className="axis" />
        <line x1={x(-1)} x2={x(-1)} y1={0} y2={gaps.length * row + 6} className="threshold" />
        {gaps.map((g, i) => (
          <g key={g.label} transform={`translate(0 ${i * row + 4})`}>
            <title>{`${g.label}: ${g.gap.toFixed(1)}${g.significant ? ' (significant)' : ''}`}</title>
            <text x={labelW - 6} y={13} textAnchor="end" className="tick">
              {g.label.length > 34 ? `${g.label.slice(0, 33)}…` : g.label}
            </text>
            <rect
              x={Math.min(x(0), x(g.gap))}
              y={3}
              width={Math.abs(x(g.gap) - x(0))}
              height={12}
              className={g.significant ? 'bar-over' : 'bar-committed'}
            />
            <text x={x(Math.max(0, g.gap)) + 4} y={13} className="tick">
              {g.gap.toFixed(1)}
              {g.significant ? ' ⚠ significant' : ''}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        {title}: the dashed line is −1.0; bars at or beyond it are <span className="key key-over">significant</span>
      </figcaption>
    </figure>
  );
}
