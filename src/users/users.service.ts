import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { PasswordService } from '../auth/password.service';
import { hashPassword } from '../auth/passwords';
import { twoFactorRequired } from '../auth/two-factor-policy';
import { Page, PageQuery } from '../common/pagination';
import { School } from '../schools/school.entity';
import { User } from './user.entity';
import { CreateUserDto, MeView, UpdateUserDto, UserQueryDto, UserView } from './users.dto';

const view = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  schoolIds: (u.schools ?? []).map((s) => s.id),
  twoFactorEnabled: !!u.totpEnabledAt,
});

/** A user's schools as one comparable value. */
const schoolKey = (u: User): string =>
  (u.schools ?? [])
    .map((s) => s.id)
    .sort()
    .join(',');

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly access: AccessService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async me(user: AuthUser): Promise<MeView> {
    const u = await this.db
      .getRepository(User)
      .findOneOrFail({ where: { id: user.id }, relations: { schools: true, region: true } });
    const schools = (u.schools ?? [])
      .map((s) => ({ id: s.id, name: s.name, brin: s.brin }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      regionId: u.regionId,
      regionName: u.region?.name ?? '',
      schools,
      schoolIds: schools.map((s) => s.id),
      twoFactor: {
        enabled: !!u.totpEnabledAt,
        required: twoFactorRequired(u.role, !!u.region?.requireTwoFactorForCoordinators),
        enrolmentRequired: !!user.twoFactorEnrolmentRequired,
      },
    };
  }

  async list(user: AuthUser, q: UserQueryDto): Promise<Page<UserView>> {
    const qb = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.schools', 's')
      .where('u.region_id = :region', { region: user.regionId })
      .orderBy('u.name');
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.schoolId) {
      qb.andWhere(
        'exists (select 1 from user_schools x where x.user_id = u.id and x.school_id = :sid)',
        {
          sid: q.schoolId,
        },
      );
    }
    const [items, total] = await qb.skip(PageQuery.offset(q)).take(q.limit).getManyAndCount();
    return { items: items.map(view), total, page: q.page, limit: q.limit };
  }

  async get(user: AuthUser, id: string): Promise<UserView> {
    await this.access.requireAccess(user, 'user.read', [id]);
    const found = await this.db
      .getRepository(User)
      .findOneOrFail({ where: { id }, relations: { schools: true } });
    return view(found);
  }

  async create(user: AuthUser, dto: CreateUserDto): Promise<UserView> {
    const repo = this.db.getRepository(User);
    if (
      await repo
        .createQueryBuilder('u')
        .where('lower(u.email) = lower(:e)', { e: dto.email })
        .getExists()
    ) {
      throw new ConflictException(`Er is al een gebruiker met e-mailadres ${dto.email}`);
    }
    const schools = await this.schoolsOf(user, dto.role, dto.schoolIds);
    const created = repo.create({
      regionId: user.regionId,
      email: dto.email.toLowerCase(),
      name: dto.name,
      role: dto.role,
      passwordHash: await hashPassword(dto.password),
      schools,
    });
    const saved = await this.txHost.withTransaction(async () => {
      const row = await this.txHost.tx.save(created);
      await this.audit.record(user, { entity: 'user', entityId: row.id, action: 'create' });
      return row;
    });
    return this.get(user, saved.id);
  }

  async update(user: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    const repo = this.db.getRepository(User);
    await this.access.requireAccess(user, 'user.update', [id]);
    const target = await repo.findOneOrFail({ where: { id }, relations: { schools: true } });
    const schoolsBefore = schoolKey(target);
    const role = dto.role ?? target.role;
    if (dto.schoolIds !== undefined || dto.role !== undefined) {
      target.schools = await this.schoolsOf(
        user,
        role,
        dto.schoolIds ?? target.schools.map((s) => s.id),
      );
    }
    const roleChanged = role !== target.role;
    const endsSessions = roleChanged || dto.disabled === true || dto.password !== undefined;
    // Who changed whose access is part of the pupils' data trail: role and schools decide what a
    // user sees. Which fields changed, never their values.
    const accessChanged =
      roleChanged ||
      (dto.disabled !== undefined && dto.disabled !== target.disabled) ||
      schoolKey(target) !== schoolsBefore;
    if (dto.name !== undefined) target.name = dto.name;
    if (dto.disabled !== undefined) target.disabled = dto.disabled;
    target.role = role;
    if (dto.password !== undefined) target.passwordHash = await hashPassword(dto.password);
    const actions = [
      accessChanged && 'update.access',
      dto.password !== undefined && 'update.password',
      dto.name !== undefined && 'update',
    ].filter((a): a is string => a !== false);
    await this.txHost.withTransaction(async () => {
      await this.txHost.tx.save(target);
      // The guard reloads role and status on every request; revoking also ends refresh tokens.
      if (endsSessions) await this.auth.revokeAll(target.id);
      await this.audit.recordMany(
        user,
        actions.map((action) => ({ entity: 'user', entityId: id, action })),
      );
    });
    return this.get(user, id);
  }

  /**
   * The office resets a user's password: the user gets the same e-mail as with "wachtwoord
   * vergeten" (a link valid for an hour, PasswordService.forgot), and every session of theirs ends
   * now. Their current password keeps working until they set a new one.
   */
  async resetPassword(user: AuthUser, id: string): Promise<void> {
    await this.access.requireAccess(user, 'user.update', [id]);
    const target = await this.db.getRepository(User).findOneByOrFail({ id });
    if (target.disabled)
      throw new ConflictException('Dit account is uitgeschakeld; zet het eerst weer aan');
    await this.txHost.withTransaction(async () => {
      await this.auth.revokeAll(target.id);
      await this.audit.record(user, { entity: 'user', entityId: id, action: 'reset-password' });
    });
    await this.passwords.forgot(target.email);
  }

  private async schoolsOf(user: AuthUser, role: string, ids: string[] = []): Promise<School[]> {
    if (role !== 'coordinator') {
      if (ids.length) throw new BadRequestException('Alleen een coördinator hoort bij scholen');
      return [];
    }
    if (!ids.length)
      throw new BadRequestException('Een coördinator hoort bij minstens één school (schoolIds)');
    const schools = await this.db
      .getRepository(School)
      .findBy({ id: In(ids), regionId: user.regionId });
    const missing = ids.filter((id) => !schools.some((s) => s.id === id));
    if (missing.length)
      throw new BadRequestException(`Onbekende school in deze regio: ${missing.join(', ')}`);
    return schools;
  }
}
