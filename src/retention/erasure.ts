import { DataSource, EntityManager } from 'typeorm';
import { isExpired, keptUntil } from './retention-period';

/**
 * What erasing a season's pupil data does, table by table. Plain functions over a DataSource, so
 * the worker's job (RetentionService) and the command line (scripts/retention.ts) run the same SQL.
 *
 * Erased: the pupil's name, date of birth and postcode (replaced by the markers below, as the
 * columns are required), the form's free texts (onderbouwing, reason of withdrawal), the support
 * needs (encrypted text and categories), the advisors' notes (deleted), a mediation case's outcome
 * note and over-capacity reason, and a receiving school's note with a declined proposal.
 *
 * Kept, so the season's figures (monitor, timeline, round reports) stay the same: every id, status,
 * leerjaar, niveau, profile, reason code, school, offer and date (created, submitted, placed,
 * updated, responded, closed), the preference lists and exclusions (school ids), the matching
 * rounds (their input, output and report hold ids, offer ids, priority classes and lottery
 * numbers, never names, postcodes or text, and replay still works), the notices (fixed texts and
 * links, ids only) and the audit log (ids only). Rows are changed in place without touching
 * `updated_at`, which the monitor's timeline reads.
 */

/** The values an erased form holds instead of the pupil's (the columns are not nullable). */
export const ERASED = {
  firstName: '',
  lastName: '(gewist)',
  dateOfBirth: '1900-01-01',
  postcode: '',
} as const;

export const PARTS = [
  'pupils',
  'justifications',
  'supportNeeds',
  'withdrawalReasons',
  'mediationNotes',
  'mediationTexts',
  'declineNotes',
] as const;
export type Part = (typeof PARTS)[number];
export type PartCounts = Record<Part, number>;

interface PartSql {
  /** Table and what goes, for people reading the dry run. */
  label: string;
  table: string;
  /** Rows of season $1. */
  scope: string;
  /** Rows still holding something to erase (so a second run finds nothing). */
  pending: string;
  /** `set …` of an update, or `delete`. */
  erase: string;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const IN_SEASON = 'season_id = $1';
const OF_REQUESTS = 'request_id in (select id from transfer_requests where season_id = $1)';
const OF_CASES = 'case_id in (select id from mediation_cases where season_id = $1)';

export const PART_SQL: Record<Part, PartSql> = {
  pupils: {
    label: 'transfer_requests: naam, geboortedatum, postcode',
    table: 'transfer_requests',
    scope: IN_SEASON,
    pending: `(first_name, last_name, date_of_birth, postcode) is distinct from
      (${lit(ERASED.firstName)}, ${lit(ERASED.lastName)}, date ${lit(ERASED.dateOfBirth)}, ${lit(ERASED.postcode)})`,
    erase: `set first_name = ${lit(ERASED.firstName)}, last_name = ${lit(ERASED.lastName)},
      date_of_birth = date ${lit(ERASED.dateOfBirth)}, postcode = ${lit(ERASED.postcode)}`,
  },
  justifications: {
    label: 'transfer_requests: onderbouwing',
    table: 'transfer_requests',
    scope: IN_SEASON,
    pending: `justification <> ''`,
    erase: `set justification = ''`,
  },
  supportNeeds: {
    label: 'transfer_requests: ondersteuningsbehoefte (tekst en categorieën)',
    table: 'transfer_requests',
    scope: IN_SEASON,
    pending: `support_needs_enc is not null or cardinality(support_categories) > 0`,
    erase: `set support_needs_enc = null, support_categories = '{}'`,
  },
  withdrawalReasons: {
    label: 'transfer_requests: reden van intrekken',
    table: 'transfer_requests',
    scope: IN_SEASON,
    pending: `withdrawal_reason is not null`,
    erase: `set withdrawal_reason = null`,
  },
  mediationNotes: {
    label: 'mediation_notes: notities (verwijderd)',
    table: 'mediation_notes',
    scope: OF_CASES,
    pending: 'true',
    erase: 'delete',
  },
  mediationTexts: {
    label: 'mediation_cases: toelichting bij afsluiten, reden boven capaciteit',
    table: 'mediation_cases',
    scope: IN_SEASON,
    pending: `outcome_note is not null or over_capacity_reason is not null`,
    erase: `set outcome_note = null, over_capacity_reason = null`,
  },
  declineNotes: {
    label: 'proposals: toelichting bij afwijzen',
    table: 'proposals',
    scope: OF_REQUESTS,
    pending: `decline_note is not null`,
    erase: `set decline_note = null`,
  },
};

export const zeroCounts = (): PartCounts =>
  Object.fromEntries(PARTS.map((p) => [p, 0])) as PartCounts;
export const totalOf = (c: PartCounts) => PARTS.reduce((n, p) => n + c[p], 0);

export interface SeasonRetention {
  seasonId: string;
  regionId: string;
  name: string;
  endsOn: string;
  keptUntil: string;
  expired: boolean;
  erasedAt: Date | null;
  /** For an expired season: what an erasure would change now (all 0 once done); else null. */
  pending: PartCounts | null;
}

export interface SeasonErased {
  seasonId: string;
  regionId: string;
  name: string;
  counts: PartCounts;
}

interface SeasonRow {
  id: string;
  region_id: string;
  name: string;
  ends_on: string;
  personal_data_erased_at: Date | null;
}

async function seasons(db: DataSource | EntityManager, regionId?: string): Promise<SeasonRow[]> {
  return db.query(
    `select id, region_id, name, ends_on::text as ends_on, personal_data_erased_at
       from seasons ${regionId ? 'where region_id = $1' : ''}
      order by ends_on, name, id`,
    regionId ? [regionId] : [],
  );
}

/** What erasing would change in one season, per part; changes nothing. */
export async function pendingCounts(
  db: DataSource | EntityManager,
  seasonId: string,
): Promise<PartCounts> {
  const cols = PARTS.map((p) => {
    const s = PART_SQL[p];
    return `(select count(*)::int from ${s.table} where ${s.scope} and (${s.pending})) as "${p}"`;
  });
  const [row]: PartCounts[] = await db.query(`select ${cols.join(', ')}`, [seasonId]);
  return row;
}

/**
 * Every season (of one region, or all), with the last day its pupil data is kept and, for the
 * expired ones, what an erasure would change. Reads only: this is the dry run.
 */
export async function retentionPreview(
  db: DataSource,
  today: string,
  years: number,
  regionId?: string,
): Promise<SeasonRetention[]> {
  const out: SeasonRetention[] = [];
  for (const s of await seasons(db, regionId)) {
    const expired = isExpired(s.ends_on, today, years);
    out.push({
      seasonId: s.id,
      regionId: s.region_id,
      name: s.name,
      endsOn: s.ends_on,
      keptUntil: keptUntil(s.ends_on, years),
      expired,
      erasedAt: s.personal_data_erased_at,
      pending: expired ? await pendingCounts(db, s.id) : null,
    });
  }
  return out;
}

/**
 * Erases the pupil data of one season in one transaction, with the season row locked, and
 * records it (counts on the season, one audit entry by the system). Returns null and writes
 * nothing when there is nothing (left) to erase, so running it again is a no-op. The caller
 * decides that the season is expired.
 */
export async function eraseSeason(db: DataSource, seasonId: string): Promise<SeasonErased | null> {
  return db.transaction(async (m) => {
    const [s]: (SeasonRow & { personal_data_erased: PartCounts | null })[] = await m.query(
      `select id, region_id, name, personal_data_erased_at, personal_data_erased
         from seasons where id = $1 for update`,
      [seasonId],
    );
    if (!s) return null;
    const counts = zeroCounts();
    for (const p of PARTS) {
      const q = PART_SQL[p];
      const change =
        q.erase === 'delete'
          ? `delete from ${q.table} where ${q.scope} and (${q.pending}) returning 1`
          : `update ${q.table} ${q.erase} where ${q.scope} and (${q.pending}) returning 1`;
      const [{ n }]: { n: number }[] = await m.query(
        `with c as (${change}) select count(*)::int as n from c`,
        [seasonId],
      );
      counts[p] = n;
    }
    if (!totalOf(counts) && s.personal_data_erased_at) return null;
    const sum = zeroCounts();
    for (const p of PARTS) sum[p] = (s.personal_data_erased?.[p] ?? 0) + counts[p];
    await m.query(
      `update seasons set personal_data_erased_at = coalesce(personal_data_erased_at, now()),
              personal_data_erased = $2 where id = $1`,
      [seasonId, JSON.stringify(sum)],
    );
    // By the system (no user); ids only, like every audit entry. The counts are on the season.
    await m.query(
      `insert into audit_log (region_id, user_id, role, school_id, entity, entity_id, action)
       values ($1, null, null, null, 'season', $2, 'retention.erase')`,
      [s.region_id, s.id],
    );
    return { seasonId: s.id, regionId: s.region_id, name: s.name, counts };
  });
}

/** Erases every expired season that still holds pupil data, one transaction per season. */
export async function eraseExpired(
  db: DataSource,
  today: string,
  years: number,
  regionId?: string,
): Promise<SeasonErased[]> {
  const done: SeasonErased[] = [];
  for (const s of await seasons(db, regionId)) {
    if (!isExpired(s.ends_on, today, years)) continue;
    const erased = await eraseSeason(db, s.id);
    if (erased) done.push(erased);
  }
  return done;
}
