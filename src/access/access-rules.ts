import { AuthUser } from '../auth/auth-user';
import { Where } from '../common/sql-where';

/**
 * Object-level access, in one place (after Immich's access layer): "may this caller do this to
 * these objects", one query per permission over a set of ids. Which roles may call a route at all
 * stays with @Roles on the route; which objects they may touch is decided here.
 *
 * Another region's object is "not found" (404: its existence is not revealed), as is an object a
 * coordinator may not see at all (another school's pupil or proposal). A coordinator who sees an
 * object but acts for another school is "forbidden" (403).
 */
export type Permission =
  /** A pupil's form: the region; a coordinator only their own schools' (sending) pupils. */
  | 'request.read'
  /** Change, submit or withdraw the form: as read, and only for the sending school. */
  | 'request.update'
  /** Open a case for, place or close the pupil at the mediation desk: the region. */
  | 'request.mediate'
  /** A proposal: the region; a coordinator only to their own school, while open or accepted. */
  | 'proposal.read'
  /** Accept or decline it (and see the answer): the region; a coordinator only their own school's. */
  | 'proposal.respond'
  | 'case.read'
  | 'case.manage'
  /** Place a pupil into the offer by hand: the region. */
  | 'offer.place'
  | 'round.read'
  | 'season.read'
  | 'season.update'
  | 'school.read'
  | 'school.update'
  /** Act for the school (ids: school ids): a coordinator only for their own, others for any. */
  | 'school.act'
  /** A board's placement table (ids: board names): the region; a coordinator only their own board. */
  | 'board.read'
  | 'user.read'
  | 'user.update'
  /** Mark a notice read: the caller's own. */
  | 'notice.update'
  | 'non-school-day.delete';

export const OWN_SCHOOL = 'Alleen voor uw eigen school / only for your own school';

/**
 * One permission as SQL over alias `t`. Named parameters: :ids (the ids asked about), :region,
 * :schools (the caller's schools), :user (the caller).
 */
export interface Rule {
  from: string;
  /** The column the ids are of (default t.id, a uuid). */
  id?: { column: string; type: 'text' };
  /** The rows within the caller's reach (default: of the caller's region). */
  reach?: string;
  /** A coordinator sees only these rows; the others are "not found". */
  coordinatorSees?: string;
  /** Of the rows they see, a coordinator acts only on these; the others are "forbidden". */
  coordinatorActs?: string;
  notFound: string;
  forbidden?: string;
}

// The coordinator's own-school conditions, shared by the object checks and the list scopes.
const ownPupil = (t: string, schools: string) => `${t}.sending_school_id = any(${schools}::uuid[])`;
const ownProposal = (t: string, schools: string) => `${t}.school_id = any(${schools}::uuid[])`;
/** A receiving school sees a pupil only while the proposal is open or accepted (DOMAIN.md). */
const shownProposal = (t: string) => `${t}.status in ('pending', 'accepted')`;

const inRegion = (from: string, notFound: string): Rule => ({ from, notFound });

export const RULES: Record<Exclude<Permission, 'school.act'>, Rule> = {
  'request.read': {
    from: 'transfer_requests t',
    coordinatorSees: ownPupil('t', ':schools'),
    notFound: 'Aanvraag niet gevonden',
  },
  'request.update': {
    from: 'transfer_requests t',
    coordinatorSees: ownPupil('t', ':schools'),
    coordinatorActs: ownPupil('t', ':schools'),
    notFound: 'Aanvraag niet gevonden',
    forbidden: OWN_SCHOOL,
  },
  'request.mediate': inRegion('transfer_requests t', 'Aanvraag niet gevonden'),
  'proposal.read': {
    from: 'proposals t',
    coordinatorSees: `${ownProposal('t', ':schools')} and ${shownProposal('t')}`,
    notFound: 'Voorstel niet gevonden',
  },
  'proposal.respond': {
    from: 'proposals t',
    coordinatorSees: ownProposal('t', ':schools'),
    notFound: 'Voorstel niet gevonden',
  },
  'case.read': inRegion('mediation_cases t', 'Dossier niet gevonden'),
  'case.manage': inRegion('mediation_cases t', 'Dossier niet gevonden'),
  'offer.place': inRegion('offers t', 'Aanbod niet gevonden'),
  'round.read': inRegion('matching_rounds t', 'Ronde niet gevonden'),
  'season.read': inRegion('seasons t', 'Seizoen niet gevonden'),
  'season.update': inRegion('seasons t', 'Seizoen niet gevonden'),
  'school.read': inRegion('schools t', 'School niet gevonden'),
  'school.update': inRegion('schools t', 'School niet gevonden'),
  'board.read': {
    from: 'schools t',
    id: { column: 't.board', type: 'text' },
    coordinatorActs: 't.id = any(:schools::uuid[])',
    notFound: 'Bestuur niet gevonden in deze regio',
    forbidden: 'Alleen de plaatsingstafel van uw eigen bestuur',
  },
  'user.read': inRegion('users t', 'Gebruiker niet gevonden'),
  'user.update': inRegion('users t', 'Gebruiker niet gevonden'),
  'notice.update': {
    from: 'notifications t',
    reach: 't.user_id = :user',
    notFound: 'Bericht niet gevonden',
  },
  'non-school-day.delete': inRegion('region_non_school_days t', 'Vrije dag niet gevonden'),
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** :name parameters as $1, $2, … (only those the SQL uses: PostgreSQL types every one it gets). */
export function bind(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = [];
  const at = new Map<string, number>();
  const text = sql.replace(/(?<!:):([a-z]+)/g, (whole, key: string) => {
    if (!(key in values)) return whole;
    if (!at.has(key)) at.set(key, params.push(values[key]));
    return `$${at.get(key)}`;
  });
  return [text, params];
}

/** The SQL of a rule for this caller: rows (id, acts) of the asked ids the caller sees. */
export function ruleSql(user: AuthUser, permission: Exclude<Permission, 'school.act'>) {
  const r = RULES[permission];
  const coordinator = ownSchools(user) !== null;
  const id = r.id?.column ?? 't.id';
  const where = [
    `${id} = any(:ids::${r.id?.type ?? 'uuid'}[])`,
    r.reach ?? 't.region_id = :region',
  ];
  if (coordinator && r.coordinatorSees) where.push(r.coordinatorSees);
  const acts = coordinator && r.coordinatorActs ? r.coordinatorActs : 'true';
  return `select ${id}::text as id, bool_or(${acts}) as acts from ${r.from}
           where ${where.join(' and ')} group by 1`;
}

/** Who the caller is, as far as their schools go. */
type Caller = { role: AuthUser['role']; schoolIds: readonly string[] };

/**
 * The schools a caller is limited to (a coordinator's own), or null when they act for every
 * school of their region (advisors and admins).
 */
export function ownSchools(user: Caller): readonly string[] | null {
  return user.role === 'coordinator' ? user.schoolIds : null;
}

/** Whether the caller acts for this school (for what a view shows; `school.act` to refuse). */
export function actsForSchool(user: Caller, schoolId: string | null | undefined): boolean {
  const own = ownSchools(user);
  return !own || (!!schoolId && own.includes(schoolId));
}

// ---- list scopes: the same conditions as the object checks, for a list's own query

/**
 * The full records of transfer requests a caller may list, as TypeORM SQL over `alias`: advisors
 * and admins the whole region; coordinators only their own schools' outgoing pupils. A receiving
 * school sees an incoming pupil only through its proposals (src/proposals), with just what it
 * needs to decide: never the postcode, the support-needs text or the other schools listed.
 */
export function requestListScope(
  user: AuthUser,
  alias = 'tr',
): { sql: string; params: Record<string, unknown> } {
  const own = ownSchools(user);
  const scope = {
    sql: `${alias}.region_id = :scopeRegion`,
    params: { scopeRegion: user.regionId },
  };
  if (!own) return scope;
  return {
    sql: `${scope.sql} and ${ownPupil(alias, ':scopeSchools')}`,
    params: { ...scope.params, scopeSchools: own },
  };
}

/**
 * The proposals a caller may list, over alias `p` (positional parameters): the region; for
 * coordinators only those to their own schools, while open or accepted.
 */
export function proposalListScope(user: AuthUser, w = new Where()): Where {
  w.add((n) => `p.region_id = ${n}`, user.regionId);
  const own = ownSchools(user);
  if (own) w.add((n) => ownProposal('p', n), own).also(shownProposal('p'));
  return w;
}
