import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Region } from '../src/regions/region.entity';
import { MatchingRound } from '../src/rounds/round.entity';
import { RoundsService } from '../src/rounds/rounds.service';
import { Season } from '../src/seasons/season.entity';
import { TransferRequest } from '../src/transfer-requests/transfer-request.entity';
import { Factory } from './factories';

// The reset e-mails go to a directory of this spec's own (read at start-up: dynamic import below).
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-mail-office-'));
process.env.MAIL_DIR = MAIL_DIR;

/** The office's screens (issue 18): round report and explanations, rules, audit log, users. */
describe('office screens', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  let region: Region;
  const t: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });

  beforeAll(async () => {
    const { createTestApp, createTestWorker } = await import('./app');
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
    region = await f.region();
    t.admin = (await f.user(region, 'admin', [], { name: 'Bea Beheer' })).token;
    t.advisor = (await f.user(region, 'advisor')).token;
    const school = await f.school(region);
    t.coordinator = (await f.user(region, 'coordinator', [school])).token;
    t.foreign = (await f.user(await f.region(), 'admin')).token;
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
    rmSync(MAIL_DIR, { recursive: true, force: true });
  });

  async function runRound(season: Season, dryRun = false) {
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({ dryRun })
      .expect(201);
    for (let i = 0; i < 200; i++) {
      const r = await http().get(`/api/rounds/${start.body.id}`).set(as('admin')).expect(200);
      if (r.body.status === 'completed') return r.body;
      if (r.body.status === 'failed') throw new Error(r.body.error);
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('round did not finish');
  }

  const setRules = (body: object) =>
    http().put('/api/regions/current/priority-rules').set(as('admin')).send(body);

  /**
   * Amstel Lyceum havo 3 has one place, Berg College two: four pupils list Amstel first. One of
   * them listed Noord College first (no havo 3 places), one was declined by Declina before.
   */
  async function market() {
    await setRules({ reasons: { verhuizing: null } }).expect(200);
    const season = await f.season(region);
    const amstel = await f.school(region, { name: 'Amstel Lyceum' });
    const berg = await f.school(region, { name: 'Berg College' });
    const noord = await f.school(region, { name: 'Noord College' });
    const declina = await f.school(region, { name: 'Declina' });
    const sending = await f.school(region, { name: 'Zender' });
    await f.offer(season, amstel, 3, 'havo', 1);
    await f.offer(season, berg, 3, 'havo', 2);
    await f.offer(season, noord, 4, 'havo', 3);
    await f.offer(season, declina, 3, 'havo', 3);
    const pupils: TransferRequest[] = [];
    pupils.push(await f.request(season, sending, [noord, amstel, berg], { firstName: 'Noor' }));
    pupils.push(await f.request(season, sending, [declina, amstel, berg], { firstName: 'Daan' }));
    pupils.push(await f.request(season, sending, [amstel, berg], { firstName: 'Anna' }));
    pupils.push(await f.request(season, sending, [amstel], { firstName: 'Alleen' }));
    await f.db.query(`insert into request_exclusions (request_id, school_id) values ($1, $2)`, [
      pupils[1].id,
      declina.id,
    ]);
    return { season, schools: { amstel, berg, noord, declina, sending }, pupils };
  }

  it('reports a round with school names, cut-offs and totals per leerjaar × niveau', async () => {
    const { season, schools } = await market();
    const round = await runRound(season);
    const res = await http().get(`/api/rounds/${round.id}/report`).set(as('advisor')).expect(200);
    const r = res.body;
    // Only programs someone could apply to count: Declina declined its one applicant before.
    expect(r.totals).toMatchObject({ pupils: 4, capacity: 3, proposals: 3, unplaced: 1 });
    expect(r.schools.map((s: { schoolName: string }) => s.schoolName)).toEqual([
      'Amstel Lyceum',
      'Berg College',
    ]);
    const amstel = r.schools[0];
    expect(amstel).toMatchObject({ schoolId: schools.amstel.id, capacity: 1, proposals: 1 });
    expect(amstel.programs[0]).toMatchObject({
      label: 'havo 3',
      capacity: 1,
      proposals: 1,
      full: true,
      cutoffPriority: null,
      cutoffPriorityLabel: 'geen',
      cutoffLottery: expect.any(Number),
    });
    expect(amstel.programs[0].cutoffText).toBe(
      `vol; laatste plaats: lotnummer ${amstel.programs[0].cutoffLottery}, voorrang geen`,
    );
    expect(r.schools[1].programs[0]).toMatchObject({
      full: true,
      cutoffText: expect.stringMatching(/^vol;/),
    });
    expect(r.gradeLevels).toEqual([
      expect.objectContaining({ grade: 3, level: 'havo', pupils: 4, unplaced: 1, proposals: 3 }),
    ]);
    // Names, not ids, are what the office reads: every school row has its name.
    expect(JSON.stringify(r.schools)).toContain('Amstel Lyceum');
    expect(r.priorityRulesText).toEqual(['Geen voorrang: alleen het lotnummer beslist']);

    await http().get(`/api/rounds/${round.id}/report`).set(as('coordinator')).expect(403);
    await http().get(`/api/rounds/${round.id}/report`).set(as('foreign')).expect(404);
  });

  it('explains each pupil in plain Dutch, naming the lottery numbers', async () => {
    const { season, schools, pupils } = await market();
    const round = await runRound(season);
    const report = (await http().get(`/api/rounds/${round.id}/report`).set(as('admin')).expect(200))
      .body;
    const amstelCut = report.schools[0].programs[0].cutoffLottery;

    const list = await http()
      .get(`/api/rounds/${round.id}/pupils?q=noor`)
      .set(as('advisor'))
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      requestId: pupils[0].id,
      firstName: 'Noor',
      sendingSchoolName: 'Zender',
    });
    const all = await http().get(`/api/rounds/${round.id}/pupils`).set(as('admin')).expect(200);
    expect(all.body.total).toBe(4);

    // Noor: no havo 3 places at Noord College; Amstel went by lottery (unless she won it).
    const noor = (
      await http()
        .get(`/api/rounds/${round.id}/explanations/${pupils[0].id}`)
        .set(as('advisor'))
        .expect(200)
    ).body;
    expect(noor.lines[0]).toMatchObject({
      rank: 1,
      schoolName: 'Noord College',
      outcome: 'NO_OFFER',
      text: 'Noord College had geen vrije plaatsen voor leerjaar 3 havo.',
    });
    if (noor.assigned?.schoolId !== schools.amstel.id) {
      expect(noor.lines[1]).toMatchObject({ rank: 2, schoolName: 'Amstel Lyceum' });
      expect(noor.lines[1].text).toBe(
        `Amstel Lyceum havo 3 was vol; de laatste plaats ging naar lotnummer ${amstelCut} (voorrang: geen), deze leerling had lotnummer ${noor.lottery}.`,
      );
    }
    // Daan: Declina declined him before.
    const daan = (
      await http()
        .get(`/api/rounds/${round.id}/explanations/${pupils[1].id}`)
        .set(as('admin'))
        .expect(200)
    ).body;
    expect(daan.lines[0]).toMatchObject({
      schoolName: 'Declina',
      outcome: 'DECLINED_BEFORE',
      text: 'Declina heeft deze leerling eerder afgewezen.',
    });
    // Every pupil: placed with the choice named, or to mediation. Three wanted Amstel's one place.
    let lost = 0;
    for (const p of pupils) {
      const e = (
        await http()
          .get(`/api/rounds/${round.id}/explanations/${p.id}`)
          .set(as('admin'))
          .expect(200)
      ).body;
      if (e.assigned) {
        expect(e.result).toBe(
          `Geplaatst op ${e.assigned.schoolName} havo 3 (${e.assigned.rank}e keus)`,
        );
        expect(e.lines).toHaveLength(e.assigned.rank - 1);
      } else {
        expect(e.result).toBe('Niet geplaatst: naar bemiddeling');
        expect(e.lines.length).toBeGreaterThan(0);
      }
      expect(e.summary).toContain(`Lotnummer in deze ronde: ${e.lottery}`);
      const amstel = e.lines.find((l: { schoolName: string }) => l.schoolName === 'Amstel Lyceum');
      if (amstel) {
        expect(amstel.outcome).toBe('LOTTERY');
        expect(amstel.text).toBe(
          `Amstel Lyceum havo 3 was vol; de laatste plaats ging naar lotnummer ${amstelCut} (voorrang: geen), deze leerling had lotnummer ${e.lottery}.`,
        );
        lost++;
      }
    }
    expect(lost).toBe(3);
    // Each read is in the pupil's audit trail (Daan's: twice).
    expect(
      await f.db.getRepository(AuditEntry).countBy({
        entityId: pupils[1].id,
        action: 'round.explanation',
      }),
    ).toBe(2);

    await http()
      .get(`/api/rounds/${round.id}/explanations/${pupils[0].id}`)
      .set(as('coordinator'))
      .expect(403);
    await http().get(`/api/rounds/${round.id}/pupils`).set(as('coordinator')).expect(403);
    const stranger = await f.request(season, schools.sending, []);
    await http()
      .get(`/api/rounds/${round.id}/explanations/${stranger.id}`)
      .set(as('admin'))
      .expect(404);
  });

  it('reports progress 5 → 30 → 70 → 100 while a round runs', async () => {
    const { season } = await market();
    const round = await f.db.getRepository(MatchingRound).save({
      regionId: region.id,
      seasonId: season.id,
      status: 'queued',
      dryRun: true,
      seed: 'progress',
      seedHash: 'x'.repeat(64),
    });
    const seen: [number, number][] = [];
    await worker.get(RoundsService).execute(round.id, async (pct) => {
      const [row] = await f.db.query(`select progress from matching_rounds where id = $1`, [
        round.id,
      ]);
      seen.push([pct, row.progress]);
    });
    // Each step is in the row (GET /rounds/:id) by the time the job reports it.
    expect(seen.map(([pct]) => pct)).toEqual([5, 30, 70, 100]);
    expect(seen.slice(0, 3).every(([pct, stored]) => pct === stored)).toBe(true);
    const done = await http().get(`/api/rounds/${round.id}`).set(as('admin')).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', progress: 100 });
  });

  it('priority rules: admins read and change them, validated and audited; the next round uses them', async () => {
    const before = await http()
      .get('/api/regions/current/priority-rules')
      .set(as('admin'))
      .expect(200);
    expect(before.body).toHaveProperty('reasons.verhuizing');
    await http().get('/api/regions/current/priority-rules').set(as('advisor')).expect(403);
    await http()
      .put('/api/regions/current/priority-rules')
      .set(as('coordinator'))
      .send({ reasons: { verhuizing: 1 } })
      .expect(403);

    const trail = () =>
      f.db.getRepository(AuditEntry).countBy({
        entity: 'region',
        entityId: region.id,
        action: 'update.priority-rules',
      });
    const entries = await trail();
    const bad = await setRules({ reasons: { verhuizing: 0 } }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('reasons.verhuizing');
    const bad2 = await setRules({ reasons: {}, sameBoard: 'ja' }).expect(400);
    expect(JSON.stringify(bad2.body)).toContain('sameBoard');
    await setRules({ reasons: { verhuizing: 1, naar: 2 } }).expect(400);
    expect(await trail()).toBe(entries);

    // One place; a mover and a pupil stepping down both want it.
    async function moverMarket() {
      const season = await f.season(region);
      const school = await f.school(region, { name: 'Plein College' });
      const sending = await f.school(region);
      await f.offer(season, school, 3, 'havo', 1);
      const mover = await f.request(season, sending, [school], { reason: 'verhuizing' });
      const other = await f.request(season, sending, [school], { reason: 'afstroom' });
      return { season, mover, other };
    }

    const on = await setRules({ reasons: { verhuizing: 1 }, sameBoard: null }).expect(200);
    expect(on.body).toEqual({
      reasons: { verhuizing: 1, afstroom: null, opstroom: null, anders: null },
      sameBoard: null,
      text: [
        'Voorrang klasse 1 (verhuizing)',
        'Zonder voorrang: daarna, in volgorde van lotnummer',
      ],
    });
    expect(await trail()).toBe(entries + 1);
    const m1 = await moverMarket();
    const r1 = await runRound(m1.season, true);
    const report1 = (await http().get(`/api/rounds/${r1.id}/report`).set(as('admin')).expect(200))
      .body;
    expect(report1.priorityRules).toEqual({ reasons: on.body.reasons, sameBoard: null });
    expect(report1.priorityRulesText).toEqual(on.body.text);
    expect(r1.report.priorityRules).toEqual({ reasons: { verhuizing: 1 } });
    expect(report1.schools[0].programs[0]).toMatchObject({
      cutoffPriority: 1,
      cutoffPriorityLabel: 'klasse 1 (verhuizing)',
    });
    const why1 = (
      await http()
        .get(`/api/rounds/${r1.id}/explanations/${m1.other.id}`)
        .set(as('admin'))
        .expect(200)
    ).body;
    expect(why1.lines[0].outcome).toBe('PRIORITY');
    expect(why1.lines[0].text).toContain('voorrang: klasse 1 (verhuizing)');
    expect(why1.result).toBe('Proefronde: Niet geplaatst (zou naar bemiddeling gaan)');

    // Without the class, the lottery alone decides: no one has priority in the next round.
    await setRules({ reasons: {} }).expect(200);
    const m2 = await moverMarket();
    const r2 = await runRound(m2.season, true);
    expect(r2.report.priorityRules).toEqual({ reasons: {} });
    const [{ input }] = await f.db.query(`select input from matching_rounds where id = $1`, [
      r2.id,
    ]);
    expect(input.pupils.every((p: { priorities?: unknown }) => !p.priorities)).toBe(true);
    const pupils2 = (await http().get(`/api/rounds/${r2.id}/pupils`).set(as('admin')).expect(200))
      .body.items;
    const loser = pupils2.find((p: { placed: boolean }) => !p.placed);
    const why2 = (
      await http()
        .get(`/api/rounds/${r2.id}/explanations/${loser.requestId}`)
        .set(as('admin'))
        .expect(200)
    ).body;
    expect(why2.lines[0].outcome).toBe('LOTTERY');
    expect(why2.lines[0].text).toContain('(voorrang: geen)');
    await setRules({ reasons: { verhuizing: 1 } }).expect(200);
  });

  it('shows the audit log with names, filters it and exports a period as CSV', async () => {
    const { user: actor } = await f.user(region, 'advisor', [], { name: 'Adviseur Aukje' });
    const at = (iso: string) => new Date(iso);
    const repo = f.db.getRepository(AuditEntry);
    const base = { regionId: region.id, userId: actor.id, role: 'advisor' as const };
    await repo.insert([
      {
        ...base,
        entity: 'transfer_request',
        entityId: 'x-feb',
        action: 'office.read',
        at: at('2020-02-29T22:59:00Z'),
      },
      {
        ...base,
        entity: 'transfer_request',
        entityId: 'x-mar1',
        action: 'office.read',
        at: at('2020-02-29T23:30:00Z'),
      },
      {
        ...base,
        entity: 'transfer_request',
        entityId: 'x-mar31',
        action: 'office.update',
        at: at('2020-03-31T21:00:00Z'),
      },
      {
        ...base,
        entity: 'transfer_request',
        entityId: 'x-apr',
        action: 'office.read',
        at: at('2020-03-31T22:30:00Z'),
      },
      {
        ...base,
        userId: null,
        role: null,
        entity: 'transfer_request',
        entityId: 'x-sys',
        action: 'office.system',
        at: at('2020-03-15T12:00:00Z'),
      },
    ]);

    const page = await http()
      .get(`/api/audit?userId=${actor.id}&action=office.&from=2020-03-01&to=2020-03-31`)
      .set(as('admin'))
      .expect(200);
    expect(page.body.total).toBe(2);
    expect(page.body.items[0]).toMatchObject({
      entityId: 'x-mar31',
      userName: 'Adviseur Aukje',
      role: 'advisor',
      roleLabel: 'onderwijsadviseur',
      action: 'office.update',
    });
    const system = await http().get('/api/audit?action=office.system').set(as('admin')).expect(200);
    expect(system.body.items[0]).toMatchObject({ userName: null, roleLabel: 'systeem' });

    const csv = await http()
      .get('/api/audit.csv?action=office&from=2020-03-01&to=2020-03-31')
      .set(as('admin'))
      .expect(200)
      .expect('content-type', /text\/csv/);
    const text = csv.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('tijdstip;gebruiker;rol;school;object;id;actie');
    expect(lines.slice(1)).toEqual([
      '2020-03-31 23:00:00;Adviseur Aukje;onderwijsadviseur;;transfer_request;x-mar31;office.update',
      '2020-03-15 13:00:00;systeem;systeem;;transfer_request;x-sys;office.system',
      '2020-03-01 00:30:00;Adviseur Aukje;onderwijsadviseur;;transfer_request;x-mar1;office.read',
    ]);
    expect(await repo.countBy({ regionId: region.id, entity: 'audit_log', action: 'export' })).toBe(
      1,
    );
    await http().get('/api/audit.csv').set(as('advisor')).expect(403);
    await http().get('/api/audit').set(as('coordinator')).expect(403);
    await http().get('/api/audit.csv?from=2020-02-30').set(as('admin')).expect(400);
  });

  it("a pupil's trail: requestId finds the form's, the case's and the proposals' entries", async () => {
    const season = await f.season(region);
    const r = await f.request(season, null, []);
    const [c] = await f.db.query(
      `insert into mediation_cases (region_id, season_id, request_id, origin) values ($1, $2, $3, 'manual') returning id`,
      [region.id, season.id, r.id],
    );
    await f.db.getRepository(AuditEntry).insert([
      { regionId: region.id, entity: 'transfer_request', entityId: r.id, action: 'trail.a' },
      { regionId: region.id, entity: 'mediation_case', entityId: c.id, action: 'trail.b' },
    ]);
    const res = await http()
      .get(`/api/audit?requestId=${r.id}&action=trail.`)
      .set(as('admin'))
      .expect(200);
    expect(res.body.items.map((i: { action: string }) => i.action).sort()).toEqual([
      'trail.a',
      'trail.b',
    ]);
  });

  it('resets a user’s password: the reset e-mail, sessions ended, audited', async () => {
    const target = await f.user(region, 'coordinator', [await f.school(region)]);
    await http()
      .get('/api/users/me')
      .set({ authorization: `Bearer ${target.token}` })
      .expect(200);
    await http().post(`/api/users/${target.user.id}/reset-password`).set(as('advisor')).expect(403);
    await http().post(`/api/users/${target.user.id}/reset-password`).set(as('foreign')).expect(404);
    expect(
      await f.db
        .getRepository(AuditEntry)
        .countBy({ entityId: target.user.id, action: 'reset-password' }),
    ).toBe(0);

    await http().post(`/api/users/${target.user.id}/reset-password`).set(as('admin')).expect(204);
    await http()
      .get('/api/users/me')
      .set({ authorization: `Bearer ${target.token}` })
      .expect(401);
    let mail: Record<string, unknown> | undefined;
    for (let i = 0; i < 200 && !mail; i++) {
      mail = readdirSync(MAIL_DIR)
        .filter((file) => file.endsWith('.json'))
        .map((file) => JSON.parse(readFileSync(path.join(MAIL_DIR, file), 'utf8')))
        .find((m) => JSON.stringify(m.to).includes(target.user.email));
      if (!mail) await new Promise((res) => setTimeout(res, 25));
    }
    expect(mail).toBeDefined();
    expect(String(mail?.text)).toMatch(/wachtwoord-herstellen\?token=/);
    const entries = await f.db
      .getRepository(AuditEntry)
      .findBy({ entityId: target.user.id, action: 'reset-password' });
    expect(entries).toHaveLength(1);
    expect(entries[0].role).toBe('admin');

    const off = await f.user(region, 'advisor', [], { disabled: true });
    await http().post(`/api/users/${off.user.id}/reset-password`).set(as('admin')).expect(409);
  });

  it('counts school days between two dates for the season editor (any role)', async () => {
    const res = await http()
      .get('/api/seasons/school-days?from=2027-06-18&to=2027-06-28')
      .set(as('coordinator'))
      .expect(200);
    // Mon 21 – Fri 25 June.
    expect(res.body).toEqual({ from: '2027-06-18', to: '2027-06-28', schoolDays: 5 });
    await http()
      .get('/api/seasons/school-days?from=2027-06-28&to=2027-06-18')
      .set(as('admin'))
      .expect(400);
    await http()
      .get('/api/seasons/school-days?from=2027-02-30&to=2027-03-01')
      .set(as('admin'))
      .expect(400);
  });

  it('shows the season over time: per day per status, the goal and the heat map', async () => {
    const season = await f.season(region, {
      entryOpens: '2020-01-06',
      entryCloses: '2020-01-07',
      roundDates: [],
      summerHolidayStart: '2020-01-09',
      endsOn: '2020-01-10',
    });
    const school = await f.school(region);
    await f.offer(season, school, 3, 'havo', 4);
    const day = (d: string) => new Date(`${d}T10:00:00Z`);
    const a = await f.request(season, null, [school], { submittedAt: day('2020-01-06') });
    const b = await f.request(season, null, [school], {
      status: 'placed',
      submittedAt: day('2020-01-06'),
      placedAt: day('2020-01-08'),
    });
    await f.request(season, null, [school], { status: 'draft', submittedAt: null });
    const [c] = await f.db.query(
      `insert into mediation_cases (region_id, season_id, request_id, origin, created_at)
       values ($1, $2, $3, 'manual', $4) returning id`,
      [region.id, season.id, a.id, day('2020-01-07')],
    );
    await f.db.query(`update transfer_requests set status = 'mediation' where id = $1`, [a.id]);
    expect(c.id).toBeDefined();
    expect(b.id).toBeDefined();

    const res = await http()
      .get(`/api/seasons/${season.id}/monitor/timeline`)
      .set(as('admin'))
      .expect(200);
    expect(res.body.from).toBe('2020-01-06');
    expect(res.body.to).toBe('2020-01-10');
    expect(
      res.body.days.map((d: Record<string, unknown>) => [
        d.date,
        d.submitted,
        d.mediation,
        d.placed,
      ]),
    ).toEqual([
      ['2020-01-06', 2, 0, 0],
      ['2020-01-07', 1, 1, 0],
      ['2020-01-08', 0, 1, 1],
      ['2020-01-09', 0, 1, 1],
      ['2020-01-10', 0, 1, 1],
    ]);
    expect(res.body.goal).toMatchObject({ by: '2020-01-09', placed: 2, stillToPlace: 1 });
    expect(res.body.gradeLevels).toEqual([
      { grade: 3, level: 'havo', freePlaces: 4, seeking: 1, balance: 3 },
    ]);
    await http().get(`/api/seasons/${season.id}/monitor/timeline`).set(as('foreign')).expect(404);
  });
});
