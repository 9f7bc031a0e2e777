import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** A deterministic generator (mulberry32) so markets are the same run after run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BulkMarket {
  regionId: string;
  seasonId: string;
  schools: number;
  pupils: number;
}

/**
 * Inserts a whole market with a few set-based statements: `schools` schools on 6 boards, each
 * offering havo 3 with capacity adding up to about 90% of the pupils, and `pupils` submitted
 * requests with `prefs` preferences drawn with skewed popularity. Movers (1 in 10) get priority.
 */
export async function insertBulkMarket(
  db: DataSource,
  pupils: number,
  schools: number,
  prefs: number,
  seed = 1,
): Promise<BulkMarket> {
  const rand = rng(seed);
  const [region] = await db.query(
    `insert into regions (code, name) values ($1, 'Bulk') returning id`,
    [`bulk-${randomUUID().slice(0, 12)}`],
  );
  const [season] = await db.query(
    `insert into seasons (region_id, name, entry_opens, entry_closes, round_dates, response_school_days, summer_holiday_start, ends_on)
     values ($1, '2027-2028', '2027-01-15', '2027-06-18', '{2027-06-21}', 5, '2027-07-10', '2027-10-01') returning id`,
    [region.id],
  );
  const schoolIds = Array.from({ length: schools }, () => randomUUID());
  const brins = schoolIds.map(
    (_, i) =>
      `${String(10 + (i % 90)).padStart(2, '0')}${String.fromCharCode(65 + (((i / 90) % 26) | 0), 65 + (((i / 2340) % 26) | 0))}${String(i % 100).padStart(2, '0')}`,
  );
  await db.query(
    `insert into schools (id, region_id, brin, name, board, postcode, levels)
     select t.id, $1, t.brin, 'School ' || t.brin, 'Bestuur ' || (t.n % 6), '1011 AB', '{havo}'
       from unnest($2::uuid[], $3::text[], $4::int[]) as t(id, brin, n)`,
    [region.id, schoolIds, brins, schoolIds.map((_, i) => i)],
  );
  // Popularity ~ 1/(rank+1): a few schools are wanted by many.
  const weights = schoolIds.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);
  const pick = () => {
    const r = rand();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const capacity = Math.max(1, Math.round((pupils * 0.9) / schools));
  await db.query(
    `insert into offers (region_id, season_id, school_id, grade, level, capacity)
     select $1, $2, s, 3, 'havo', $3 from unnest($4::uuid[]) as s`,
    [region.id, season.id, capacity, schoolIds],
  );
  const requestIds = Array.from({ length: pupils }, () => randomUUID());
  const sending = requestIds.map(() => schoolIds[Math.floor(rand() * schools)]);
  const reasons = requestIds.map(() => (rand() < 0.1 ? 'verhuizing' : 'afstroom'));
  const chunk = 50_000;
  for (let i = 0; i < pupils; i += chunk) {
    await db.query(
      `insert into transfer_requests (id, region_id, season_id, sending_school_id, first_name, last_name, date_of_birth, postcode,
         current_grade, current_level, requested_grade, requested_level, reason, justification, consent_by, consent_recorded_at, status, submitted_at)
       select t.id, $1, $2, t.s, 'Leerling', 'Bulk', '2012-01-01', '1011 AB', 3, 'vwo', 3, 'havo', t.r::transfer_reason, 'bulk', 'ouders', now(), 'submitted', now()
         from unnest($3::uuid[], $4::uuid[], $5::text[]) as t(id, s, r)`,
      [
        region.id,
        season.id,
        requestIds.slice(i, i + chunk),
        sending.slice(i, i + chunk),
        reasons.slice(i, i + chunk),
      ],
    );
  }
  const prefReq: string[] = [];
  const prefRank: number[] = [];
  const prefSchool: string[] = [];
  for (let p = 0; p < pupils; p++) {
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < Math.min(prefs, schools) && tries < prefs * 20; tries++)
      chosen.add(pick());
    let rank = 1;
    for (const s of chosen) {
      prefReq.push(requestIds[p]);
      prefRank.push(rank++);
      prefSchool.push(schoolIds[s]);
    }
  }
  for (let i = 0; i < prefReq.length; i += chunk * 2) {
    await db.query(
      `insert into transfer_request_preferences (request_id, rank, school_id)
       select * from unnest($1::uuid[], $2::smallint[], $3::uuid[])`,
      [
        prefReq.slice(i, i + chunk * 2),
        prefRank.slice(i, i + chunk * 2),
        prefSchool.slice(i, i + chunk * 2),
      ],
    );
  }
  return { regionId: region.id, seasonId: season.id, schools, pupils };
}
