import { defineCsvImport, RowProblem, type CsvRow, type FieldSpecs } from '@trustwide/common';
import { normaliseCode, normaliseGroupUid } from './codes';
import { readUrn, urnOf } from '../urn';

/**
 * GIAS groups (`allgroupsdata.csv`: trusts, federations, sponsors) and group links
 * (`alllinksdata.csv`: which establishment belongs to which group, and since when).
 */

export interface GiasGroup {
  /** GIAS group UID, canonical (no leading zeros). */
  readonly groupUid: string;
  /** e.g. "TR00261". */
  readonly groupId: string | null;
  readonly name: string;
  /** As GIAS gives it (often without the leading zero); see companiesHouseNumberKey to compare. */
  readonly companiesHouseNumber: string | null;
  /** Canonical code: "06" and "6" are both "6" (multi-academy trust). */
  readonly groupTypeCode: string | null;
  readonly groupType: string | null;
  readonly status: string | null;
  readonly statusCode: string | null;
  /** Incorporation date, else open date (ISO). */
  readonly openedOn: string | null;
  readonly closedOn: string | null;
  readonly street: string | null;
  readonly town: string | null;
  readonly postcode: string | null;
  readonly ukprn: string | null;
}

export interface GiasGroupLink {
  readonly urn: number;
  readonly groupUid: string;
  readonly groupId: string | null;
  readonly groupName: string | null;
  /** Date the school joined the group (ISO). */
  readonly joinedOn: string | null;
  readonly groupTypeCode: string | null;
  readonly groupType: string | null;
}

const GROUP_UID = { headers: ['Group UID', 'GroupUID', 'UID'], required: true } as const;
const GROUP_ID = { headers: ['Group ID', 'GroupID'] } as const;
const GROUP_NAME = { headers: ['Group Name', 'GroupName', 'Name'] } as const;
const GROUP_TYPE_CODE = { headers: ['Group Type (code)', 'GroupType (code)', 'Group type code'] } as const;
const GROUP_TYPE = { headers: ['Group Type', 'Group Type (name)', 'GroupType (name)', 'GroupType'] } as const;

export const GIAS_GROUP_FIELDS = {
  groupUid: GROUP_UID,
  groupId: GROUP_ID,
  name: { ...GROUP_NAME, required: true },
  companiesHouseNumber: { headers: ['Companies House Number', 'CompaniesHouseNumber', 'Company number', 'CHNumber'] },
  groupTypeCode: GROUP_TYPE_CODE,
  groupType: GROUP_TYPE,
  statusCode: { headers: ['Group Status (code)', 'GroupStatus (code)'] },
  status: { headers: ['Group Status', 'Group Status (name)', 'GroupStatus (name)', 'GroupStatus', 'Status'] },
  incorporatedOn: { headers: ['Incorporated on (open date)', 'Incorporated on', 'IncorporatedOn'] },
  openDate: { headers: ['Open date', 'OpenDate'] },
  closedDate: { headers: ['Closed Date', 'ClosedDate', 'Close date'] },
  street: { headers: ['Group Street', 'GroupStreet', 'Street'] },
  town: { headers: ['Group Town', 'GroupTown', 'Town'] },
  postcode: { headers: ['Group Postcode', 'GroupPostcode', 'Postcode'] },
  ukprn: { headers: ['UKPRN'] },
} as const satisfies FieldSpecs<string>;

export const GIAS_GROUP_LINK_FIELDS = {
  urn: { headers: ['URN'], required: true },
  groupUid: GROUP_UID,
  groupId: GROUP_ID,
  groupName: GROUP_NAME,
  joinedOn: { headers: ['Joined date', 'JoinedDate', 'Date joined'] },
  groupTypeCode: GROUP_TYPE_CODE,
  groupType: GROUP_TYPE,
} as const satisfies FieldSpecs<string>;

type GroupField = keyof typeof GIAS_GROUP_FIELDS;
type LinkField = keyof typeof GIAS_GROUP_LINK_FIELDS;

function readGroupUid(row: CsvRow<'groupUid'>): string {
  const uid = normaliseGroupUid(row.text('groupUid'));
  if (uid === null) throw new RowProblem(`${row.columnName('groupUid')} is empty`);
  if (!/^\d+$/.test(uid)) throw new RowProblem(`${row.columnName('groupUid')} "${uid}" is not a group UID (a whole number)`);
  return uid;
}

function mapGroup(row: CsvRow<GroupField>): GiasGroup {
  const groupUid = readGroupUid(row);
  const incorporatedOn = row.date('incorporatedOn');
  const openDate = row.date('openDate');
  return {
    groupUid,
    groupId: row.text('groupId'),
    name: row.requiredText('name'),
    companiesHouseNumber: row.text('companiesHouseNumber'),
    groupTypeCode: normaliseCode(row.text('groupTypeCode')),
    groupType: row.text('groupType'),
    status: row.text('status'),
    statusCode: normaliseCode(row.text('statusCode')),
    openedOn: incorporatedOn ?? openDate,
    closedOn: row.date('closedDate'),
    street: row.text('street'),
    town: row.text('town'),
    postcode: row.text('postcode'),
    ukprn: row.text('ukprn'),
  };
}

function mapLink(row: CsvRow<LinkField>): GiasGroupLink {
  return {
    urn: readUrn(row),
    groupUid: readGroupUid(row),
    groupId: row.text('groupId'),
    groupName: row.text('groupName'),
    joinedOn: row.date('joinedOn'),
    groupTypeCode: normaliseCode(row.text('groupTypeCode')),
    groupType: row.text('groupType'),
  };
}

export const giasGroupsImport = defineCsvImport({
  fileKind: 'GIAS groups',
  fields: GIAS_GROUP_FIELDS,
  mapRow: mapGroup,
  identify: (row) => {
    const uid = normaliseGroupUid(row.text('groupUid'));
    return uid !== null && /^\d+$/.test(uid) ? { groupUid: uid } : {};
  },
});

export const giasGroupLinksImport = defineCsvImport({
  fileKind: 'GIAS group links',
  fields: GIAS_GROUP_LINK_FIELDS,
  mapRow: mapLink,
  identify: (row) => urnOf(row as CsvRow<'urn'>),
});
