import { IntParam } from '@trustwide/common';

/** URNs are six digits today (100000 upwards); seven allows for growth, as the event contract does. */
export const URN_RANGE = { min: 100000, max: 9999999 } as const;

/** The `:urn` path parameter of every school route: a URN, or a 400 naming `urn`. */
export const UrnParam = () => IntParam('urn', URN_RANGE.min, URN_RANGE.max);
