import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { createTestApp } from './app';
import { Factory } from './factories';

/**
 * Migration 1765000000000: the references a round writes in bulk (proposals, audit entries,
 * mediation cases) are checked once per statement instead of once per row. They must refuse
 * exactly what the foreign keys refused: an unknown parent on insert or update (the whole
 * statement, also when one row of many is wrong), and deleting a parent that is still referenced;
 * an audit entry's school becomes null when its school is deleted, as before.
 */
describe('statement-level references', () => {
  let app: INestApplication;
  let f: Factory;

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
  });
  afterAll(async () => {
    await app.close();
  });

  /** The SQLSTATE and constraint of what `run` throws (undefined when it does not throw). */
  async function refusal(run: () => Promise<unknown>) {
    try {
      await run();
    } catch (e) {
      expect(e).toBeInstanceOf(QueryFailedError);
      const d = e as { code?: string; constraint?: string };
      return { code: d.code, constraint: d.constraint };
    }
    return undefined;
  }

  async function world() {
    const region = await f.region();
    const sending = await f.school(region);
    const receiving = await f.school(region);
    const season = await f.season(region);
    const offer = await f.offer(season, receiving, 3, 'havo', 10);
    const pupils = await Promise.all(
      Array.from({ length: 3 }, () => f.request(season, sending, [receiving])),
    );
    const [round] = await f.db.query(
      `insert into matching_rounds (region_id, season_id, status, seed, seed_hash)
       values ($1, $2, 'completed', 's', 'h') returning id`,
      [region.id, season.id],
    );
    return { region, sending, receiving, season, offer, pupils, roundId: round.id as string };
  }

  const insertProposals = (
    w: Awaited<ReturnType<typeof world>>,
    requestIds: string[],
    over: { offerId?: string; schoolId?: string } = {},
  ) =>
    f.db.query(
      `insert into proposals (region_id, round_id, request_id, offer_id, school_id, respond_by)
       select $1, $2, r, $3, $4, '2027-06-28' from unnest($5::uuid[]) r`,
      [
        w.region.id,
        w.roundId,
        over.offerId ?? w.offer.id,
        over.schoolId ?? w.receiving.id,
        requestIds,
      ],
    );
  const proposalsOf = async (roundId: string) =>
    (await f.db.query(`select count(*)::int as n from proposals where round_id = $1`, [roundId]))[0]
      .n;

  it('refuses a statement in which one row of many names an unknown parent, and writes none of it', async () => {
    const w = await world();
    const ids = w.pupils.map((p) => p.id);
    expect(await refusal(() => insertProposals(w, [...ids.slice(0, 2), randomUUID()]))).toEqual({
      code: '23503',
      constraint: 'proposals_request_id_ref',
    });
    expect(await refusal(() => insertProposals(w, ids, { offerId: randomUUID() }))).toEqual({
      code: '23503',
      constraint: 'proposals_offer_id_ref',
    });
    expect(await refusal(() => insertProposals(w, ids, { schoolId: randomUUID() }))).toEqual({
      code: '23503',
      constraint: 'proposals_school_id_ref',
    });
    expect(await proposalsOf(w.roundId)).toBe(0);

    await insertProposals(w, ids);
    expect(await proposalsOf(w.roundId)).toBe(3);
    // An update is checked as well.
    expect(
      await refusal(() =>
        f.db.query(`update proposals set offer_id = $2 where round_id = $1`, [
          w.roundId,
          randomUUID(),
        ]),
      ),
    ).toEqual({ code: '23503', constraint: 'proposals_offer_id_ref' });

    expect(
      await refusal(() =>
        f.db.query(
          `insert into mediation_cases (region_id, season_id, request_id, round_id, origin)
           values ($1, $2, $3, $4, 'round')`,
          [w.region.id, randomUUID(), w.pupils[0].id, w.roundId],
        ),
      ),
    ).toEqual({ code: '23503', constraint: 'mediation_cases_season_id_ref' });
    expect(
      await refusal(() =>
        f.db.query(
          `insert into audit_log (region_id, school_id, entity, entity_id, action)
           values ($1, $2, 'transfer_request', 'x', 'test')`,
          [w.region.id, randomUUID()],
        ),
      ),
    ).toEqual({ code: '23503', constraint: 'audit_log_school_id_ref' });
  });

  it('refuses deleting a parent that is still referenced; an audit entry loses its deleted school', async () => {
    const w = await world();
    await insertProposals(w, [w.pupils[0].id]);
    expect(
      await refusal(() => f.db.query(`delete from offers where id = $1`, [w.offer.id])),
    ).toEqual({ code: '23503', constraint: 'proposals_offer_id_ref' });
    expect(
      await refusal(() => f.db.query(`delete from matching_rounds where id = $1`, [w.roundId])),
    ).toEqual({ code: '23503', constraint: 'proposals_round_id_ref' });
    expect(
      await refusal(() =>
        f.db.query(`delete from transfer_requests where id = $1`, [w.pupils[0].id]),
      ),
    ).toEqual({ code: '23503', constraint: 'proposals_request_id_ref' });
    // Unreferenced, a pupil's form can go (its preferences cascade, as before).
    await f.db.query(`delete from transfer_requests where id = $1`, [w.pupils[1].id]);

    const lone = await f.school(w.region);
    await f.db.query(
      `insert into audit_log (region_id, school_id, entity, entity_id, action)
       values ($1, $2, 'school', $3, 'test')`,
      [w.region.id, lone.id, lone.id],
    );
    await f.db.query(`delete from schools where id = $1`, [lone.id]);
    const [entry] = await f.db.query(
      `select school_id from audit_log where entity = 'school' and entity_id = $1`,
      [lone.id],
    );
    expect(entry).toEqual({ school_id: null });
  });
});
