import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Offer } from '../src/offers/offer.entity';
import { MatchingRound } from '../src/rounds/round.entity';
import { RoundsService } from '../src/rounds/rounds.service';
import { School } from '../src/schools/school.entity';
import { Season } from '../src/seasons/season.entity';
import { User } from '../src/users/user.entity';
import { Factory } from './factories';
import { MediationFactory } from './factories/mediation';
import { ProposalFactory } from './factories/proposals';
import { nextSeasonYear } from './factories/sequence';

// E-mails of this spec (a reset link, notices) go to a directory of its own (read at start-up,
// hence the dynamic import of the app).
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-mail-access-'));
process.env.MAIL_DIR = MAIL_DIR;

/**
 * The callers of the matrix, in the order of its columns: an admin and an advisor of the region,
 * the coordinator of school A (whose objects the rows act on), the coordinator of school B
 * (another school of the region), an admin of another region, and no token.
 */
const WHO = ['admin', 'advisor', 'coordA', 'coordB', 'otherAdmin', 'none'] as const;
type Who = (typeof WHO)[number];
/** A status, or a status and the (Dutch) message of the answer. */
type Expected = number | [number, string];
interface Call {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  url: string;
  body?: object | string;
  type?: string;
}
interface Row {
  resource: string;
  action: string;
  /** The request; called once per caller, so a write that succeeds can get an object of its own. */
  call: (who: Who) => Call | Promise<Call>;
  /** The answer to each caller of WHO, in that order. */
  expect: [Expected, Expected, Expected, Expected, Expected, Expected];
}

const NOT_FOUND = {
  request: 'Aanvraag niet gevonden',
  proposal: 'Voorstel niet gevonden',
  case: 'Dossier niet gevonden',
  offer: 'Aanbod niet gevonden',
  round: 'Ronde niet gevonden',
  season: 'Seizoen niet gevonden',
  school: 'School niet gevonden',
  user: 'Gebruiker niet gevonden',
  notice: 'Bericht niet gevonden',
  day: 'Vrije dag niet gevonden',
};
const OWN_SCHOOL = 'Alleen voor uw eigen school / only for your own school';
const ROLE = 'Geen toegang / not allowed for your role';

/**
 * Who may reach what, as one matrix: every resource × action (read, list, create, update, act)
 * × caller (admin and advisor of the region, coordinator of the object's school and of another
 * school of the region, an admin of another region, no token). Another region's object is "not
 * found" (404: its existence is not revealed); a coordinator acting for another school is 403.
 */
describe('access control and validation', () => {
  let app: INestApplication;
  let f: Factory;
  let pf: ProposalFactory;
  let mf: MediationFactory;
  let schoolA: School;
  let schoolB: School;
  let schoolOther: School;
  let season: Season;
  /** The matrix's own season (the tests below it count the audit trail of `season`). */
  let seasonM: Season;
  const tok: Record<string, string> = {};
  /** Ids of the matrix's objects. */
  const t: Record<string, string> = {};
  let userA = '';
  let runningRound = '';
  let uniq = 0;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const { createTestApp } = await import('./app');
    app = await createTestApp();
    f = new Factory(app);
    pf = new ProposalFactory(f.db);
    mf = new MediationFactory(f);
    const region = await f.region();
    const other = await f.region();
    schoolA = await f.school(region, { board: `Bestuur A ${region.id.slice(0, 8)}` });
    schoolB = await f.school(region, { board: `Bestuur B ${region.id.slice(0, 8)}` });
    schoolOther = await f.school(other);
    season = await f.season(region);
    tok.admin = (await f.user(region, 'admin')).token;
    const advisor = await f.user(region, 'advisor');
    tok.advisor = advisor.token;
    t.advisor = advisor.user.id;
    const a = await f.user(region, 'coordinator', [schoolA]);
    tok.coordA = a.token;
    userA = a.user.id;
    tok.coordB = (await f.user(region, 'coordinator', [schoolB])).token;
    tok.otherAdmin = (await f.user(other, 'admin')).token;
    // Reset routes end the target's sessions: a user who never calls.
    t.victim = (await f.user(region, 'advisor')).user.id;

    // Round dates in the past: scheduling adds no round (and no job).
    seasonM = await f.season(region, { roundDates: ['2026-01-05'] });
    t.season = seasonM.id;
    const offerA = await f.offer(seasonM, schoolA, 3, 'havo', 20);
    const offerB = await f.offer(seasonM, schoolB, 3, 'havo', 20);
    t.offerA = offerA.id;
    t.offerB = offerB.id;
    // A pupil of school A, and a draft of school A.
    t.request = (await f.request(seasonM, schoolA, [schoolB])).id;
    t.draft = (await f.request(seasonM, schoolA, [schoolB], { status: 'draft' })).id;
    // Proposals to school A (the receiving school) of a pupil of school B: one open, one declined.
    const roundP = await pf.round(seasonM);
    t.roundP = roundP;
    t.proposal = (
      await pf.proposal(roundP, await f.request(seasonM, schoolB, [schoolA]), offerA)
    ).id;
    const declined = await pf.proposal(
      roundP,
      await f.request(seasonM, schoolB, [schoolA]),
      offerA,
    );
    await f.db.query(
      `update proposals set status = 'declined', decline_reason = 'niveau-past-niet', responded_at = now()
        where id = $1`,
      [declined.id],
    );
    t.declined = declined.id;
    // A pupil of school A in mediation.
    t.case = (await mf.pupil(seasonM, schoolA, [schoolB])).mcase.id;
    // The other region's own pupil in mediation (to place into this region's offer).
    const seasonO = await f.season(other);
    t.caseOther = (await mf.pupil(seasonO, schoolOther)).mcase.id;
    // A notice of the coordinator of school A.
    const [n]: { id: string }[] = await f.db.query(
      `insert into notifications (region_id, user_id, kind, subject) values ($1, $2, 'test', 'Test')
       returning id`,
      [region.id, userA],
    );
    t.notice = n.id;
    // A completed dry run with the pupil of school A (its input and output are real).
    const rounds = f.db.getRepository(MatchingRound);
    const dry = await rounds.save({
      regionId: region.id,
      seasonId: seasonM.id,
      status: 'queued',
      dryRun: true,
      mechanism: 'DA_STB_SIC',
      seed: 'ab'.repeat(16),
      seedHash: 'x',
    });
    await app.get(RoundsService).execute(dry.id);
    t.round = dry.id;
    // A round that runs: starting another is refused (409) once the access check has passed.
    runningRound = (
      await rounds.save({
        regionId: region.id,
        seasonId: seasonM.id,
        status: 'running',
        dryRun: true,
        mechanism: 'DA_STB_SIC',
        seed: 'cd'.repeat(16),
        seedHash: 'y',
      })
    ).id;
    t.brinA = schoolA.brin;
    t.boardA = schoolA.board;
  });
  afterAll(async () => {
    // Nothing for a later spec's worker to take up.
    await f.db.query(`update matching_rounds set status = 'cancelled' where id = $1`, [
      runningRound,
    ]);
    await app.close();
    rmSync(MAIL_DIR, { recursive: true, force: true });
  });

  const call = (method: 'get' | 'post' | 'patch', url: string, who?: string, body?: object) => {
    const r = http()[method](`/api${url}`);
    if (who) r.set('authorization', `Bearer ${tok[who]}`);
    return body ? r.send(body) : r;
  };
  const send = (c: Call, who?: string) => {
    const r = http()[c.method](`/api${c.url}`);
    if (who) r.set('authorization', `Bearer ${tok[who]}`);
    if (c.type) r.set('content-type', c.type);
    return c.body !== undefined ? r.send(c.body) : r;
  };

  // Objects of their own for the writes that succeed (each caller changes a fresh one).
  const fresh = {
    draft: async () => (await f.request(seasonM, schoolA, [schoolB], { status: 'draft' })).id,
    submitted: async () => (await f.request(seasonM, schoolA, [schoolB])).id,
    proposal: async () =>
      (
        await pf.proposal(
          t.roundP,
          await f.request(seasonM, schoolB, [schoolA]),
          await f.db.getRepository(Offer).findOneByOrFail({ id: t.offerA }),
        )
      ).id,
    case: async () => (await mf.pupil(seasonM, schoolA, [schoolB])).mcase.id,
    day: async () => {
      const [d]: { id: string }[] = await f.db.query(
        `insert into region_non_school_days (region_id, date, description)
         select region_id, $2::date, 'Test' from schools where id = $1 returning id`,
        [schoolA.id, new Date(Date.UTC(2031, 0, 1 + uniq++)).toISOString().slice(0, 10)],
      );
      return d.id;
    },
  };
  /** A different school day (a weekday from September 2032 on) each call. */
  let nextDay = Date.UTC(2032, 8, 1);
  const schoolDay = () => {
    let d: Date;
    do {
      d = new Date(nextDay);
      nextDay += 86_400_000;
    } while ([0, 6].includes(d.getUTCDay()));
    return d.toISOString().slice(0, 10);
  };
  const get = (url: string): Call => ({ method: 'get', url });
  const post = (url: string, body: object = {}): Call => ({ method: 'post', url, body });
  const patch = (url: string, body: object): Call => ({ method: 'patch', url, body });
  const put = (url: string, body: object): Call => ({ method: 'put', url, body });
  const S = () => `/seasons/${t.season}`;
  const seasonBody = () => {
    const y = nextSeasonYear();
    return {
      name: `${y}-${y + 1}`,
      entryOpens: `${y}-01-15`,
      entryCloses: `${y}-06-18`,
      roundDates: [`${y}-06-22`],
      responseSchoolDays: 5,
      summerHolidayStart: `${y}-07-10`,
      endsOn: `${y}-10-01`,
    };
  };
  const requestBody = () => ({
    seasonId: t.season,
    sendingSchoolId: schoolA.id,
    firstName: 'Nieuwe',
    lastName: 'Leerling',
    dateOfBirth: '2012-05-01',
    postcode: '1011 AB',
    currentGrade: 2,
    currentLevel: 'vwo',
    requestedGrade: 3,
    requestedLevel: 'havo',
    reason: 'afstroom',
  });

  // Before the matrix, which adds rows (a school, a user) to the other region.
  it('lists never hold another region’s rows', async () => {
    const schools = await call('get', '/schools?limit=200', 'otherAdmin').expect(200);
    expect(schools.body.items.map((s: School) => s.id)).toEqual([schoolOther.id]);
    const dir = await call('get', '/schools/directory', 'otherAdmin').expect(200);
    expect(dir.body.items.map((d: { schoolId: string }) => d.schoolId)).toEqual([schoolOther.id]);
    const users = await call('get', '/users?limit=200', 'otherAdmin').expect(200);
    expect(users.body.total).toBe(1);
    const audit = await call('get', '/audit?limit=200', 'otherAdmin').expect(200);
    expect(audit.body.items.every((a: AuditEntry) => a.regionId !== schoolA.regionId)).toBe(true);
  });

  // prettier-ignore
  const matrix: Row[] = [
    //                                                          admin, advisor, coordA, coordB, otherAdmin, none
    { resource: 'school', action: 'list', call: () => get('/schools'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'school', action: 'list directory', call: () => get('/schools/directory'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'school', action: 'read', call: () => get(`/schools/${schoolA.id}`), expect: [200, 200, 200, 200, [404, NOT_FOUND.school], 401] },
    { resource: 'school', action: 'create', call: () => post('/schools', { brin: `97ZZ${String(uniq++ % 100).padStart(2, '0')}`, name: 'Matrix School', board: 'Stichting', postcode: '1011 AB', levels: ['havo'] }), expect: [201, [403, ROLE], 403, 403, 201, 401] },
    { resource: 'school', action: 'update', call: () => patch(`/schools/${schoolA.id}`, { name: 'Nieuwe naam' }), expect: [200, 403, 403, 403, [404, NOT_FOUND.school], 401] },

    { resource: 'user', action: 'read own', call: () => get('/users/me'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'user', action: 'list', call: () => get('/users'), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'user', action: 'read', call: () => get(`/users/${userA}`), expect: [200, 403, 403, 403, [404, NOT_FOUND.user], 401] },
    { resource: 'user', action: 'create', call: () => post('/users', { email: `matrix-${Date.now()}-${uniq++}@example.test`, name: 'Matrix Adviseur', role: 'advisor', password: 'een lang wachtwoord' }), expect: [201, 403, 403, 403, 201, 401] },
    { resource: 'user', action: 'update', call: () => patch(`/users/${userA}`, { name: 'Andere naam' }), expect: [200, 403, 403, 403, [404, NOT_FOUND.user], 401] },
    { resource: 'user', action: 'reset password', call: () => post(`/users/${t.victim}/reset-password`), expect: [204, 403, 403, 403, [404, NOT_FOUND.user], 401] },
    { resource: 'user', action: 'reset second factor', call: () => post(`/users/${t.victim}/two-factor/reset`), expect: [204, 403, 403, 403, [404, NOT_FOUND.user], 401] },
    { resource: 'user', action: 'read own second factor', call: () => get('/auth/two-factor'), expect: [200, 200, 200, 200, 200, 401] },

    { resource: 'season', action: 'list', call: () => get('/seasons'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'season', action: 'list school days', call: () => get('/seasons/school-days?from=2027-02-01&to=2027-02-28'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'season', action: 'read', call: () => get(S()), expect: [200, 200, 200, 200, [404, NOT_FOUND.season], 401] },
    { resource: 'season', action: 'create', call: () => post('/seasons', seasonBody()), expect: [201, 403, 403, 403, 201, 401] },
    { resource: 'season', action: 'update', call: () => patch(S(), { responseSchoolDays: 5 }), expect: [200, 403, 403, 403, [404, NOT_FOUND.season], 401] },
    { resource: 'season', action: 'read monitor', call: () => get(`${S()}/monitor`), expect: [200, 200, 200, 200, [404, NOT_FOUND.season], 401] },
    { resource: 'season', action: 'read monitor timeline', call: () => get(`${S()}/monitor/timeline`), expect: [200, 200, 200, 200, 404, 401] },
    { resource: 'season', action: 'read monitor csv', call: () => get(`${S()}/monitor.csv?part=school`), expect: [200, 200, 200, 200, 404, 401] },
    { resource: 'season', action: 'read supply-demand', call: () => get(`${S()}/supply-demand`), expect: [200, 200, 200, 200, 404, 401] },
    { resource: 'season', action: 'read supply-demand csv', call: () => get(`${S()}/supply-demand.csv`), expect: [200, 200, 200, 200, 404, 401] },
    { resource: 'season', action: 'read placement table (board of school A)', call: () => get(`${S()}/placement-table?board=${encodeURIComponent(t.boardA)}`), expect: [200, 200, 200, [403, 'Alleen de plaatsingstafel van uw eigen bestuur'], 404, 401] },
    { resource: 'season', action: 'read placement table (unknown board)', call: () => get(`${S()}/placement-table?board=Geen`), expect: [[404, 'Bestuur niet gevonden in deze regio'], 404, 404, 404, 404, 401] },

    { resource: 'offer', action: 'list', call: () => get(`${S()}/offers`), expect: [200, 200, 200, 200, [404, NOT_FOUND.season], 401] },
    { resource: 'offer', action: 'list schools with places', call: () => get(`${S()}/schools-with-places?grade=3&level=havo`), expect: [200, 200, 200, 200, 404, 401] },
    { resource: 'offer', action: 'update (JSON)', call: () => put(`${S()}/offers`, { offers: [{ schoolId: schoolA.id, grade: 3, level: 'havo', capacity: 20 }] }), expect: [200, 403, 200, 403, 404, 401] },
    { resource: 'offer', action: 'update (CSV)', call: () => ({ method: 'post', url: `${S()}/offers/import`, type: 'text/csv', body: `brin;leerjaar;niveau;profiel;plaatsen\n${t.brinA};3;havo;;20\n` }), expect: [201, 403, 201, 400, 404, 401] },
    { resource: 'offer', action: 'read template', call: () => get(`${S()}/offers/template.csv`), expect: [200, 403, 200, 200, 404, 401] },
    { resource: 'offer', action: 'read template of school A', call: () => get(`${S()}/offers/template.csv?schoolId=${schoolA.id}`), expect: [200, 403, 200, [403, OWN_SCHOOL], 404, 401] },

    { resource: 'request', action: 'list', call: () => get('/transfer-requests'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'request', action: 'list summary', call: () => get('/transfer-requests/summary'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'request', action: 'list summary of school A', call: () => get(`/transfer-requests/summary?schoolId=${schoolA.id}`), expect: [200, 200, 200, [403, OWN_SCHOOL], 400, 401] },
    { resource: 'request', action: 'read', call: () => get(`/transfer-requests/${t.request}`), expect: [200, 200, 200, [404, NOT_FOUND.request], [404, NOT_FOUND.request], 401] },
    { resource: 'request', action: 'read history', call: () => get(`/transfer-requests/${t.request}/history`), expect: [200, 200, 200, [404, NOT_FOUND.request], 404, 401] },
    { resource: 'request', action: 'create', call: () => post('/transfer-requests', requestBody()), expect: [201, 201, 201, [403, OWN_SCHOOL], [404, NOT_FOUND.season], 401] },
    { resource: 'request', action: 'update', call: () => patch(`/transfer-requests/${t.draft}`, { justification: 'onderbouwing' }), expect: [200, 200, 200, [404, NOT_FOUND.request], 404, 401] },
    { resource: 'request', action: 'submit', call: async () => post(`/transfer-requests/${await fresh.draft()}/submit`), expect: [200, 200, 200, 404, 404, 401] },
    { resource: 'request', action: 'withdraw', call: async () => post(`/transfer-requests/${await fresh.submitted()}/withdraw`, { reason: 'Blijft' }), expect: [200, 200, 200, 404, 404, 401] },

    // The proposal is to school A (coordA receives the pupil); school B (coordB) sends the pupil.
    { resource: 'proposal', action: 'list', call: () => get('/proposals'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'proposal', action: 'read', call: () => get(`/proposals/${t.proposal}`), expect: [200, 200, 200, [404, NOT_FOUND.proposal], [404, NOT_FOUND.proposal], 401] },
    { resource: 'proposal', action: 'read declined', call: () => get(`/proposals/${t.declined}`), expect: [200, 200, [404, NOT_FOUND.proposal], 404, 404, 401] },
    { resource: 'proposal', action: 'accept', call: async () => post(`/proposals/${await fresh.proposal()}/accept`), expect: [200, 403, 200, [404, NOT_FOUND.proposal], 404, 401] },
    { resource: 'proposal', action: 'decline', call: async () => post(`/proposals/${await fresh.proposal()}/decline`, { reason: 'niveau-past-niet' }), expect: [200, 403, 200, 404, 404, 401] },

    { resource: 'mediation case', action: 'list', call: () => get('/mediation/cases'), expect: [200, 200, 403, 403, 200, 401] },
    { resource: 'mediation case', action: 'create (open)', call: async () => post('/mediation/cases', { requestId: await fresh.submitted() }), expect: [201, 201, 403, 403, [404, NOT_FOUND.request], 401] },
    { resource: 'mediation case', action: 'read', call: () => get(`/mediation/cases/${t.case}`), expect: [200, 200, 403, 403, [404, NOT_FOUND.case], 401] },
    { resource: 'mediation case', action: 'read suggestions', call: () => get(`/mediation/cases/${t.case}/suggestions`), expect: [200, 200, 403, 403, 404, 401] },
    { resource: 'mediation case', action: 'assign', call: () => post(`/mediation/cases/${t.case}/assign`, { userId: t.advisor }), expect: [200, 200, 403, 403, [404, NOT_FOUND.case], 401] },
    { resource: 'mediation case', action: 'add note', call: () => post(`/mediation/cases/${t.case}/notes`, { text: 'Gebeld' }), expect: [201, 201, 403, 403, 404, 401] },
    // Another region's admin places their own pupil into this region's offer.
    { resource: 'mediation case', action: 'place (into an offer of the region)', call: async (who) => post(`/mediation/cases/${who === 'otherAdmin' ? t.caseOther : await fresh.case()}/place`, { offerId: t.offerB }), expect: [200, 200, 403, 403, [404, NOT_FOUND.offer], 401] },
    { resource: 'mediation case', action: 'close', call: async () => post(`/mediation/cases/${await fresh.case()}/close`, { outcome: 'moved-out' }), expect: [200, 200, 403, 403, 404, 401] },

    { resource: 'round', action: 'create (start)', call: () => post(`${S()}/rounds`, { dryRun: true }), expect: [409, 403, 403, 403, [404, NOT_FOUND.season], 401] },
    { resource: 'round', action: 'create (schedule)', call: () => post(`${S()}/rounds/schedule`), expect: [200, 403, 403, 403, 404, 401] },
    { resource: 'round', action: 'list', call: () => get(`${S()}/rounds`), expect: [200, 200, 403, 403, 404, 401] },
    { resource: 'round', action: 'read', call: () => get(`/rounds/${t.round}`), expect: [200, 200, 403, 403, [404, NOT_FOUND.round], 401] },
    { resource: 'round', action: 'read results', call: () => get(`/rounds/${t.round}/results`), expect: [200, 200, 200, 200, [404, NOT_FOUND.round], 401] },
    { resource: 'round', action: 'read report', call: () => get(`/rounds/${t.round}/report`), expect: [200, 200, 403, 403, 404, 401] },
    { resource: 'round', action: 'read pupils', call: () => get(`/rounds/${t.round}/pupils`), expect: [200, 200, 403, 403, 404, 401] },
    { resource: 'round', action: 'read explanation', call: () => get(`/rounds/${t.round}/explanations/${t.request}`), expect: [200, 200, 403, 403, 404, 401] },
    { resource: 'round', action: 'replay', call: () => post(`/rounds/${t.round}/replay`), expect: [200, 403, 403, 403, 404, 401] },

    { resource: 'notice', action: 'list', call: () => get('/notifications'), expect: [200, 200, 200, 200, 200, 401] },
    // The notice is coordA's own.
    { resource: 'notice', action: 'update (read)', call: () => post(`/notifications/${t.notice}/read`), expect: [[404, NOT_FOUND.notice], 404, 200, 404, 404, 401] },

    { resource: 'region', action: 'read settings', call: () => get('/regions/current/settings'), expect: [200, 200, 200, 200, 200, 401] },
    { resource: 'region', action: 'update settings', call: () => put('/regions/current/settings', { recommendedPreferences: 5 }), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'region', action: 'read priority rules', call: () => get('/regions/current/priority-rules'), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'region', action: 'update priority rules', call: () => put('/regions/current/priority-rules', { reasons: { verhuizing: 1, afstroom: null, opstroom: null, anders: null }, sameBoard: null }), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'region', action: 'list non-school days', call: () => get('/regions/current/non-school-days'), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'region', action: 'create non-school day', call: () => post('/regions/current/non-school-days', { date: schoolDay() }), expect: [201, 403, 403, 403, 201, 401] },
    { resource: 'region', action: 'delete non-school day', call: async () => ({ method: 'delete', url: `/regions/current/non-school-days/${await fresh.day()}` }), expect: [204, 403, 403, 403, [404, NOT_FOUND.day], 401] },

    { resource: 'audit', action: 'list', call: () => get('/audit'), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'audit', action: 'list csv', call: () => get('/audit.csv'), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'retention', action: 'read preview', call: () => get('/retention/preview'), expect: [200, 403, 403, 403, 200, 401] },
    { resource: 'system', action: 'act (ping job)', call: () => post('/system/ping'), expect: [202, 403, 403, 403, 202, 401] },
    { resource: 'system', action: 'read queues', call: () => get('/system/queues'), expect: [200, 403, 403, 403, 200, 401] },
  ];

  describe.each(matrix)('$resource: $action', ({ call: make, expect: expected }) => {
    it.each(WHO.map((who, i) => [who, expected[i]] as const))('as %s → %j', async (who, e) => {
      const [status, message] = typeof e === 'number' ? [e, undefined] : e;
      const res = await send(await make(who), who === 'none' ? undefined : who);
      expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({
        status,
        body: 'ok',
      });
      if (message) expect(res.body.message).toBe(message);
    });
  });

  it('the directory names each school’s coordinators', async () => {
    const dir = await call('get', '/schools/directory', 'advisor').expect(200);
    const a = dir.body.items.find((d: { schoolId: string }) => d.schoolId === schoolA.id);
    expect(a.coordinators).toEqual([
      { name: expect.any(String), email: expect.stringContaining('@') },
    ]);
  });

  it('bad input gives 400 with a message per field and writes nothing', async () => {
    const before = await f.db.getRepository(School).count();
    const res = await call('post', '/schools', 'admin', {
      brin: '12ab00',
      name: 'X',
      board: 'Stichting',
      postcode: '1011AB',
      levels: ['havo', 'mbo'],
      extra: true,
    }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['brin', 'extra', 'levels', 'name']);
    await call('post', '/schools', 'admin', { brin: 42 }).expect(400);
    await http()
      .post('/api/schools')
      .set('authorization', `Bearer ${tok.admin}`)
      .set('content-type', 'application/json')
      .send('{"brin": "12AB00",')
      .expect(400);
    await call('get', '/schools?page=0', 'admin').expect(400);
    // A NUL character cannot be stored in PostgreSQL text (it was a 500), in a body or a query.
    const nul = await call('post', '/schools', 'admin', {
      brin: '98ZZ01',
      name: 'School\u0000',
      board: 'Stichting',
      postcode: '1011 AB',
      levels: ['havo'],
    }).expect(400);
    expect(nul.body.errors).toEqual([
      { field: 'name', code: expect.any(String), message: expect.stringMatching(/NUL/) },
    ]);
    await call('get', '/schools?q=%00', 'admin').expect(400);
    await call('post', '/users', 'admin', {
      email: 'nieuw@example.test',
      name: 'Nieuw',
      role: 'coordinator',
      password: 'een lang wachtwoord',
      schoolIds: null,
    }).expect(400);
    await call('get', '/schools/not-a-uuid', 'admin').expect(400);
    expect(await f.db.getRepository(School).count()).toBe(before);
  });

  it('null for a field a patch cannot clear is a 400 (it was a 500) and writes nothing', async () => {
    const rows = async () => ({
      school: await f.db.getRepository(School).findOneByOrFail({ id: schoolA.id }),
      user: await f.db.getRepository(User).findOneByOrFail({ id: userA }),
      season: await f.db.getRepository(Season).findOneByOrFail({ id: season.id }),
    });
    const before = await rows();
    const patches: [string, object][] = [
      [`/schools/${schoolA.id}`, { brin: null }],
      [`/schools/${schoolA.id}`, { name: null }],
      [`/users/${userA}`, { disabled: null }],
      [`/users/${userA}`, { name: null }],
      [`/seasons/${season.id}`, { name: null }],
      [`/seasons/${season.id}`, { roundDates: null }],
    ];
    for (const [url, body] of patches) {
      const res = await call('patch', url, 'admin', body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(body));
    }
    expect(await rows()).toEqual(before);
    // The calendar as a whole: entry closes before the summer holiday; dates are dates.
    await call('patch', `/seasons/${season.id}`, 'admin', {
      summerHolidayStart: before.season.entryCloses,
    }).expect(400);
    await call('patch', `/seasons/${season.id}`, 'admin', {
      entryOpens: `${before.season.entryOpens}T23:30:00-05:00`,
    }).expect(400);
    expect(await rows()).toEqual(before);
  });

  it('the school search takes % and _ literally', async () => {
    const all = await call('get', '/schools?limit=200', 'admin').expect(200);
    expect(all.body.total).toBeGreaterThan(0);
    const wild = await call('get', '/schools?q=_%25', 'admin').expect(200);
    expect(wild.body.total).toBe(0);
    const { name } = await f.db.getRepository(School).findOneByOrFail({ id: schoolA.id });
    const byName = await call('get', `/schools?q=${encodeURIComponent(name)}`, 'admin');
    expect(byName.body.items.map((s: { id: string }) => s.id)).toContain(schoolA.id);
  });

  it('an admin creates a school; a duplicate BRIN in the region is 409', async () => {
    const body = {
      brin: '99ZZ01',
      name: 'Nieuwe School',
      board: 'Stichting',
      postcode: '1011 AB',
      levels: ['havo'],
    };
    await call('post', '/schools', 'admin', body).expect(201);
    await call('post', '/schools', 'admin', body).expect(409);
    await call('post', '/schools', 'otherAdmin', body).expect(201);
  });

  it('puts changes to users, schools and seasons in the audit log (which, not the values)', async () => {
    const created = await call('post', '/users', 'admin', {
      email: `trail-${Date.now()}@school.test`,
      name: 'Nieuwe Coördinator',
      role: 'coordinator',
      password: 'een-lang-wachtwoord-1',
      schoolIds: [schoolA.id],
    }).expect(201);
    const id = created.body.id;
    await call('patch', `/users/${id}`, 'admin', { name: 'Andere Naam' }).expect(200);
    await call('patch', `/users/${id}`, 'admin', { schoolIds: [schoolB.id] }).expect(200);
    await call('patch', `/users/${id}`, 'admin', { schoolIds: [schoolB.id] }).expect(200);
    await call('patch', `/users/${id}`, 'admin', { password: 'nog-een-lang-wachtwoord-2' }).expect(
      200,
    );
    const trail = async (entity: string, entityId: string) =>
      (
        await call('get', `/audit?entity=${entity}&entityId=${entityId}`, 'admin').expect(200)
      ).body.items
        .map((e: { action: string }) => e.action)
        .reverse();
    // The second, unchanged school list is no access change.
    expect(await trail('user', id)).toEqual([
      'create',
      'update',
      'update.access',
      'update.password',
    ]);
    await call('patch', `/schools/${schoolB.id}`, 'admin', { name: 'Hernoemde School' }).expect(
      200,
    );
    expect(await trail('school', schoolB.id)).toEqual(['update']);
    await call('patch', `/seasons/${season.id}`, 'admin', { responseSchoolDays: 4 }).expect(200);
    expect(await trail('season', season.id)).toEqual(['update']);
    // Refused changes leave no entry.
    await call('patch', `/seasons/${season.id}`, 'admin', { responseSchoolDays: -1 }).expect(400);
    await call('patch', `/users/${id}`, 'coordA', { name: 'x' }).expect(403);
    expect(await trail('season', season.id)).toEqual(['update']);
    expect(await trail('user', id)).toHaveLength(4);
  });

  it('the audit log is filterable and paginated', async () => {
    const res = await call(
      'get',
      '/audit?entity=session&action=login.succeeded&limit=1',
      'admin',
    ).expect(200);
    expect(res.body).toEqual({
      items: expect.any(Array),
      total: expect.any(Number),
      page: 1,
      limit: 1,
    });
    expect(res.body.items.length).toBeLessThanOrEqual(1);
    // A date that does not exist was passed on to PostgreSQL (a 500).
    await call('get', '/audit?from=2027-02-30', 'admin').expect(400);
    await call('get', '/audit?from=2027-02-28&to=2027-03-01', 'admin').expect(200);
  });
});
