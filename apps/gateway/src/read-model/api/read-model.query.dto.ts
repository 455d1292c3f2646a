import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsWholeNumber } from '@trustwide/common';
import { ALERT_KINDS, type AlertKind } from '../ingest/alert-rules';
import { SORTS, type Sort } from './read-model.queries';

/** `?phase=` says nothing: an empty value is taken as absent (a form's empty select), not refused. */
const EmptyIsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value), { toClassOnly: true });

/** The query of the trust-wide view's lists: JSON, or the same rows as a CSV download. */
export class ListQuery {
  /** `csv`: the list as a CSV file (UTF-8 with BOM, formulas neutralised), every row not just a page. */
  @EmptyIsAbsent() @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class PagedQuery extends ListQuery {
  /** Rows per page [50]. */
  @EmptyIsAbsent() @IsOptional() @IsWholeNumber(1, 500) limit?: number;
  /** Rows to skip [0]. */
  @EmptyIsAbsent() @IsOptional() @IsWholeNumber(0, 1_000_000) offset?: number;
}

export class OverviewQuery extends PagedQuery {
  /** [member]: the trust's schools now; `former-member`, `not-member` for the others the read model knows. */
  @EmptyIsAbsent() @IsOptional() @IsIn(['member', 'former-member', 'not-member']) membership?: 'member' | 'former-member' | 'not-member';
  @EmptyIsAbsent() @IsOptional() @IsString() @Length(1, 40) phase?: string;
  @EmptyIsAbsent() @IsOptional() @IsIn(['green', 'amber', 'red', 'unassessed']) risk?: 'green' | 'amber' | 'red' | 'unassessed';
  @EmptyIsAbsent() @IsOptional() @IsIn(['A', 'B', 'C']) leadershipModel?: 'A' | 'B' | 'C';
  /** Part of the name or local authority, or a URN. */
  @EmptyIsAbsent() @IsOptional() @IsString() @Length(1, 100) q?: string;
  /** [name]; `-` before a key sorts it descending. */
  @EmptyIsAbsent() @IsOptional() @IsIn(SORTS) sort?: Sort;
}

export class LeadershipQuery extends ListQuery {
  /** [this one] The academic year whose capacity is shown, like 2026/27. */
  @EmptyIsAbsent()
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}\/\d{2}$/, { message: 'academicYear must be like 2026/27' })
  academicYear?: string;
}

export class AlertsQuery extends PagedQuery {
  @EmptyIsAbsent() @IsOptional() @IsIn(ALERT_KINDS) kind?: AlertKind;
  /** `true`: only those acknowledged; `false`: only those not. */
  @EmptyIsAbsent() @IsOptional() @IsIn(['true', 'false']) acknowledged?: 'true' | 'false';
}

export class AlertStreamQuery {
  /** Where to resume, for a client that cannot send the `Last-Event-ID` header (which wins): the last alert's `seq`. */
  @EmptyIsAbsent()
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,15}$/, { message: 'lastEventId must be an alert seq (a whole number)' })
  lastEventId?: string;
}

export class AuditQuery extends PagedQuery {
  /** A school, person, designation, agreement or cohort id: the events about it. */
  @EmptyIsAbsent() @IsOptional() @IsUUID() subject?: string;
  /** An event type, like `people.designation.activated`. */
  @EmptyIsAbsent() @IsOptional() @IsString() @Length(1, 80) type?: string;
}
