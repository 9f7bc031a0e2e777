import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ensureActsForSchool } from '../auth/scope';
import { CsvFile, csvFile, safeCell } from '../common/csv';
import { LEVELS } from '../common/levels';
import { districtOf } from '../schools/district';
import { Page, PageQuery } from '../common/pagination';
import { fieldError } from '../common/validation';
import { School } from '../schools/school.entity';
import { SeasonsService } from '../seasons/seasons.service';
import { Offer } from './offer.entity';
import { freePlaces, freePlacesSql } from './places';
import {
  byRow,
  checkOffers,
  CSV_CHECK_OPTIONS,
  CsvOfferRow,
  csvToOffers,
  OfferInput,
  parseOfferCsv,
  RowProblem,
  SchoolInfo,
  shapeRow,
} from './offer-rules';
import {
  ImportedOffers,
  ImportPreview,
  ImportPreviewRow,
  MAX_CSV_BYTES,
  OfferQueryDto,
  OfferView,
  SchoolsWithPlacesQueryDto,
  SchoolWithPlaces,
  TemplateQueryDto,
  UpsertOffersDto,
} from './offers.dto';

/** The part of an uploaded file (multer, in memory) the import reads. */
export interface UploadedCsv {
  buffer: Buffer;
  size: number;
}

const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** The CSV text of an upload (UTF-8, with or without BOM; else Windows-1252, as Excel saves). */
function csvText(body: unknown, file?: UploadedCsv): string {
  if (file) {
    if (file.size > MAX_CSV_BYTES) {
      throw new BadRequestException('Het bestand is te groot: hoogstens 1 MB');
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    } catch {
      text = new TextDecoder('windows-1252').decode(file.buffer);
    }
    if (text.includes('\u0000')) {
      throw fieldError(
        'file',
        'file: het bestand bevat een NUL-teken; is het wel een CSV-bestand?',
      );
    }
    return text;
  }
  if (typeof body !== 'string') {
    throw new UnsupportedMediaTypeException(
      "Stuur het bestand als text/csv, of als multipart/form-data in het veld 'file' (kolommen brin;leerjaar;niveau;profiel;plaatsen)",
    );
  }
  return body;
}

interface OfferRaw {
  id: string;
  school_id: string;
  school_name: string;
  brin: string;
  grade: number;
  level: OfferView['level'];
  profile: string;
  capacity: number;
  placed: number;
  pending: number;
}

@Injectable()
export class OffersService {
  constructor(
    @InjectRepository(Offer) private readonly offers: Repository<Offer>,
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly seasons: SeasonsService,
    private readonly audit: AuditService,
  ) {}

  /** Every school's offers of the season, counts only; open to every role of the region. */
  async list(user: AuthUser, seasonId: string, q: OfferQueryDto): Promise<Page<OfferView>> {
    const season = await this.seasons.get(user, seasonId);
    const qb = this.offers
      .createQueryBuilder('o')
      .innerJoin(School, 's', 's.id = o.school_id')
      .where('o.region_id = :region and o.season_id = :season', {
        region: user.regionId,
        season: season.id,
      });
    if (q.schoolId) qb.andWhere('o.school_id = :school', { school: q.schoolId });
    if (q.grade) qb.andWhere('o.grade = :grade', { grade: q.grade });
    if (q.level) qb.andWhere('o.level = :level', { level: q.level });
    const total = await qb.getCount();
    const rows = await qb
      .select([
        'o.id as id',
        'o.school_id as school_id',
        's.name as school_name',
        's.brin as brin',
        'o.grade as grade',
        'o.level as level',
        'o.profile as profile',
        'o.capacity as capacity',
        'o.placed as placed',
        'o.pending as pending',
      ])
      .orderBy('s.name')
      .addOrderBy('s.id')
      .addOrderBy('o.grade')
      .addOrderBy('array_position(:levels::text[], o.level::text)')
      .addOrderBy('o.profile')
      .setParameter('levels', [...LEVELS])
      .offset(PageQuery.offset(q))
      .limit(q.limit)
      .getRawMany<OfferRaw>();
    return { items: rows.map(toView), total, page: q.page, limit: q.limit };
  }

  /** Bulk upsert from JSON rows: every row checked, all or nothing. */
  async upsert(user: AuthUser, seasonId: string, dto: UpsertOffersDto): Promise<{ saved: number }> {
    const season = await this.seasons.get(user, seasonId);
    const shaped: { row: number; input: OfferInput }[] = [];
    const problems: RowProblem[] = [];
    dto.offers.forEach((raw, i) => {
      const { input, problems: p } = shapeRow(raw, i + 1);
      problems.push(...p);
      if (input) shaped.push({ row: i + 1, input });
    });
    const { errors, forbidden } = checkOffers(shaped, await this.schoolsById(user), user);
    if (forbidden.length) throw forbiddenRows(forbidden, 'regel');
    if (problems.length || errors.length) {
      throw badRows([...problems, ...errors], 'row', 'regel');
    }
    const saved = await this.write(user, season.id, shaped, 'offers.upsert');
    return { saved };
  }

  /**
   * CSV import (brin;leerjaar;niveau;profiel;plaatsen), from a text/csv body or an uploaded file:
   * every line checked, all or nothing. With `dryRun` nothing is saved and the answer shows every
   * row (new, or old → new places) and every bad line.
   */
  async importCsv(
    user: AuthUser,
    seasonId: string,
    body: unknown,
    file?: UploadedCsv,
    dryRun = false,
  ): Promise<ImportedOffers | ImportPreview> {
    const season = await this.seasons.get(user, seasonId);
    const text = csvText(body, file);
    const { rows, problems } = parseOfferCsv(text);
    const schools = await this.schoolsById(user);
    const byBrin = new Map([...schools.values()].map((s) => [s.brin.toUpperCase(), s]));
    const offers = csvToOffers(rows, byBrin);
    const { errors, forbidden } = checkOffers(offers, schools, user, CSV_CHECK_OPTIONS);
    // In a file, a school that is not yours is one more bad line: report them all together.
    const all = [...problems, ...forbidden, ...errors];
    if (dryRun) return this.preview(season.id, rows, offers, byBrin, all);
    if (all.length) throw badRows(all, 'line', 'regel');
    const imported = await this.write(user, season.id, offers, 'offers.import');
    return { imported };
  }

  /** What an import would do, line by line; reads only. */
  private async preview(
    seasonId: string,
    rows: CsvOfferRow[],
    offers: { row: number; input: OfferInput }[],
    byBrin: ReadonlyMap<string, SchoolInfo>,
    problems: RowProblem[],
  ): Promise<ImportPreview> {
    const schoolIds = [...new Set(offers.map((o) => o.input.schoolId).filter(isUuid))];
    const existing = schoolIds.length
      ? await this.offers.find({
          where: { seasonId, schoolId: In(schoolIds) },
          select: { schoolId: true, grade: true, level: true, profile: true, capacity: true },
        })
      : [];
    const key = (o: Pick<OfferInput, 'schoolId' | 'grade' | 'level' | 'profile'>) =>
      [o.schoolId, o.grade, o.level, o.profile].join('|');
    const now = new Map(existing.map((o) => [key(o), o.capacity]));
    const badLines = new Set(problems.map((p) => p.row));
    const out: ImportPreviewRow[] = rows.map((r) => {
      const school = byBrin.get(r.brin);
      const previous = school
        ? now.get(key({ schoolId: school.id, grade: r.grade, level: r.level, profile: r.profile }))
        : undefined;
      return {
        line: r.line,
        brin: r.brin,
        schoolId: school?.id ?? null,
        schoolName: school?.name ?? null,
        grade: r.grade,
        level: r.level,
        profile: r.profile,
        capacity: r.capacity,
        change: previous === undefined ? 'new' : previous === r.capacity ? 'unchanged' : 'changed',
        previousCapacity: previous ?? null,
        valid: !badLines.has(r.line),
      };
    });
    const valid = out.filter((r) => r.valid);
    return {
      dryRun: true,
      valid: problems.length === 0,
      rows: out,
      errors: byRow(problems).map((p) => ({ line: p.row, field: p.field, message: p.message })),
      created: valid.filter((r) => r.change === 'new').length,
      changed: valid.filter((r) => r.change === 'changed').length,
      unchanged: valid.filter((r) => r.change === 'unchanged').length,
    };
  }

  /**
   * A CSV to fill in: the header and, for each school, its offers of the season with their places
   * now, or one row per niveau it has (leerjaar 1, 0 places). A coordinator gets their own
   * schools; `schoolId` picks one (a coordinator: one of theirs); an admin gets every school.
   */
  async template(user: AuthUser, seasonId: string, q: TemplateQueryDto): Promise<CsvFile> {
    const season = await this.seasons.get(user, seasonId);
    if (q.schoolId) ensureActsForSchool(user, q.schoolId);
    const where = q.schoolId
      ? { regionId: user.regionId, id: q.schoolId }
      : user.role === 'coordinator'
        ? { regionId: user.regionId, id: In(user.schoolIds) }
        : { regionId: user.regionId };
    const schools = await this.schools.find({ where, order: { name: 'ASC', brin: 'ASC' } });
    if (q.schoolId && !schools.length) throw new NotFoundException('School niet gevonden');
    const offers = schools.length
      ? await this.offers.find({
          where: { seasonId: season.id, schoolId: In(schools.map((s) => s.id)) },
        })
      : [];
    const levelOrder = (l: string) => (LEVELS as readonly string[]).indexOf(l);
    const rows: unknown[][] = [['brin', 'leerjaar', 'niveau', 'profiel', 'plaatsen']];
    for (const s of schools) {
      const own = offers
        .filter((o) => o.schoolId === s.id)
        .sort(
          (a, b) =>
            a.grade - b.grade ||
            levelOrder(a.level) - levelOrder(b.level) ||
            a.profile.localeCompare(b.profile),
        );
      if (own.length) {
        for (const o of own) rows.push([s.brin, o.grade, o.level, safeCell(o.profile), o.capacity]);
      } else {
        const levels = [...s.levels].sort((a, b) => levelOrder(a) - levelOrder(b));
        for (const level of levels) rows.push([s.brin, 1, level, '', 0]);
      }
    }
    const who = q.schoolId && schools[0] ? `-${schools[0].brin}` : '';
    return csvFile(`vrije-plaatsen-${season.name}${who}.csv`, rows);
  }

  /**
   * For the form's preference picker: the schools of the region with an offer for this leerjaar ×
   * niveau (× profiel: the profile's own offer first, else the one without profile, as a round
   * does), with the free places of that offer, by name.
   */
  async schoolsWithPlaces(
    user: AuthUser,
    seasonId: string,
    q: SchoolsWithPlacesQueryDto,
  ): Promise<SchoolWithPlaces[]> {
    const season = await this.seasons.get(user, seasonId);
    const profile = q.profile?.trim() ?? '';
    const rows: {
      id: string;
      name: string;
      brin: string;
      postcode: string;
      offer_id: string | null;
      profile: string | null;
      capacity: number | null;
      placed: number | null;
      pending: number | null;
      asking: number;
    }[] = await this.db.query(
      // With `teaching`: every school teaching the niveau, its fitting offer when it has one.
      // `asking`: submitted pupils of this leerjaar × niveau whose first listed school with room
      // (that has not declined them) is this one: where the next round will most likely put them.
      // Each pupil counts once, so a coordinator choosing now sees which room is still unclaimed;
      // counting every listed school made most room look taken and sent everyone to the nearest.
      `with firsts as (
         select distinct on (tr.id) tr.id, p.school_id
           from transfer_requests tr
           join transfer_request_preferences p on p.request_id = tr.id
          where tr.season_id = $2 and tr.status = 'submitted'
            and tr.requested_grade = $3 and tr.requested_level = $4
            and not exists (select 1 from request_exclusions e
                             where e.request_id = tr.id and e.school_id = p.school_id)
            and exists (select 1 from offers o
                         where o.season_id = tr.season_id and o.school_id = p.school_id
                           and o.grade = tr.requested_grade and o.level = tr.requested_level
                           and o.profile in ('', tr.requested_profile)
                           and ${freePlacesSql()} > 0)
          order by tr.id, p.rank
       ), asking as (select school_id, count(*)::int as n from firsts group by school_id)
       select x.*, coalesce(a.n, 0) as asking
         from (
         select distinct on (s.id) s.id, s.name, s.brin, s.postcode, o.id as offer_id, o.profile,
                o.capacity, o.placed, o.pending
           from schools s
           ${q.teaching ? 'left' : ''} join offers o on o.school_id = s.id and o.region_id = $1
            and o.season_id = $2 and o.grade = $3 and o.level = $4 and o.profile in ('', $5)
          where s.region_id = $1 ${q.teaching ? 'and $4 = any(s.levels)' : ''}
          order by s.id, (o.profile = $5 and $5 <> '') desc
       ) x left join asking a on a.school_id = x.id
       order by x.name, x.brin`,
      [user.regionId, season.id, q.grade, q.level, profile],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      brin: r.brin,
      postcode: r.postcode,
      district: districtOf(r.postcode),
      offerId: r.offer_id,
      profile: r.profile ?? '',
      ...room(r),
    }));
  }

  private async schoolsById(user: AuthUser): Promise<Map<string, SchoolInfo>> {
    const rows = await this.schools.find({
      where: { regionId: user.regionId },
      select: { id: true, brin: true, name: true, levels: true },
    });
    return new Map(rows.map((s) => [s.id, s]));
  }

  /** One statement for all rows (upsert on the offer's key, keeping placed and pending) + audit. */
  private write(
    user: AuthUser,
    seasonId: string,
    rows: { input: OfferInput }[],
    action: string,
  ): Promise<number> {
    if (!rows.length) return Promise.resolve(0);
    return this.db.transaction(async (m: EntityManager) => {
      const col = <K extends keyof OfferInput>(k: K) => rows.map((r) => r.input[k]);
      const saved: { id: string; school_id: string }[] = await m.query(
        `insert into offers (region_id, season_id, school_id, grade, level, profile, capacity)
         select $1, $2, r.school_id, r.grade, r.level, r.profile, r.capacity
           from unnest($3::uuid[], $4::smallint[], $5::varchar[], $6::varchar[], $7::int[])
             as r(school_id, grade, level, profile, capacity)
         on conflict (season_id, school_id, grade, level, profile)
           do update set capacity = excluded.capacity, updated_at = now()
         returning id, school_id`,
        [
          user.regionId,
          seasonId,
          col('schoolId'),
          col('grade'),
          col('level'),
          col('profile'),
          col('capacity'),
        ],
      );
      await this.audit.recordMany(
        user,
        saved.map((o) => ({ entity: 'offer', entityId: o.id, action, schoolId: o.school_id })),
        m,
      );
      return saved.length;
    });
  }
}

function toView(r: OfferRaw): OfferView {
  const counts = {
    capacity: Number(r.capacity),
    placed: Number(r.placed),
    pending: Number(r.pending),
  };
  return {
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    brin: r.brin,
    grade: Number(r.grade),
    level: r.level,
    profile: r.profile,
    ...counts,
    remaining: freePlaces(counts),
  };
}

const rowList = (p: RowProblem[], word: string) =>
  [...new Set(p.map((e) => e.row))].map((n) => `${word} ${n}`).join(', ');

function badRows(problems: RowProblem[], key: 'row' | 'line', word: string) {
  const sorted = byRow(problems);
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Niets opgeslagen: fouten in ${rowList(sorted, word)}`,
    errors: sorted.map((e) => ({ [key]: e.row, field: e.field, message: e.message })),
  });
}

function forbiddenRows(problems: RowProblem[], word: string) {
  const sorted = byRow(problems);
  return new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    message: `Alleen voor uw eigen school: ${rowList(sorted, word)} (niets opgeslagen)`,
    errors: sorted.map((e) => ({ row: e.row, field: e.field, message: e.message })),
  });
}

/** Free places of a school's fitting offer, and how many of them nobody has asked for yet. */
function room(r: {
  offer_id: string | null;
  capacity: number | null;
  placed: number | null;
  pending: number | null;
  asking: number;
}): { remaining: number | null; asking: number; unclaimed: number | null } {
  const asking = Number(r.asking);
  if (r.offer_id === null) return { remaining: null, asking, unclaimed: null };
  const free = freePlaces({
    capacity: Number(r.capacity),
    placed: Number(r.placed),
    pending: Number(r.pending),
  });
  return { remaining: free, asking, unclaimed: Math.max(0, free - asking) };
}
