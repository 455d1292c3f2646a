/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   Rows of raw SQL (json_agg, row_to_json) are untyped; each is mapped to its response shape here. */
import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { UuidParam } from '@trustwide/common';
import { Allow } from '../../auth/auth.guard';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { notFound } from '../../auth/errors';
import { academicYearOf } from './academic-year';
import { assertSchoolInScope, READ_MODEL_ROLES, scopeOf } from './access';
import { AlertSignals } from './alert-stream.service';
import { CsvColumn, toCsv } from './csv';
import { OverviewCache } from './overview-cache';
import { ReadModelQueries } from './read-model.queries';
import {
  AlertsQuery,
  AlertStreamQuery,
  AuditQuery,
  LeadershipQuery,
  ListQuery,
  OverviewQuery,
  type PagedQuery,
} from './read-model.query.dto';
import type {
  AlertsResponse,
  AlertView,
  AuditResponse,
  LeadershipResponse,
  OverviewResponse,
  PipelineResponse,
  SchoolPageResponse,
  SupportNamesResponse,
} from './read-model.responses';

/** A page as asked for, with the defaults. */
const paging = (q: PagedQuery) => ({ limit: q.limit ?? 50, offset: q.offset ?? 0 });

function sendCsv<T>(res: Response, filename: string, columns: CsvColumn<T>[], rows: T[]): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.send(toCsv(columns, rows));
}

/**
 * The trust-wide view, served by the gateway from its own read model (no call to the services): overview, a
 * school's page, leadership capacity, the pipeline, alerts (feed, live stream, acknowledgement) and the audit trail.
 * Listed before the proxy in the app module, so these paths are never forwarded.
 */
@Controller('api/trusts/:trustId')
@Allow(...READ_MODEL_ROLES)
export class ReadModelController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly signals: AlertSignals,
    private readonly cache: OverviewCache,
  ) {}

  @Get('overview')
  async overview(
    @UuidParam('trustId') trustId: string,
    @Query() query: OverviewQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OverviewResponse | undefined> {
    const scope = scopeOf(req.caller, trustId);
    const csv = query.format === 'csv';
    const filter = {
      membership: query.membership ?? 'member',
      phase: query.phase,
      risk: query.risk,
      leadershipModel: query.leadershipModel,
      q: query.q,
      sort: query.sort ?? 'name',
      ...paging(query),
    };
    // The dashboard asks for the same overview again and again between changes: answered from the cache then.
    const key = JSON.stringify([scope.schoolIds, filter, academicYearOf(new Date())]);
    const result = csv
      ? await this.queries.overview(scope, filter, true)
      : await this.cache.get(trustId, key, () => this.queries.overview(scope, filter, false));
    if (!csv) return result;
    type S = (typeof result.schools)[number];
    const m = (name: string) => (s: S) => (s.measures as Record<string, { value: number }>)[name]?.value;
    sendCsv<S>(
      res,
      'overview.csv',
      [
        { header: 'schoolId', value: (s) => s.schoolId },
        { header: 'urn', value: (s) => s.urn },
        { header: 'name', value: (s) => s.name },
        { header: 'phase', value: (s) => s.phase },
        { header: 'leadershipModel', value: (s) => s.leadershipModel },
        { header: 'risk', value: (s) => s.risk.level },
        { header: 'riskReasons', value: (s) => s.risk.reasons },
        { header: 'oeifOverall', value: (s) => (s.latestInspection as any).oeif?.overallEffectiveness },
        { header: 'oeifDate', value: (s) => (s.latestInspection as any).oeif?.startDate },
        { header: 'reportCardDate', value: (s) => (s.latestInspection as any).reportCard?.startDate },
        { header: 'pupils', value: (s) => s.pupils },
        { header: 'attendance', value: m('attendance') },
        { header: 'attainmentExpectedStandard', value: m('attainmentExpectedStandard') },
        { header: 'supportReceived', value: (s) => s.support.receiving.length },
        { header: 'supportGiven', value: (s) => s.support.giving.length },
        { header: 'designatedLeaders', value: (s) => s.designatedLeaders.length },
        { header: 'cpdPlacesTaken', value: (s) => s.cpd.placesTaken },
      ],
      result.schools,
    );
    return undefined;
  }

  @Get('overview/schools/:schoolId')
  async school(
    @UuidParam('trustId') trustId: string,
    @UuidParam('schoolId') schoolId: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<SchoolPageResponse> {
    const scope = scopeOf(req.caller, trustId);
    assertSchoolInScope(scope, schoolId);
    const page = await this.queries.school(scope, schoolId);
    if (!page) throw notFound(`no school ${schoolId} in the trust's read model`, 'schoolId');
    return page;
  }

  @Get('leadership')
  async leadership(
    @UuidParam('trustId') trustId: string,
    @Query() query: LeadershipQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadershipResponse | undefined> {
    const scope = scopeOf(req.caller, trustId);
    const year = query.academicYear;
    const result = await this.queries.leadership(scope, year ?? academicYearOf(new Date()));
    if (query.format !== 'csv') return result;
    type L = (typeof result.systemLeaders)[number];
    sendCsv<L>(
      res,
      'leadership.csv',
      [
        { header: 'staffId', value: (l) => l.staffId },
        { header: 'name', value: (l) => l.name },
        { header: 'employingSchool', value: (l) => l.employingSchool?.name },
        { header: 'designations', value: (l) => (l.designations as any[]).map((d) => `${d.type} ${d.status}`) },
        { header: 'expires', value: (l) => (l.designations as any[]).map((d) => d.termEndsOn).filter(Boolean) },
        { header: 'academicYear', value: (l) => l.academicYear },
        { header: 'availableDays', value: (l) => l.availableDays },
        { header: 'committedDays', value: (l) => l.committedDays },
        { header: 'status', value: (l) => l.status },
        { header: 'deployments', value: (l) => (l.deployedTo as unknown[]).length },
      ],
      result.systemLeaders,
    );
    return undefined;
  }

  /**
   * Names for the staff ids support agreements hold, for the roles that read every agreement: the QA lead may not read
   * staff records, yet approves agreements that deploy leaders by id. Only system leaders and people agreements name.
   */
  @Get('leadership/names')
  @Allow('ceo', 'executive', 'qa-lead')
  async supportNames(@UuidParam('trustId') trustId: string): Promise<SupportNamesResponse> {
    return { people: await this.queries.supportNames(trustId) };
  }

  @Get('pipeline')
  async pipeline(
    @UuidParam('trustId') trustId: string,
    @Query() query: ListQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PipelineResponse | undefined> {
    const scope = scopeOf(req.caller, trustId);
    const people = await this.queries.pipeline(scope);
    if (query.format !== 'csv') return { people };
    type P = (typeof people)[number];
    sendCsv<P>(
      res,
      'pipeline.csv',
      [
        { header: 'staffId', value: (p) => p.staffId },
        { header: 'name', value: (p) => p.name },
        { header: 'track', value: (p) => p.track },
        { header: 'currentRoles', value: (p) => (p.currentRoles as any[]).map((r) => r.role) },
        { header: 'aspiringTo', value: (p) => p.aspiringTo },
        { header: 'cpdTaken', value: (p) => (p.cpdTaken as any[]).map((c) => `${c.code ?? c.programmeId} ${c.status}`) },
        { header: 'qualifications', value: (p) => (p.qualifications as any[]).map((q) => q.qualification) },
      ],
      people,
    );
    return undefined;
  }

  @Get('alerts')
  async alerts(
    @UuidParam('trustId') trustId: string,
    @Query() query: AlertsQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AlertsResponse | undefined> {
    const scope = scopeOf(req.caller, trustId);
    const csv = query.format === 'csv';
    const page = paging(query);
    const result = await this.queries.alerts(scope, {
      kind: query.kind,
      acknowledged: query.acknowledged === undefined ? undefined : query.acknowledged === 'true',
      ...(csv ? { limit: 10_000, offset: 0 } : page),
    });
    if (!csv) return { ...result, ...page };
    type A = (typeof result.alerts)[number];
    sendCsv<A>(
      res,
      'alerts.csv',
      [
        { header: 'alertId', value: (a) => a.alertId },
        { header: 'raisedAt', value: (a) => a.raisedAt },
        { header: 'kind', value: (a) => a.kind },
        { header: 'severity', value: (a) => a.severity },
        { header: 'title', value: (a) => a.title },
        { header: 'subjectType', value: (a) => a.subject.type },
        { header: 'subjectId', value: (a) => a.subject.id },
        { header: 'schools', value: (a) => a.schools.map((x) => x.name).join('; ') },
        { header: 'acknowledgedBy', value: (a) => a.acknowledged?.by },
        { header: 'acknowledgedAt', value: (a) => a.acknowledged?.at },
      ],
      result.alerts,
    );
    return undefined;
  }

  /**
   * Server-sent events: each alert as `id: <seq>`, `event: alert`, `data: <json>`. A client that reconnects with
   * `Last-Event-ID` (browsers do it themselves) gets what it missed, then the live ones; without it, only new ones.
   */
  @Get('alerts/stream')
  async stream(
    @UuidParam('trustId') trustId: string,
    @Query() query: AlertStreamQuery,
    @Req() req: AuthenticatedRequest & Request,
    @Res() res: Response,
  ): Promise<void> {
    const scope = scopeOf(req.caller, trustId);
    const header = req.headers['last-event-id'];
    // The header (what a browser sends when it reconnects) wins; one that is no seq is ignored, as browsers would not mend it.
    const given = typeof header === 'string' && /^\d{1,15}$/.test(header) ? header : query.lastEventId;
    let cursor = given !== undefined ? Number(given) : await this.latestSeq(trustId);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    let running = false;
    let again = false;
    let closed = false;
    const pump = async () => {
      if (running) return void (again = true);
      running = true;
      try {
        do {
          again = false;
          const { alerts } = await this.queries.alerts(scope, { afterSeq: cursor, limit: 500, offset: 0, ascending: true });
          for (const a of alerts) {
            if (closed) return;
            res.write(`id: ${a.seq}\nevent: alert\ndata: ${JSON.stringify(a)}\n\n`);
            cursor = a.seq;
          }
          if (alerts.length === 500) again = true;
        } while (again && !closed);
      } catch {
        // The next signal or poll tries again; the client keeps its place with Last-Event-ID.
      } finally {
        running = false;
      }
    };
    const unsubscribe = this.signals.subscribe(trustId, () => void pump());
    const poll = setInterval(() => void pump(), 5_000);
    const ping = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      closed = true;
      unsubscribe();
      clearInterval(poll);
      clearInterval(ping);
    });
    await pump();
  }

  private async latestSeq(trustId: string): Promise<number> {
    const { alerts } = await this.queries.alerts({ trustId, schoolIds: null }, { limit: 1, offset: 0 });
    return alerts[0]?.seq ?? 0;
  }

  @Post('alerts/:alertId/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @UuidParam('trustId') trustId: string,
    @UuidParam('alertId') alertId: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<AlertView> {
    const scope = scopeOf(req.caller, trustId);
    if (!(await this.queries.alert(scope, alertId))) throw notFound(`no alert ${alertId}`, 'alertId');
    await this.queries.acknowledge(trustId, alertId, `user:${req.caller!.userId}`);
    // Alerts are never deleted, so the one just found is there still.
    const alert = await this.queries.alert(scope, alertId);
    if (!alert) throw notFound(`no alert ${alertId}`, 'alertId');
    return alert;
  }

  @Get('audit')
  async audit(
    @UuidParam('trustId') trustId: string,
    @Query() query: AuditQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditResponse | undefined> {
    const scope = scopeOf(req.caller, trustId);
    const csv = query.format === 'csv';
    const page = paging(query);
    const result = await this.queries.audit(scope, {
      subject: query.subject,
      type: query.type,
      ...(csv ? { limit: 10_000, offset: 0 } : page),
    });
    if (!csv) return { ...result, ...page };
    type E = (typeof result.entries)[number];
    sendCsv<E>(
      res,
      'audit.csv',
      [
        { header: 'at', value: (e) => e.at },
        { header: 'type', value: (e) => e.type },
        { header: 'actor', value: (e) => `${e.actor.kind}:${e.actor.id}` },
        { header: 'aggregateType', value: (e) => e.aggregate.type },
        { header: 'aggregateId', value: (e) => e.aggregate.id },
        { header: 'subjects', value: (e) => e.subjects.map((s) => (s.name ? `${s.name} (${s.id})` : s.id)) },
        { header: 'eventId', value: (e) => e.eventId },
      ],
      result.entries,
    );
    return undefined;
  }
}
