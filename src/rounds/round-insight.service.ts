import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Page, PageQuery } from '../common/pagination';
import { createExplainer, match, MatchInput, MatchOutput } from '../matching';
import { describeRules, priorityLabel, rulesView } from '../regions/priority-rules';
import type { RoundReport, SkippedChoice } from './engine-input';
import {
  ChoiceOutcome,
  choiceText,
  cutoffText,
  fromEngine,
  programLabel,
  resultText,
} from './explanation-text';
import { RoundsRepository } from './rounds.repository';
import type {
  RoundExplanation,
  RoundExplanationLine,
  RoundNamedReport,
  RoundProgramRow,
  RoundPupilRow,
  RoundPupilsQueryDto,
  RoundSchoolRow,
  RoundGradeLevelRow,
} from './rounds.dto';

interface OfferInfo {
  id: string;
  schoolId: string;
  schoolName: string;
  brin: string;
  grade: number;
  level: string;
  profile: string;
}

type Counter = {
  capacity: number;
  proposals: number;
  placed: number;
  firstChoices: number;
  improvedByCycles: number;
};
const zero = (): Counter => ({
  capacity: 0,
  proposals: 0,
  placed: 0,
  firstChoices: 0,
  improvedByCycles: 0,
});
const COUNTS = Object.keys(zero()) as (keyof Counter)[];
const add = (a: Counter, b: Counter) => {
  for (const k of COUNTS) a[k] += b[k];
};

/** `%`, `_` and `\` typed by a user are letters, not wildcards. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What the office and the advisors read about a completed round: the report with school names,
 * each pupil's explanation in plain Dutch, and the pupils by name. Built from the round's stored
 * input, output (lottery, cut-offs) and skipped choices, never from today's data, except the
 * names and what became of the proposals since.
 */
@Injectable()
export class RoundInsightService {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async report(user: AuthUser, id: string): Promise<RoundNamedReport> {
    const round = await this.load(user, id);
    const input = round.input as MatchInput;
    const output = round.output as MatchOutput;
    const stored = (round.report ?? {}) as Partial<RoundReport>;
    const rules = stored.priorityRules;
    const offers = await this.offers(
      user,
      input.programs.map((p) => p.id),
    );
    const accepted = await this.rounds.acceptedPerOffer(id);

    // Who gained by the improvement cycles: the same lottery without them (DA_STB).
    const improved = new Set<string>();
    if ((input.mechanism ?? 'DA_STB_SIC') === 'DA_STB_SIC' && input.pupils.length) {
      const base = match(
        {
          mechanism: 'DA_STB',
          programs: input.programs,
          pupils: input.pupils,
          lottery: output.lottery,
        },
        { timing: false },
      );
      for (const p of input.pupils) {
        const now = output.assignments[p.id];
        const before = base.assignments[p.id];
        if (now && now !== before) {
          const r = (x: string | null) => (x === null ? Infinity : p.preferences.indexOf(x));
          if (r(now) < r(before)) improved.add(p.id);
        }
      }
    }

    const perProgram = new Map<string, Counter>();
    for (const pr of input.programs)
      perProgram.set(pr.id, { ...zero(), capacity: pr.capacity, placed: accepted.get(pr.id) ?? 0 });
    for (const p of input.pupils) {
      const a = output.assignments[p.id];
      if (!a) continue;
      const c = perProgram.get(a) as Counter;
      c.proposals++;
      if (p.preferences[0] === a) c.firstChoices++;
      if (improved.has(p.id)) c.improvedByCycles++;
    }

    const schools = new Map<string, RoundSchoolRow>();
    for (const pr of input.programs) {
      const o = offers.get(pr.id);
      if (!o) continue;
      const c = perProgram.get(pr.id) as Counter;
      const cutoff = output.cutoffs[pr.id] ?? { priority: null, lottery: null };
      const full = c.capacity === 0 || c.proposals >= c.capacity;
      const row: RoundProgramRow = {
        offerId: pr.id,
        grade: o.grade,
        level: o.level,
        profile: o.profile,
        label: programLabel(o.grade, o.level, o.profile),
        ...c,
        full,
        cutoffPriority: full ? cutoff.priority : null,
        cutoffLottery: full ? cutoff.lottery : null,
        cutoffPriorityLabel:
          full && cutoff.lottery !== null ? priorityLabel(cutoff.priority, rules) : null,
        cutoffText: cutoffText(c.capacity, c.proposals, cutoff, rules),
      };
      const s = schools.get(o.schoolId) ?? {
        schoolId: o.schoolId,
        schoolName: o.schoolName,
        brin: o.brin,
        ...zero(),
        programs: [],
      };
      add(s, c);
      s.programs.push(row);
      schools.set(o.schoolId, s);
    }
    const schoolRows = [...schools.values()].sort((a, b) =>
      a.schoolName.localeCompare(b.schoolName, 'nl'),
    );
    for (const s of schoolRows)
      s.programs.sort((a, b) => a.grade - b.grade || a.label.localeCompare(b.label, 'nl'));

    // Per leerjaar × niveau: the pupils by what they asked for, the places by the offer's own.
    const asked = await this.rounds.requestedPrograms(
      user.regionId,
      input.pupils.map((p) => p.id),
    );
    const gl = new Map<string, RoundGradeLevelRow>();
    const glOf = (grade: number, level: string) => {
      const key = `${grade}|${level}`;
      let row = gl.get(key);
      if (!row) {
        row = { grade, level, pupils: 0, unplaced: 0, ...zero() };
        gl.set(key, row);
      }
      return row;
    };
    for (const r of asked) {
      const row = glOf(Number(r.grade), r.level);
      row.pupils++;
      if (!output.assignments[r.id]) row.unplaced++;
    }
    for (const [offerId, c] of perProgram) {
      const o = offers.get(offerId);
      if (o) add(glOf(o.grade, o.level), c);
    }
    const gradeLevels = [...gl.values()].sort(
      (a, b) => a.grade - b.grade || a.level.localeCompare(b.level),
    );

    const totals = { ...zero(), pupils: input.pupils.length, unplaced: 0 };
    for (const c of perProgram.values()) add(totals, c);
    totals.unplaced = totals.pupils - totals.proposals;

    return {
      roundId: round.id,
      seasonId: round.seasonId,
      dryRun: round.dryRun,
      mechanism: round.mechanism,
      finishedAt: round.finishedAt,
      totals,
      priorityRules: rules ? rulesView(rules) : null,
      priorityRulesText: rules ? describeRules(rules) : [],
      schools: schoolRows,
      gradeLevels,
    };
  }

  /**
   * Why a pupil got what they got: for every school they listed above it (all of them when
   * unplaced), why not, in one Dutch sentence each. An audited read.
   */
  async explanation(user: AuthUser, id: string, requestId: string): Promise<RoundExplanation> {
    const round = await this.load(user, id);
    const input = round.input as MatchInput;
    const output = round.output as MatchOutput;
    const rules = ((round.report ?? {}) as Partial<RoundReport>).priorityRules;
    const req = await this.rounds.explainedRequest(requestId);
    const pupil = input.pupils.find((p) => p.id === requestId);
    const visible = await this.access.checkAccess(user, 'request.read', [requestId]);
    if (!req || !visible.has(requestId) || !pupil)
      throw new NotFoundException('Deze leerling deed niet mee aan deze ronde');

    const skipped =
      ((round.skippedChoices ?? {}) as Record<string, SkippedChoice[]>)[requestId] ?? [];
    // The pupil's own list again: the engine's programs in order, the skipped schools at their place.
    const entries: { rank: number; programId: string | null; skipped: SkippedChoice | null }[] = [];
    const bySlot = new Map(skipped.map((s) => [s.rank, s]));
    let next = 0;
    for (let rank = 1; next < pupil.preferences.length || bySlot.size; rank++) {
      const s = bySlot.get(rank);
      if (s) {
        entries.push({ rank, programId: null, skipped: s });
        bySlot.delete(rank);
      } else if (next < pupil.preferences.length) {
        entries.push({ rank, programId: pupil.preferences[next++], skipped: null });
      } else break;
    }
    const offers = await this.offers(user, pupil.preferences);
    const names = await this.rounds.schoolNames(
      user.regionId,
      skipped.map((s) => s.schoolId),
    );
    const assignedId = output.assignments[requestId];
    const assignedEntry = entries.find((e) => e.programId !== null && e.programId === assignedId);
    const above = assignedEntry ? entries.filter((e) => e.rank < assignedEntry.rank) : entries;
    const why = new Map(
      createExplainer(input, output)(requestId).higherChoices.map((h) => [h.program, h]),
    );
    const lottery = output.lottery[requestId];

    const lines: RoundExplanationLine[] = above.map((e) => {
      if (e.skipped) {
        const outcome: ChoiceOutcome =
          e.skipped.why === 'declined' ? 'DECLINED_BEFORE' : 'NO_OFFER';
        const schoolName = names.get(e.skipped.schoolId) ?? 'Onbekende school';
        const facts = {
          schoolName,
          grade: req.grade,
          level: req.level,
          profile: req.profile,
          outcome,
          ownLottery: lottery,
        };
        return {
          rank: e.rank,
          schoolId: e.skipped.schoolId,
          schoolName,
          program: programLabel(req.grade, req.level, req.profile),
          outcome,
          text: choiceText(facts, rules),
        };
      }
      const o = offers.get(e.programId as string);
      const h = why.get(e.programId as string);
      const outcome: ChoiceOutcome = h ? fromEngine(h.reason) : 'INCONSISTENT';
      const schoolName = o?.schoolName ?? 'Onbekende school';
      const grade = o?.grade ?? req.grade;
      const level = o?.level ?? req.level;
      const profile = o?.profile ?? '';
      return {
        rank: e.rank,
        schoolId: o?.schoolId ?? null,
        schoolName,
        program: programLabel(grade, level, profile),
        outcome,
        text: choiceText(
          {
            schoolName,
            grade,
            level,
            profile,
            outcome,
            cutoff: h?.cutoff,
            ownPriority: h?.priority ?? null,
            ownLottery: lottery,
          },
          rules,
        ),
      };
    });

    const ao = assignedId ? offers.get(assignedId) : undefined;
    const assigned =
      assignedId && ao && assignedEntry
        ? {
            offerId: assignedId,
            schoolId: ao.schoolId,
            schoolName: ao.schoolName,
            program: programLabel(ao.grade, ao.level, ao.profile),
            rank: assignedEntry.rank,
          }
        : null;
    const result = resultText(assigned && ao ? { ...ao, rank: assigned.rank } : null, round.dryRun);
    await this.audit.record(user, {
      entity: 'transfer_request',
      entityId: requestId,
      action: 'round.explanation',
      schoolId: req.sending_school_id,
    });
    return {
      roundId: round.id,
      requestId,
      pupil: { firstName: req.first_name, lastName: req.last_name },
      dryRun: round.dryRun,
      lottery,
      assigned,
      result,
      lines,
      summary:
        `${result}. Lotnummer in deze ronde: ${lottery}.` +
        (lines.length
          ? ` ${lines.length === 1 ? 'Eén school stond' : `${lines.length} scholen stonden`} hoger op de lijst; per school staat hieronder waarom niet.`
          : ''),
    };
  }

  /** The round's pupils by name, with their result; `q` matches first name, last name or both. */
  async pupils(user: AuthUser, id: string, q: RoundPupilsQueryDto): Promise<Page<RoundPupilRow>> {
    await this.load(user, id, false);
    const like = q.q?.trim() ? `%${likeLiteral(q.q.trim())}%` : null;
    const { rows, total } = await this.rounds.pupilsPage(
      id,
      user.regionId,
      like,
      PageQuery.offset(q),
      q.limit,
    );
    const items: RoundPupilRow[] = rows.map((r) => ({
      requestId: String(r.id),
      firstName: String(r.first_name),
      lastName: String(r.last_name),
      requestedGrade: Number(r.requested_grade),
      requestedLevel: String(r.requested_level),
      sendingSchoolName: (r.sending_school_name as string) ?? null,
      placed: r.offer_id != null,
      schoolId: (r.school_id as string) ?? null,
      schoolName: (r.school_name as string) ?? null,
      program:
        r.offer_id != null
          ? programLabel(Number(r.grade), String(r.level), String(r.profile ?? ''))
          : null,
      choice: r.rank == null ? null : Number(r.rank),
    }));
    await this.audit.recordMany(
      user,
      rows.map((r) => ({
        entity: 'transfer_request',
        entityId: String(r.id),
        action: 'round.result',
        schoolId: (r.sending_school_id as string) ?? null,
      })),
    );
    return { items, total, page: q.page, limit: q.limit };
  }

  // ---- helpers

  private async load(user: AuthUser, id: string, full = true) {
    await this.access.requireAccess(user, 'round.read', [id]);
    const round = full ? await this.rounds.withStored(id, true) : await this.rounds.plain(id);
    if (round.status !== 'completed')
      throw new ConflictException(`De ronde is nog niet klaar (status: ${round.status})`);
    return round;
  }

  private async offers(user: AuthUser, ids: string[]): Promise<Map<string, OfferInfo>> {
    const rows = await this.rounds.offerNames(user.regionId, ids);
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          id: String(r.id),
          schoolId: String(r.school_id),
          schoolName: String(r.name),
          brin: String(r.brin),
          grade: Number(r.grade),
          level: String(r.level),
          profile: String(r.profile ?? ''),
        },
      ]),
    );
  }
}
