import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuthUser } from '../auth/auth-user';
import { actsForSchool, bind, OWN_SCHOOL, Permission, RULES, ruleSql, UUID } from './access-rules';

// What services use besides the service: the permissions, the pure checks and the list scopes.
export { actsForSchool, ownSchools, proposalListScope, requestListScope } from './access-rules';
export type { Permission } from './access-rules';

@Injectable()
export class AccessService {
  // In the current transaction (TransactionHost), so a check inside one needs no second connection.
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The ids of `ids` the caller may do `permission` to; one query (none for no ids). */
  async checkAccess(
    user: AuthUser,
    permission: Permission,
    ids: Iterable<string>,
  ): Promise<Set<string>> {
    return (await this.evaluate(user, permission, new Set(ids))).allowed;
  }

  /**
   * Throws unless the caller may do `permission` to every one of `ids`: 404 when one is not
   * there for them, 403 when they see it but may not act on it.
   */
  async requireAccess(
    user: AuthUser,
    permission: Permission,
    ids: Iterable<string>,
  ): Promise<void> {
    const asked = new Set(ids);
    const { seen, allowed } = await this.evaluate(user, permission, asked);
    if (permission === 'school.act') {
      if (allowed.size < asked.size) throw new ForbiddenException(OWN_SCHOOL);
      return;
    }
    const rule = RULES[permission];
    for (const id of asked) if (!seen.has(id)) throw new NotFoundException(rule.notFound);
    if (allowed.size < asked.size) throw new ForbiddenException(rule.forbidden ?? OWN_SCHOOL);
  }

  private async evaluate(
    user: AuthUser,
    permission: Permission,
    asked: Set<string>,
  ): Promise<{ seen: Set<string>; allowed: Set<string> }> {
    if (permission === 'school.act') {
      // The caller's schools are on the caller: no query.
      const allowed = new Set([...asked].filter((id) => actsForSchool(user, id)));
      return { seen: asked, allowed };
    }
    const ids = RULES[permission].id ? [...asked] : [...asked].filter((id) => UUID.test(id));
    if (!ids.length) return { seen: new Set(), allowed: new Set() };
    const [sql, params] = bind(ruleSql(user, permission), {
      ids,
      region: user.regionId,
      schools: user.schoolIds,
      user: user.id,
    });
    const rows: { id: string; acts: boolean }[] = await this.txHost.tx.query(sql, params);
    return {
      seen: new Set(rows.map((r) => r.id)),
      allowed: new Set(rows.filter((r) => r.acts).map((r) => r.id)),
    };
  }
}
