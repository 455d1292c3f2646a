import type { JoinRoute, SchoolPhase } from '@trustwide/common';
import { defineCsvImport, RowProblem, type CsvRow, type FieldSpecs } from '@trustwide/common';
import { readUrn, urnOf } from '../urn';
import { normaliseCode, normaliseGroupUid } from './codes';

/**
 * GIAS "all establishment data" extracts (`edubasealldata<yyyymmdd>.csv`, ~140 columns, one row per
 * establishment ever registered). Where GIAS gives a value as "(code)" and "(name)" both are kept.
 */

export interface GiasEstablishment {
  readonly urn: number;
  readonly name: string;
  /** Our phase: from PhaseOfEducation, except that special schools and alternative provision are phases of their own. */
  readonly phase: SchoolPhase;
  /** GIAS PhaseOfEducation as published. */
  readonly phaseOfEducation: string | null;
  readonly phaseOfEducationCode: string | null;
  readonly establishmentType: string | null;
  readonly establishmentTypeCode: string | null;
  readonly establishmentTypeGroup: string | null;
  readonly establishmentTypeGroupCode: string | null;
  readonly status: string | null;
  readonly statusCode: string | null;
  readonly reasonOpened: string | null;
  readonly reasonOpenedCode: string | null;
  readonly reasonClosed: string | null;
  readonly reasonClosedCode: string | null;
  readonly localAuthorityCode: string | null;
  readonly localAuthority: string | null;
  readonly street: string | null;
  readonly town: string | null;
  readonly postcode: string | null;
  /** British National Grid metres, for travel distances between schools. */
  readonly easting: number | null;
  readonly northing: number | null;
  readonly pupilsOnRoll: number | null;
  readonly capacity: number | null;
  readonly lowAge: number | null;
  readonly highAge: number | null;
  /** ISO dates. */
  readonly openedOn: string | null;
  readonly closedOn: string | null;
  /** GIAS group UID of the school's trust ("Trusts (code)"). */
  readonly trustGroupUid: string | null;
  readonly trustName: string | null;
  /** How the school became an academy, when its type or reason opened says so. */
  readonly joinRoute: JoinRoute | null;
  /** Latest Ofsted rating as GIAS shows it ("Good"...); the Ofsted MI import is the richer source. */
  readonly ofstedRating: string | null;
  readonly ofstedLastInspectedOn: string | null;
  readonly ukprn: string | null;
}

/** Header aliases: current GIAS names first, then names seen in other releases and in GIAS's web download. */
export const GIAS_ESTABLISHMENT_FIELDS = {
  urn: { headers: ['URN', 'Unique Reference Number'], required: true },
  name: { headers: ['EstablishmentName', 'Establishment name', 'School name', 'Name'], required: true },
  phaseOfEducationCode: { headers: ['PhaseOfEducation (code)', 'Phase of education (code)'] },
  phaseOfEducation: {
    headers: ['PhaseOfEducation (name)', 'Phase of education (name)', 'Phase of education', 'PhaseOfEducation', 'Phase'],
    required: true,
  },
  establishmentTypeCode: { headers: ['TypeOfEstablishment (code)', 'Type of establishment (code)'] },
  establishmentType: {
    headers: [
      'TypeOfEstablishment (name)',
      'Type of establishment (name)',
      'Type of establishment',
      'TypeOfEstablishment',
      'Establishment type',
    ],
  },
  establishmentTypeGroupCode: { headers: ['EstablishmentTypeGroup (code)', 'Establishment type group (code)'] },
  establishmentTypeGroup: {
    headers: ['EstablishmentTypeGroup (name)', 'Establishment type group (name)', 'Establishment type group', 'EstablishmentTypeGroup'],
  },
  statusCode: { headers: ['EstablishmentStatus (code)', 'Establishment status (code)'] },
  status: {
    headers: ['EstablishmentStatus (name)', 'Establishment status (name)', 'Establishment status', 'EstablishmentStatus', 'Status'],
  },
  reasonOpenedCode: { headers: ['ReasonEstablishmentOpened (code)', 'Reason establishment opened (code)'] },
  reasonOpened: { headers: ['ReasonEstablishmentOpened (name)', 'Reason establishment opened (name)', 'Reason establishment opened'] },
  reasonClosedCode: { headers: ['ReasonEstablishmentClosed (code)', 'Reason establishment closed (code)'] },
  reasonClosed: { headers: ['ReasonEstablishmentClosed (name)', 'Reason establishment closed (name)', 'Reason establishment closed'] },
  openDate: { headers: ['OpenDate', 'Open date', 'Date opened'] },
  closeDate: { headers: ['CloseDate', 'Close date', 'Date closed'] },
  localAuthorityCode: { headers: ['LA (code)', 'Local authority (code)', 'LA code'] },
  localAuthority: { headers: ['LA (name)', 'Local authority (name)', 'Local authority', 'LA'] },
  street: { headers: ['Street'] },
  town: { headers: ['Town'] },
  postcode: { headers: ['Postcode', 'Post code'] },
  easting: { headers: ['Easting'] },
  northing: { headers: ['Northing'] },
  pupilsOnRoll: { headers: ['NumberOfPupils', 'Number of pupils', 'Pupils on roll', 'Total number of pupils'] },
  capacity: { headers: ['SchoolCapacity', 'School capacity', 'Capacity'] },
  lowAge: { headers: ['StatutoryLowAge', 'Statutory low age', 'Statutory lowest age'] },
  highAge: { headers: ['StatutoryHighAge', 'Statutory high age', 'Statutory highest age'] },
  trustGroupUid: { headers: ['Trusts (code)', 'Trust (code)', 'Trusts code', 'Group UID'] },
  trustName: { headers: ['Trusts (name)', 'Trust (name)', 'Trusts name', 'Group name'] },
  ofstedRating: { headers: ['OfstedRating (name)', 'Ofsted rating (name)', 'Ofsted rating', 'OfstedRating'] },
  ofstedLastInspectedOn: { headers: ['OfstedLastInsp', 'Ofsted last inspection', 'Date of last Ofsted inspection'] },
  ukprn: { headers: ['UKPRN'] },
} as const satisfies FieldSpecs<string>;

export type GiasEstablishmentField = keyof typeof GIAS_ESTABLISHMENT_FIELDS;

/** Middle and the other GIAS phases, by the normalised GIAS name ("Middle deemed primary" → middle). */
const PHASE_BY_GIAS_NAME: Readonly<Record<string, SchoolPhase>> = {
  nursery: 'nursery',
  primary: 'primary',
  middledeemedprimary: 'middle',
  middledeemedsecondary: 'middle',
  secondary: 'secondary',
  allthrough: 'all-through',
  '16plus': '16-plus',
  notapplicable: 'not-applicable',
};

/** GIAS PhaseOfEducation codes, used when a file has the code but no name. */
const PHASE_BY_GIAS_CODE: Readonly<Record<string, SchoolPhase>> = {
  '0': 'not-applicable',
  '1': 'nursery',
  '2': 'primary',
  '3': 'middle',
  '4': 'secondary',
  '5': 'middle',
  '6': '16-plus',
  '7': 'all-through',
};

/** TypeOfEstablishment codes that are special schools or alternative provision, for files without type names. */
const SPECIAL_TYPE_CODES = new Set(['7', '8', '10', '12', '32', '33', '36', '44']);
const ALTERNATIVE_PROVISION_TYPE_CODES = new Set(['14', '38', '42', '43']);

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Our phase for an establishment. A special school or alternative provision keeps its GIAS
 * PhaseOfEducation (often "Not applicable" or "All-through"), but trusts lead and compare them as
 * phases of their own, so its type decides first.
 */
export function schoolPhaseOf(establishment: {
  phaseOfEducation: string | null;
  phaseOfEducationCode?: string | null;
  establishmentType?: string | null;
  establishmentTypeCode?: string | null;
  establishmentTypeGroup?: string | null;
}): SchoolPhase | null {
  const type = (establishment.establishmentType ?? '').toLowerCase();
  const typeCode = normaliseCode(establishment.establishmentTypeCode) ?? '';
  const group = squash(establishment.establishmentTypeGroup ?? '');
  if (group === 'specialschools' || type.includes('special') || SPECIAL_TYPE_CODES.has(typeCode)) return 'special';
  if (type.includes('pupil referral unit') || type.includes('alternative provision') || ALTERNATIVE_PROVISION_TYPE_CODES.has(typeCode)) {
    return 'alternative-provision';
  }
  if (establishment.phaseOfEducation) return PHASE_BY_GIAS_NAME[squash(establishment.phaseOfEducation)] ?? null;
  const code = normaliseCode(establishment.phaseOfEducationCode);
  if (code !== null) return PHASE_BY_GIAS_CODE[code] ?? null;
  return 'not-applicable';
}

/**
 * How a school came to be an academy, from its GIAS type (e.g. "Academy special converter") or,
 * failing that, the reason it opened ("Academy Converter", "Academy Sponsor Led", "Academy Free School").
 * UTCs and studio schools are free schools in GIAS's grouping. Joining an existing trust by
 * transfer is not visible in GIAS and is recorded elsewhere.
 */
export function joinRouteOf(establishment: {
  establishmentType?: string | null;
  establishmentTypeGroup?: string | null;
  reasonOpened?: string | null;
}): JoinRoute | null {
  const type = (establishment.establishmentType ?? '').toLowerCase();
  const group = squash(establishment.establishmentTypeGroup ?? '');
  if (type.startsWith('academy') && type.includes('converter')) return 'converter';
  if (type.startsWith('academy') && type.includes('sponsor led')) return 'sponsored';
  if (type.startsWith('free school') || group === 'freeschools' || type === 'university technical college' || type === 'studio schools') {
    return 'free-school';
  }
  const reason = (establishment.reasonOpened ?? '').toLowerCase();
  if (reason.includes('converter')) return 'converter';
  if (reason.includes('sponsor')) return 'sponsored';
  if (reason.includes('free school')) return 'free-school';
  return null;
}

function mapEstablishment(row: CsvRow<GiasEstablishmentField>): GiasEstablishment {
  const urn = readUrn(row);
  const typing = {
    phaseOfEducation: row.text('phaseOfEducation'),
    phaseOfEducationCode: normaliseCode(row.text('phaseOfEducationCode')),
    establishmentType: row.text('establishmentType'),
    establishmentTypeCode: normaliseCode(row.text('establishmentTypeCode')),
    establishmentTypeGroup: row.text('establishmentTypeGroup'),
    establishmentTypeGroupCode: normaliseCode(row.text('establishmentTypeGroupCode')),
  };
  const phase = schoolPhaseOf(typing);
  if (phase === null) {
    throw new RowProblem(
      `${row.columnName('phaseOfEducation')} "${typing.phaseOfEducation ?? typing.phaseOfEducationCode}" is not a known phase of education`,
    );
  }
  const reasonOpened = row.text('reasonOpened');
  const count = { min: 0 };
  const openedOn = row.date('openDate');
  const closedOn = row.date('closeDate');
  return {
    urn,
    name: row.requiredText('name'),
    phase,
    ...typing,
    status: row.text('status'),
    statusCode: normaliseCode(row.text('statusCode')),
    reasonOpened,
    reasonOpenedCode: normaliseCode(row.text('reasonOpenedCode')),
    reasonClosed: row.text('reasonClosed'),
    reasonClosedCode: normaliseCode(row.text('reasonClosedCode')),
    localAuthorityCode: normaliseCode(row.text('localAuthorityCode')),
    localAuthority: row.text('localAuthority'),
    street: row.text('street'),
    town: row.text('town'),
    postcode: row.text('postcode'),
    easting: row.integer('easting', count),
    northing: row.integer('northing', count),
    pupilsOnRoll: row.integer('pupilsOnRoll', count),
    capacity: row.integer('capacity', count),
    lowAge: row.integer('lowAge', count),
    highAge: row.integer('highAge', count),
    openedOn,
    closedOn,
    trustGroupUid: normaliseGroupUid(row.text('trustGroupUid')),
    trustName: row.text('trustName'),
    joinRoute: joinRouteOf({ ...typing, reasonOpened }),
    ofstedRating: row.text('ofstedRating'),
    ofstedLastInspectedOn: row.date('ofstedLastInspectedOn'),
    ukprn: row.text('ukprn'),
  };
}

export const giasEstablishmentsImport = defineCsvImport({
  fileKind: 'GIAS establishments',
  fields: GIAS_ESTABLISHMENT_FIELDS,
  mapRow: mapEstablishment,
  identify: (row) => urnOf(row as CsvRow<'urn'>),
});
