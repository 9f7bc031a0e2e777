import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { LEVELS } from '../common/levels';
import { Page, PageQuery } from '../common/pagination';
import { School } from '../schools/school.entity';
import { SeasonsService } from '../seasons/seasons.service';
import { Offer, remaining } from './offer.entity';
import {
  byRow,
  checkOffers,
  CSV_CHECK_OPTIONS,
  csvToOffers,
  OfferInput,
  parseOfferCsv,
  RowProblem,
  SchoolInfo,
  shapeRow,
} from './offer-rules';
import { OfferQueryDto, OfferView, UpsertOffersDto } from './offers.dto';

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

  /** CSV import (brin;leerjaar;niveau;profiel;plaatsen): every line checked, all or nothing. */
  async importCsv(user: AuthUser, seasonId: string, body: unknown): Promise<{ imported: number }> {
    const season = await this.seasons.get(user, seasonId);
    if (typeof body !== 'string') {
      throw new UnsupportedMediaTypeException(
        'Stuur het bestand als text/csv (kolommen brin;leerjaar;niveau;profiel;plaatsen)',
      );
    }
    const { rows, problems } = parseOfferCsv(body);
    const schools = await this.schoolsById(user);
    const byBrin = new Map([...schools.values()].map((s) => [s.brin.toUpperCase(), s]));
    const offers = csvToOffers(rows, byBrin);
    const { errors, forbidden } = checkOffers(offers, schools, user, CSV_CHECK_OPTIONS);
    // In a file, a school that is not yours is one more bad line: report them all together.
    const all = [...problems, ...forbidden, ...errors];
    if (all.length) throw badRows(all, 'line', 'regel');
    const imported = await this.write(user, season.id, offers, 'offers.import');
    return { imported };
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
    remaining: remaining(counts),
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
