import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { JobsService } from '../src/jobs/jobs.service';
import { QueueName } from '../src/jobs/jobs.types';
import { Offer } from '../src/offers/offer.entity';
import { Proposal } from '../src/proposals/proposal.entity';
import { ProposalsService } from '../src/proposals/proposals.service';
import { Region } from '../src/regions/region.entity';
import { RoundsService } from '../src/rounds/rounds.service';
import { Season } from '../src/seasons/season.entity';
import { SupportCipher } from '../src/transfer-requests/support-cipher';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { Factory } from './factories';
import { ProposalFactory } from './factories/proposals';

// E-mails of this spec go to a directory of its own (read at start-up, hence the dynamic import).
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-mail-'));
process.env.MAIL_DIR = MAIL_DIR;

describe('proposals', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  let pf: ProposalFactory;
  let region: Region;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });

  beforeAll(async () => {
    const { createTestApp, createTestWorker } = await import('./app');
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
    pf = new ProposalFactory(f.db);
    region = await f.region();
    const admin = await f.user(region, 'admin');
    t.admin = admin.token;
    const advisor = await f.user(region, 'advisor');
    t.advisor = advisor.token;
    ids.advisor = advisor.user.id;
    const foreign = await f.region();
    t.foreign = (await f.user(foreign, 'admin')).token;
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    rmSync(MAIL_DIR, { recursive: true, force: true });
  });

  /** A sending and two receiving schools with a coordinator each; school A offers havo 3. */
  async function setup(capacity = 2) {
    const season = await f.season(region);
    const sending = await f.school(region);
    const a = await f.school(region);
    const b = await f.school(region);
    for (const [key, school] of Object.entries({ sending, a, b })) {
      const c = await f.user(region, 'coordinator', [school]);
      t[key] = c.token;
      ids[key] = c.user.id;
    }
    const offer = await f.offer(season, a, 3, 'havo', capacity);
    const round = await pf.round(season);
    return { season, sending, a, b, offer, round };
  }

  const offerRow = (id: string) => f.db.getRepository(Offer).findOneByOrFail({ id });
  const proposalRow = (id: string) => f.db.getRepository(Proposal).findOneByOrFail({ id });
  const requestRow = (id: string) => f.db.getRepository(TransferRequest).findOneByOrFail({ id });
  const noticesOf = (userId: string, kind: string, entityId: string): Promise<{ id: string }[]> =>
    f.db.query(`select id from notifications where user_id = $1 and kind = $2 and entity_id = $3`, [
      userId,
      kind,
      entityId,
    ]);

  it('shows the receiving school only what it needs to decide, and audits every read', async () => {
    const { sending, a, offer, round, season } = await setup();
    const cipher = new SupportCipher(app.get(ConfigService).get('SUPPORT_KEYS') as string);
    const pupil = await f.request(season, sending, [a], {
      postcode: '9999 ZZ',
      supportCategories: ['leren'],
      supportNeedsEnc: cipher.encrypt('dyslexieverklaring; extra tijd bij toetsen'),
      firstName: 'Fenna',
      lastName: 'Visser',
    });
    const p = await pf.proposal(round, pupil, offer);

    const list = await http().get('/api/proposals').set(as('a')).expect(200);
    expect(list.body.total).toBe(1);
    const item = list.body.items[0];
    expect(item).toMatchObject({
      id: p.id,
      roundId: round,
      status: 'pending',
      respondBy: p.respondBy,
      school: { id: a.id, name: a.name },
      offer: { grade: 3, level: 'havo', profile: '' },
      pupil: {
        firstName: 'Fenna',
        lastName: 'Visser',
        dateOfBirth: '2012-01-01',
        requestedGrade: 3,
        requestedLevel: 'havo',
        requestedProfile: '',
        reason: 'afstroom',
        justification: 'onderbouwing',
        supportCategories: ['leren'],
      },
    });
    expect(Object.keys(item.pupil).sort()).toEqual(
      [
        'dateOfBirth',
        'firstName',
        'justification',
        'lastName',
        'reason',
        'requestedGrade',
        'requestedLevel',
        'requestedProfile',
        'supportCategories',
      ].sort(),
    );
    const one = await http().get(`/api/proposals/${p.id}`).set(as('a')).expect(200);
    expect(one.body).toEqual(item);
    for (const body of [JSON.stringify(list.body), JSON.stringify(one.body)]) {
      expect(body).not.toContain('9999 ZZ');
      expect(body).not.toContain('dyslexie');
      expect(body).not.toMatch(/postcode|supportNeeds|preferences/);
    }
    const [{ n }] = await f.db.query(
      `select count(*)::int as n from audit_log where entity = 'transfer_request' and entity_id = $1 and action = 'proposal.read'`,
      [pupil.id],
    );
    expect(n).toBe(2);

    // Filters; advisors and admins see the region, other regions and schools nothing.
    expect(
      (
        await http()
          .get(`/api/proposals?roundId=${round}&status=pending`)
          .set(as('advisor'))
          .expect(200)
      ).body.total,
    ).toBe(1);
    expect(
      (await http().get(`/api/proposals?status=accepted`).set(as('a')).expect(200)).body.total,
    ).toBe(0);
    expect((await http().get('/api/proposals').set(as('b')).expect(200)).body.total).toBe(0);
    expect((await http().get('/api/proposals').set(as('foreign')).expect(200)).body.total).toBe(0);
    await http().get('/api/proposals?status=maybe').set(as('a')).expect(400);
  });

  it('accept: pupil placed, counts moved, the sending school told and sees it placed', async () => {
    const { sending, a, offer, round, season } = await setup(2);
    const pupil = await f.request(season, sending, [a]);
    const p = await pf.proposal(round, pupil, offer);
    // The receiving school decides on the proposal view only: the full form (postcode,
    // support-needs text, other schools listed) stays with the sending school.
    const seen = await http().get(`/api/transfer-requests?seasonId=${season.id}`).set(as('a'));
    expect(seen.body.total).toBe(0);
    await http().get(`/api/transfer-requests/${pupil.id}`).set(as('a')).expect(404);
    await http().get(`/api/proposals/${p.id}`).set(as('a')).expect(200);

    await http().post(`/api/proposals/${p.id}/accept`).set(as('advisor')).expect(403);
    const res = await http().post(`/api/proposals/${p.id}/accept`).set(as('a')).expect(200);
    expect(res.body).toMatchObject({ id: p.id, status: 'accepted' });
    expect(res.body.respondedAt).toBeTruthy();

    expect(await offerRow(offer.id)).toMatchObject({ capacity: 2, placed: 1, pending: 0 });
    expect(await proposalRow(p.id)).toMatchObject({ status: 'accepted', respondedBy: ids.a });
    expect(await requestRow(pupil.id)).toMatchObject({
      status: 'placed',
      placedOfferId: offer.id,
      placedAt: expect.any(Date),
    });

    const list = await http()
      .get(`/api/transfer-requests?seasonId=${season.id}`)
      .set(as('sending'))
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: pupil.id, status: 'placed', placedOfferId: offer.id }),
    ]);
    const notices = await http().get('/api/notifications').set(as('sending')).expect(200);
    expect(notices.body.items).toEqual([
      expect.objectContaining({
        kind: 'pupil.placed',
        entity: 'transfer_request',
        entityId: pupil.id,
        readAt: null,
      }),
    ]);
    expect(JSON.stringify(notices.body)).not.toContain(pupil.lastName);

    // A second answer is refused.
    await http().post(`/api/proposals/${p.id}/accept`).set(as('a')).expect(409);
    await http()
      .post(`/api/proposals/${p.id}/decline`)
      .set(as('a'))
      .send({ reason: 'niveau-past-niet' })
      .expect(409);
  });

  it('accept re-checks capacity: lowered below placed + 1 → 409 and nothing changes', async () => {
    const { sending, a, offer, round, season } = await setup(2);
    const pupil = await f.request(season, sending, [a]);
    const p = await pf.proposal(round, pupil, offer);
    await f.db.query(`update offers set capacity = 1, placed = 1 where id = $1`, [offer.id]);

    const res = await http().post(`/api/proposals/${p.id}/accept`).set(as('a')).expect(409);
    expect(res.body.message).toMatch(/Geen plaats meer in dit aanbod: de capaciteit is 1/);
    expect(await offerRow(offer.id)).toMatchObject({ capacity: 1, placed: 1, pending: 1 });
    expect(await proposalRow(p.id)).toMatchObject({ status: 'pending', respondedAt: null });
    expect(await requestRow(pupil.id)).toMatchObject({ status: 'proposed', placedOfferId: null });
    expect(await noticesOf(ids.sending, 'pupil.placed', pupil.id)).toHaveLength(0);
  });

  it('two simultaneous accepts into one remaining place: exactly one succeeds', async () => {
    const { sending, a, offer, round, season } = await setup(2);
    const p1 = await pf.proposal(round, await f.request(season, sending, [a]), offer);
    const p2 = await pf.proposal(round, await f.request(season, sending, [a]), offer);
    await f.db.query(`update offers set capacity = 1 where id = $1`, [offer.id]);

    const answers = await Promise.all(
      [p1, p2].map((p) => http().post(`/api/proposals/${p.id}/accept`).set(as('a'))),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await offerRow(offer.id)).toMatchObject({ capacity: 1, placed: 1, pending: 1 });
    const statuses = (await f.db.getRepository(Proposal).findBy({ roundId: round }))
      .map((p) => p.status)
      .sort();
    expect(statuses).toEqual(['accepted', 'pending']);
  });

  it('refuses an accept after the response window', async () => {
    const { sending, a, offer, round, season } = await setup();
    const p = await pf.proposal(round, await f.request(season, sending, [a]), offer, '2020-06-01');
    const res = await http().post(`/api/proposals/${p.id}/accept`).set(as('a')).expect(409);
    expect(res.body.message).toMatch(/Reactietermijn verlopen/);
    expect(res.body.message).toContain('01-06-2020');
    expect(await offerRow(offer.id)).toMatchObject({ placed: 0, pending: 1 });
    const view = await http().get(`/api/proposals/${p.id}`).set(as('a')).expect(200);
    expect(view.body).toMatchObject({ status: 'pending', overdue: true });
  });

  it('hides another school’s and another region’s proposals: 404 on get, accept and decline', async () => {
    const { sending, a, offer, round, season } = await setup();
    const p = await pf.proposal(round, await f.request(season, sending, [a]), offer);
    for (const who of ['b', 'sending', 'foreign']) {
      await http().get(`/api/proposals/${p.id}`).set(as(who)).expect(404);
      await http().post(`/api/proposals/${p.id}/accept`).set(as(who)).expect(404);
      await http()
        .post(`/api/proposals/${p.id}/decline`)
        .set(as(who))
        .send({ reason: 'niveau-past-niet' })
        .expect(404);
    }
    expect(await proposalRow(p.id)).toMatchObject({ status: 'pending' });
    // An admin of the region may answer for the school.
    await http().post(`/api/proposals/${p.id}/accept`).set(as('admin')).expect(200);
  });

  it('decline needs a reason from the list, and a note with "anders"', async () => {
    const { sending, a, offer, round, season } = await setup();
    const p = await pf.proposal(round, await f.request(season, sending, [a]), offer);
    const bad = await http()
      .post(`/api/proposals/${p.id}/decline`)
      .set(as('a'))
      .send({ reason: 'vol' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain(
      'geen-passende-ondersteuning, plaats-niet-meer-beschikbaar, niveau-past-niet, profiel-past-niet, anders',
    );
    const noNote = await http()
      .post(`/api/proposals/${p.id}/decline`)
      .set(as('a'))
      .send({ reason: 'anders', note: '  ' })
      .expect(400);
    expect(noNote.body.errors).toEqual([
      { field: 'note', code: expect.any(String), message: expect.any(String) },
    ]);
    await http().post(`/api/proposals/${p.id}/decline`).set(as('a')).send({}).expect(400);
    expect(await proposalRow(p.id)).toMatchObject({ status: 'pending' });
    const ok = await http()
      .post(`/api/proposals/${p.id}/decline`)
      .set(as('a'))
      .send({ reason: 'anders', note: 'klas zit vol na herindeling' })
      .expect(200);
    expect(ok.body).toMatchObject({ status: 'declined', declineReason: 'anders', pupil: null });
    expect(await proposalRow(p.id)).toMatchObject({ declineNote: 'klas zit vol na herindeling' });
  });

  it('decline: back to submitted, school excluded, advisors told; the next round skips that school', async () => {
    const season = await f.season(region);
    const sending = await f.school(region);
    const a = await f.school(region);
    const b = await f.school(region);
    t.sending2 = (await f.user(region, 'coordinator', [sending])).token;
    t.a2 = (await f.user(region, 'coordinator', [a])).token;
    const offerA = await f.offer(season, a, 3, 'havo', 1);
    const offerB = await f.offer(season, b, 3, 'havo', 1);
    const pupil = await f.request(season, sending, [a, b]);

    const first = await runRound(season);
    const [p] = await f.db.getRepository(Proposal).findBy({ roundId: first });
    expect(p).toMatchObject({ requestId: pupil.id, schoolId: a.id, status: 'pending' });
    expect(await offerRow(offerA.id)).toMatchObject({ pending: 1 });

    await http()
      .post(`/api/proposals/${p.id}/decline`)
      .set(as('a2'))
      .send({ reason: 'geen-passende-ondersteuning' })
      .expect(200);
    expect(await requestRow(pupil.id)).toMatchObject({ status: 'submitted' });
    expect(await offerRow(offerA.id)).toMatchObject({ pending: 0, placed: 0 });
    expect(
      await f.db.query(
        `select school_id, proposal_id from request_exclusions where request_id = $1`,
        [pupil.id],
      ),
    ).toEqual([{ school_id: a.id, proposal_id: p.id }]);
    expect(await noticesOf(ids.advisor, 'proposal.declined', p.id)).toHaveLength(1);
    // The receiving school no longer sees the pupil.
    await http().get(`/api/proposals/${p.id}`).set(as('a2')).expect(404);
    const seen = await http().get(`/api/transfer-requests?seasonId=${season.id}`).set(as('a2'));
    expect(seen.body.total).toBe(0);

    const second = await runRound(season);
    const next = await f.db.getRepository(Proposal).findBy({ roundId: second });
    expect(next).toEqual([
      expect.objectContaining({ requestId: pupil.id, schoolId: b.id, offerId: offerB.id }),
    ]);
    expect(await offerRow(offerA.id)).toMatchObject({ pending: 0 });
  });

  it('a round schedules its deadline and reminder jobs; the deadline tells advisors once', async () => {
    const season = await f.season(region);
    const sending = await f.school(region);
    const a = await f.school(region);
    const coordA = await f.user(region, 'coordinator', [a]);
    await f.offer(season, a, 3, 'havo', 2);
    await f.request(season, sending, [a]);
    await f.request(season, sending, [a]);
    const roundId = await runRound(season);
    const props = await f.db.getRepository(Proposal).findBy({ roundId });
    expect(props).toHaveLength(2);

    const queue = app.get(JobsService).queue(QueueName.Rounds);
    // Enqueued right after the round's commit, so possibly a moment after it reads completed.
    for (let i = 0; i < 100 && !(await queue.getJob(`reminder-${roundId}`)); i++)
      await new Promise((res) => setTimeout(res, 50));
    const deadline = await queue.getJob(`deadline-${roundId}`);
    // Ids only; requestId: the request that started the round, carried on by its job.
    expect(deadline?.data).toEqual({ roundId, requestId: expect.any(String) });
    expect(await deadline?.getState()).toBe('delayed');
    // Runs just after the end of respond_by, Amsterdam time.
    const dueAt = (deadline?.timestamp ?? 0) + (deadline?.opts.delay ?? 0);
    const { deadlineSchedule } = await import('../src/proposals/deadline');
    const { SchoolCalendar } = await import('../src/calendar');
    const noord = new SchoolCalendar('noord');
    expect(
      Math.abs(dueAt - deadlineSchedule(props[0].respondBy, noord).deadlineAt.getTime()),
    ).toBeLessThan(60_000);
    const reminder = await queue.getJob(`reminder-${roundId}`);
    expect(reminder?.data).toEqual({ roundId, requestId: expect.any(String) });
    // The round's job retried after its commit (say Redis failed before these were queued)
    // queues them again.
    await deadline?.remove();
    await reminder?.remove();
    await worker.get(RoundsService).execute(roundId);
    expect((await queue.getJob(`deadline-${roundId}`))?.data).toEqual({ roundId });
    expect((await queue.getJob(`reminder-${roundId}`))?.data).toEqual({ roundId });

    const service = worker.get(ProposalsService);
    // Before the deadline nothing happens.
    expect(await service.handleDeadline(roundId)).toBe(0);
    // The reminder reaches the receiving school's coordinator, once.
    await service.sendReminder(roundId);
    await service.sendReminder(roundId);
    expect(await noticesOf(coordA.user.id, 'proposals.reminder', roundId)).toHaveLength(1);

    // One proposal answered in time; the day after respond_by the other one is overdue.
    await http()
      .post(`/api/proposals/${props[0].id}/accept`)
      .set({ authorization: `Bearer ${coordA.token}` })
      .expect(200);
    const after = new Date(`${props[0].respondBy}T23:00:00Z`); // 01:00 the next day in Amsterdam
    expect(await service.handleDeadline(roundId, after)).toBe(1);
    expect(await service.handleDeadline(roundId, after)).toBe(0);
    expect(await noticesOf(ids.advisor, 'proposals.overdue', roundId)).toHaveLength(1);
    const overdue = await proposalRow(props[1].id);
    expect(overdue.status).toBe('pending');
    expect(overdue.overdueNotifiedAt).toBeInstanceOf(Date);
    expect((await proposalRow(props[0].id)).overdueNotifiedAt).toBeNull();

    // Made overdue through the repository: the real clock agrees, and still only one notice.
    await f.db.getRepository(Proposal).update({ roundId }, { respondBy: '2020-01-01' });
    expect(await service.handleDeadline(roundId)).toBe(0);
    expect(await noticesOf(ids.advisor, 'proposals.overdue', roundId)).toHaveLength(1);
  });

  it('withdrawing a proposed request withdraws the proposal and frees the pending place', async () => {
    const { sending, a, offer, round, season } = await setup(1);
    const pupil = await f.request(season, sending, [a]);
    const p = await pf.proposal(round, pupil, offer);
    expect(await offerRow(offer.id)).toMatchObject({ pending: 1 });
    // The receiving school may not withdraw the sending school's form (it cannot even see it).
    await http()
      .post(`/api/transfer-requests/${pupil.id}/withdraw`)
      .set(as('a'))
      .send({ reason: 'verhuisd naar het buitenland' })
      .expect(404);
    await http()
      .post(`/api/transfer-requests/${pupil.id}/withdraw`)
      .set(as('sending'))
      .send({ reason: 'verhuisd naar het buitenland' })
      .expect(200);
    expect(await offerRow(offer.id)).toMatchObject({ pending: 0, placed: 0 });
    expect(await proposalRow(p.id)).toMatchObject({ status: 'withdrawn' });
    expect(await requestRow(pupil.id)).toMatchObject({ status: 'withdrawn' });
    // The receiving school is told the proposal lapsed, without the pupil's details.
    const notices = await http().get('/api/notifications').set(as('a')).expect(200);
    const lapsed = notices.body.items.filter(
      (n: { kind: string }) => n.kind === 'proposal.withdrawn',
    );
    expect(lapsed).toEqual([
      expect.objectContaining({ entity: 'proposal', entityId: p.id, readAt: null }),
    ]);
    expect(JSON.stringify(lapsed)).not.toContain(pupil.lastName);
    await http().get(`/api/proposals/${p.id}`).set(as('a')).expect(404);
    await http().post(`/api/proposals/${p.id}/accept`).set(as('admin')).expect(409);
  });

  // ---- helpers

  async function runRound(season: Season): Promise<string> {
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({})
      .expect(201);
    for (let i = 0; i < 200; i++) {
      const r = await http().get(`/api/rounds/${start.body.id}`).set(as('admin')).expect(200);
      if (r.body.status === 'completed') return start.body.id;
      if (r.body.status === 'failed') throw new Error(`round failed: ${r.body.error}`);
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('round did not finish');
  }
});
