import { AuthUser } from '../auth/auth-user';
import {
  actsForSchool,
  bind,
  ownSchools,
  proposalListScope,
  requestListScope,
  ruleSql,
} from './access-rules';

const user = (role: AuthUser['role'], schoolIds: string[] = []): AuthUser => ({
  id: 'u1',
  regionId: 'r1',
  role,
  schoolIds,
  sessionId: 's1',
});
const admin = user('admin');
const coordinator = user('coordinator', ['a']);

describe('access rules', () => {
  it('a coordinator acts for their own schools only; advisors and admins for any', () => {
    expect(ownSchools(admin)).toBeNull();
    expect(ownSchools(user('advisor'))).toBeNull();
    expect(ownSchools(coordinator)).toEqual(['a']);
    expect(actsForSchool(admin, 'b')).toBe(true);
    expect(actsForSchool(admin, null)).toBe(true);
    expect(actsForSchool(coordinator, 'a')).toBe(true);
    expect(actsForSchool(coordinator, 'b')).toBe(false);
    // A pupil moving into the region has no sending school: not a coordinator's.
    expect(actsForSchool(coordinator, null)).toBe(false);
  });

  it('binds only the parameters the SQL uses, each once, and leaves casts alone', () => {
    expect(
      bind('t.id = any(:ids::uuid[]) and t.region_id = :region and :ids is not null', {
        ids: ['x'],
        region: 'r1',
        schools: ['a'],
      }),
    ).toEqual(['t.id = any($1::uuid[]) and t.region_id = $2 and $1 is not null', [['x'], 'r1']]);
  });

  it("adds a coordinator's conditions to a rule, and nothing for an admin", () => {
    const forAdmin = ruleSql(admin, 'request.update');
    expect(forAdmin).toContain('t.region_id = :region');
    expect(forAdmin).not.toContain(':schools');
    expect(forAdmin).toContain('bool_or(true)');
    const forCoordinator = ruleSql(coordinator, 'request.update');
    expect(forCoordinator).toContain('t.sending_school_id = any(:schools::uuid[])');
    expect(forCoordinator).not.toContain('bool_or(true)');
    expect(ruleSql(coordinator, 'proposal.read')).toContain("t.status in ('pending', 'accepted')");
    expect(ruleSql(coordinator, 'proposal.respond')).not.toContain('t.status');
    expect(ruleSql(coordinator, 'notice.update')).toContain('t.user_id = :user');
    expect(ruleSql(coordinator, 'notice.update')).not.toContain(':region');
  });

  it('scopes lists as the object checks do', () => {
    expect(requestListScope(admin)).toEqual({
      sql: 'tr.region_id = :scopeRegion',
      params: { scopeRegion: 'r1' },
    });
    expect(requestListScope(coordinator, 'x')).toEqual({
      sql: 'x.region_id = :scopeRegion and x.sending_school_id = any(:scopeSchools::uuid[])',
      params: { scopeRegion: 'r1', scopeSchools: ['a'] },
    });
    expect(proposalListScope(admin).sql).toBe('where p.region_id = $1');
    const w = proposalListScope(coordinator);
    expect(w.sql).toBe(
      "where p.region_id = $1 and p.school_id = any($2::uuid[]) and p.status in ('pending', 'accepted')",
    );
    expect(w.params).toEqual(['r1', ['a']]);
  });
});
