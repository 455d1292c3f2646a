import { extent, fmt, linear } from './scale';

/** A measure's history: periods on the x axis, values with their extremes on the y axis, each point labelled. */
export function LineChart({
  title,
  points,
  width = 320,
  height = 160,
}: {
  title: string;
  points: { label: string; value: number }[];
  width?: number;
  height?: number;
}) {
  const pad = { l: 44, r: 12, t: 12, b: 28 };
  const values = points.map((p) => p.value);
  const [lo, hi] = values.length ? extent(values) : [0, 1];
  const x = linear(0, Math.max(1, points.length - 1), pad.l, width - pad.r);
  const y = linear(lo, hi, height - pad.b, pad.t);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${title}: ${points.map((p) => `${p.label} ${fmt(p.value)}`).join('; ')}`}
      >
        <line x1={pad.l} x2={width - pad.r} y1={height - pad.b} y2={height - pad.b} className="axis" />
        <line x1={pad.l} x2={pad.l} y1={pad.t} y2={height - pad.b} className="axis" />
        <text x={pad.l - 4} y={y(hi) + 4} textAnchor="end" className="tick">
          {fmt(hi)}
        </text>
        {hi !== lo && (
          <text x={pad.l - 4} y={y(lo) + 4} textAnchor="end" className="tick">
            {fmt(lo)}
          </text>
        )}
        <polyline points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} fill="none" className="line" />
        {points.map((p, i) => (
          <g key={p.label}>
            <circle cx={x(i)} cy={y(p.value)} r="3" className="dot" />
            <text x={x(i)} y={height - pad.b + 16} textAnchor="middle" className="tick">
              {p.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
