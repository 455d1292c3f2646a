import { extent, fmt, linear } from './scale';

/** A small trend line of a measure; the label says in words what the line shows. */
export function Sparkline({
  values,
  label,
  width = 80,
  height = 22,
}: {
  values: number[];
  label: string;
  width?: number;
  height?: number;
}) {
  if (values.length === 0) return <span className="muted">–</span>;
  const [lo, hi] = extent(values);
  const x = linear(0, Math.max(1, values.length - 1), 2, width - 2);
  const y = linear(lo, hi, height - 3, 3);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values[values.length - 1];
  return (
    <svg
      className="spark"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${values.map(fmt).join(', ')}`}
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx={x(values.length - 1)} cy={y(last)} r="2" fill="currentColor" />
    </svg>
  );
}
