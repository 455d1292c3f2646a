/**
 * An executive head's schools should be within an hour of each other (DOMAIN.md: "a journey of an
 * hour or more between schools undermines the model"). Journey time is estimated from the schools'
 * GIAS Easting/Northing (British National Grid, metres), with no routing service:
 *
 *   minutes = straight-line km × ROAD_FACTOR ÷ AVERAGE_SPEED_KMH × 60
 *
 * - ROAD_FACTOR 1.3: roads are longer than the crow flies; 1.2–1.4 is the usual detour ratio for
 *   English roads, 1.3 is the middle of it.
 * - AVERAGE_SPEED_KMH 40 (about 25 mph): a door-to-door average over mixed urban and rural roads at
 *   school-day times, not a motorway speed.
 * So one hour is 40 km by road, about 30.8 km in a straight line. Each pair of the head's schools is
 * checked; a school without coordinates cannot be checked and is reported as such, not guessed.
 */

export const ROAD_FACTOR = 1.3;
export const AVERAGE_SPEED_KMH = 40;
export const MAX_JOURNEY_MINUTES = 60;

export interface LocatedSchool {
  readonly schoolId: string;
  readonly name: string;
  readonly easting: number | null;
  readonly northing: number | null;
}

export interface TravelFlag {
  readonly schoolIds: readonly [string, string];
  readonly straightLineKm: number;
  readonly estimatedMinutes: number;
  readonly message: string;
}

export interface TravelCheck {
  readonly flags: readonly TravelFlag[];
  /** Schools with no Easting/Northing: their journeys are unknown. */
  readonly unlocated: readonly string[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function straightLineKm(a: { easting: number; northing: number }, b: { easting: number; northing: number }): number {
  return Math.hypot(a.easting - b.easting, a.northing - b.northing) / 1000;
}

export const estimatedMinutes = (km: number): number => (km * ROAD_FACTOR * 60) / AVERAGE_SPEED_KMH;

/** Every pair of an executive head's schools estimated at more than an hour apart. */
export function travelFlags(schools: readonly LocatedSchool[]): TravelCheck {
  const located = schools.filter(
    (s): s is LocatedSchool & { easting: number; northing: number } => s.easting !== null && s.northing !== null,
  );
  const unlocated = schools.filter((s) => s.easting === null || s.northing === null).map((s) => s.schoolId);
  const flags: TravelFlag[] = [];
  for (let i = 0; i < located.length; i++) {
    for (let j = i + 1; j < located.length; j++) {
      const [a, b] = [located[i], located[j]];
      const km = straightLineKm(a, b);
      const minutes = estimatedMinutes(km);
      if (minutes > MAX_JOURNEY_MINUTES) {
        flags.push({
          schoolIds: [a.schoolId, b.schoolId],
          straightLineKm: round1(km),
          estimatedMinutes: Math.round(minutes),
          message: `${a.name} and ${b.name} are ${round1(km)} km apart in a straight line, about ${Math.round(minutes)} minutes by road (over ${MAX_JOURNEY_MINUTES} at ${AVERAGE_SPEED_KMH} km/h with a road factor of ${ROAD_FACTOR}).`,
        });
      }
    }
  }
  return { flags, unlocated };
}
