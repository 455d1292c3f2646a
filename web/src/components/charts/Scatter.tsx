import { extent, linear } from './scale';

export interface PlotSchool {
  id: string;
  name: string;
  easting: number;
  northing: number;
  tone: string;
}

export interface Span {
  label: string;
  schoolIds: string[];
  far: boolean;
}

/**
 * Schools placed by their British National Grid Easting/Northing (no map tiles: metres east and north), with each
 * executive head's span drawn as lines between their schools; a span an hour or more apart is dashed.
 */
const schoolHref = (id: string) => `/schools/${encodeURIComponent(id)}`;

export function SchoolScatter({
  title,
  schools,
  spans,
  onSelect,
}: {
  title: string;
  schools: PlotSchool[];
  spans: Span[];
  onSelect?: (id: string) => void;
}) {
  const width = 460;
  const height = 360;
  const pad = 24;
  if (schools.length === 0) return <p className="muted">No school has coordinates yet.</p>;
  const [e0, e1] = extent(schools.map((s) => s.easting));
  const [n0, n1] = extent(schools.map((s) => s.northing));
  // One scale for both axes so distances keep their proportions.
  const range = Math.max(e1 - e0, n1 - n0, 1000);
  const scale = linear(0, range, 0, Math.min(width, height) - 2 * pad);
  const x = (e: number) => pad + scale(e - e0) + (width - 2 * pad - scale(e1 - e0)) / 2;
  const y = (n: number) => height - pad - scale(n - n0) - (height - 2 * pad - scale(n1 - n0)) / 2;
  const byId = new Map(schools.map((s) => [s.id, s]));
  return (
    <figure className="chart">
      {/* A group, not an image: its points are links a keyboard reaches (Tab) and opens (Enter). */}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`${title}: ${schools.length} schools, ${spans.length} executive heads' spans`}
      >
        <rect x="0.5" y="0.5" width={width - 1} height={height - 1} className="plot-frame" />
        {spans.map((span) => {
          const located = span.schoolIds.map((id) => byId.get(id)).filter((s): s is PlotSchool => !!s);
          return located.slice(1).map((s, i) => (
            <line
              key={`${span.label}-${s.id}`}
              x1={x(located[i].easting)}
              y1={y(located[i].northing)}
              x2={x(s.easting)}
              y2={y(s.northing)}
              className={span.far ? 'span span-far' : 'span'}
            >
              <title>{`${span.label}${span.far ? ' (an hour or more apart)' : ''}`}</title>
            </line>
          ));
        })}
        {/* In name order, so Tab walks the schools alphabetically rather than in the order they were registered. */}
        {[...schools]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((s) => {
            const point = (
              <circle cx={x(s.easting)} cy={y(s.northing)} r="6" className={`pt pt-${s.tone}`}>
                <title>{`${s.name} (${s.tone})`}</title>
              </circle>
            );
            return onSelect ? (
              <a
                key={s.id}
                href={schoolHref(s.id)}
                className="plot-point"
                aria-label={`${s.name}, risk ${s.tone}: open the school`}
                onClick={(e) => {
                  // Enter on a focused link clicks it too: one path for mouse and keyboard.
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  onSelect(s.id);
                }}
              >
                {point}
              </a>
            ) : (
              <g key={s.id}>{point}</g>
            );
          })}
      </svg>
      <figcaption>
        {title}. <span className="key key-red">red</span> <span className="key key-amber">amber</span>{' '}
        <span className="key key-green">green</span> <span className="key key-unassessed">unassessed</span>; lines join an executive head's
        schools (dashed: an hour or more apart). North is up; 10 km ≈ {Math.round(scale(10_000))} px.
      </figcaption>
    </figure>
  );
}
