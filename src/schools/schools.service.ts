import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { Page, PageQuery } from '../common/pagination';
import { User } from '../users/user.entity';
import { School } from './school.entity';
import { districtOf, districtSql } from './district';
import {
  CreateSchoolDto,
  DirectoryEntry,
  SchoolQueryDto,
  SchoolView,
  UpdateSchoolDto,
} from './schools.dto';

/** A school as the API shows it: the row plus its stadsdeel. */
export function schoolView(s: School): SchoolView {
  return {
    id: s.id,
    regionId: s.regionId,
    brin: s.brin,
    name: s.name,
    board: s.board,
    postcode: s.postcode,
    district: districtOf(s.postcode),
    levels: s.levels,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

@Injectable()
export class SchoolsService {
  constructor(
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async list(user: AuthUser, q: SchoolQueryDto): Promise<Page<SchoolView>> {
    const qb = this.schools
      .createQueryBuilder('s')
      .where('s.region_id = :region', { region: user.regionId })
      .orderBy('s.name');
    if (q.level) qb.andWhere(':level = any(s.levels)', { level: q.level });
    if (q.board) qb.andWhere('s.board = :board', { board: q.board });
    if (q.q) {
      // The search text is literal: % and _ match themselves, not any text.
      const literal = q.q.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere('(s.name ilike :q or s.brin ilike :q)', { q: `%${literal}%` });
    }
    if (q.district)
      qb.andWhere(`${districtSql('s.postcode')} = :district`, { district: q.district });
    const [items, total] = await qb
      .addOrderBy('s.id')
      .skip(PageQuery.offset(q))
      .take(q.limit)
      .getManyAndCount();
    return { items: items.map(schoolView), total, page: q.page, limit: q.limit };
  }

  async get(user: AuthUser, id: string): Promise<SchoolView> {
    return schoolView(await this.find(user, id));
  }

  private async find(
    user: AuthUser,
    id: string,
    permission: 'school.read' | 'school.update' = 'school.read',
  ): Promise<School> {
    await this.access.requireAccess(user, permission, [id]);
    return this.schools.findOneByOrFail({ id });
  }

  async create(user: AuthUser, dto: CreateSchoolDto): Promise<SchoolView> {
    await this.ensureBrinFree(user.regionId, dto.brin);
    const saved = await this.schools.save(this.schools.create({ ...dto, regionId: user.regionId }));
    await this.audit.record(user, { entity: 'school', entityId: saved.id, action: 'create' });
    return schoolView(saved);
  }

  async update(user: AuthUser, id: string, dto: UpdateSchoolDto): Promise<SchoolView> {
    const school = await this.find(user, id, 'school.update');
    if (dto.brin && dto.brin !== school.brin) await this.ensureBrinFree(user.regionId, dto.brin);
    Object.assign(school, dto);
    const saved = await this.schools.save(school);
    await this.audit.record(user, { entity: 'school', entityId: id, action: 'update' });
    return schoolView(saved);
  }

  /** Every school of the region with its coordinators: the fixed contacts for transfers. */
  /** A page of the region's schools by name, each with its enabled coordinators' contacts. */
  async directory(user: AuthUser, q: PageQuery): Promise<Page<DirectoryEntry>> {
    const [schools, total] = await this.schools.findAndCount({
      where: { regionId: user.regionId },
      order: { name: 'ASC', id: 'ASC' },
      skip: PageQuery.offset(q),
      take: q.limit,
    });
    const coordinators = schools.length
      ? await this.users
          .createQueryBuilder('u')
          .innerJoin('user_schools', 'us', 'us.user_id = u.id')
          .select(['u.name as name', 'u.email as email', 'us.school_id as school_id'])
          .where('u.region_id = :region and u.role = :role and not u.disabled', {
            region: user.regionId,
            role: 'coordinator',
          })
          .andWhere('us.school_id in (:...ids)', { ids: schools.map((s) => s.id) })
          .orderBy('u.name')
          .getRawMany<{ name: string; email: string; school_id: string }>()
      : [];
    const bySchool = new Map<string, { name: string; email: string }[]>();
    for (const c of coordinators) {
      const list = bySchool.get(c.school_id) ?? [];
      list.push({ name: c.name, email: c.email });
      bySchool.set(c.school_id, list);
    }
    const items = schools.map((s) => ({
      schoolId: s.id,
      brin: s.brin,
      name: s.name,
      postcode: s.postcode,
      district: districtOf(s.postcode),
      coordinators: bySchool.get(s.id) ?? [],
    }));
    return { items, total, page: q.page, limit: q.limit };
  }

  private async ensureBrinFree(regionId: string, brin: string): Promise<void> {
    if (await this.schools.existsBy({ regionId, brin })) {
      throw new ConflictException(`Er is al een school met BRIN ${brin} in deze regio`);
    }
  }
}
