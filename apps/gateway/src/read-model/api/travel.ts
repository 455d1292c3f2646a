/** Where a school is on the British National Grid (GIAS Easting/Northing, metres); null when GIAS has none. */
export interface Located {
  schoolId: string;
  easting: number | null;
  northing: number | null;
}

/** Straight line × 1.3 for roads, at 40 km/h: the same estimate the improvement service uses for executive heads. */
export function travelMinutes(a: Located, b: Located): number | null {
  if (a.easting === null || a.northing === null || b.easting === null || b.northing === null) return null;
  const km = Math.hypot(a.easting - b.easting, a.northing - b.northing) / 1000;
  return Math.round(((km * 1.3) / 40) * 60);
}

/** The travel between an executive head's schools: every pair (minutes null where a school has no location). */
export interface Travel {
  pairs: { from: string; to: string; minutes: number | null }[];
  longestMinutes: number | null;
  /** Whether any pair is 60 minutes or more apart. */
  overAnHour: boolean;
  /** The schools GIAS gives no location for. */
  unlocated: string[];
}

/** Every pair of an executive head's schools with its travel time; `overAnHour` when a pair is 60 minutes or more apart. */
export function span(schools: Located[]): Travel {
  const pairs: { from: string; to: string; minutes: number | null }[] = [];
  for (let i = 0; i < schools.length; i++)
    for (let j = i + 1; j < schools.length; j++)
      pairs.push({ from: schools[i].schoolId, to: schools[j].schoolId, minutes: travelMinutes(schools[i], schools[j]) });
  const known = pairs.map((p) => p.minutes).filter((m): m is number => m !== null);
  const longestMinutes = known.length > 0 ? Math.max(...known) : null;
  return {
    pairs,
    longestMinutes,
    overAnHour: longestMinutes !== null && longestMinutes >= 60,
    unlocated: schools.filter((s) => s.easting === null || s.northing === null).map((s) => s.schoolId),
  };
}
