import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { SchoolCalendar } from '../src/calendar';
import { JobsService } from '../src/jobs/jobs.service';
import { QueueName } from '../src/jobs/jobs.types';
import { Proposal } from '../src/proposals/proposal.entity';
import { Region } from '../src/regions/region.entity';
import { amsterdamInstant } from '../src/seasons/amsterdam-time';
import { todayIso } from '../src/seasons/calendar';
import { createTestApp, createTestWorker } from './app';
import { Factory } from './factories';

/**
 * School days are not weekdays: every count and deadline skips the public holidays, the school
 * holidays of the region's holiday region and the region's own days without school.
 */
describe('school days', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  let region: Region;
  let zuid: Region;
  const t: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${t[who]}` });
  const schoolDays = async (who: string, from: string, to: string) =>
    (await http().get(`/api/seasons/school-days?from=${from}&to=${to}`).set(as(who)).expect(200))
      .body.schoolDays as number;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
    region = await f.region();
    t.admin = (await f.user(region, 'admin')).token;
    const school = await f.school(region);
    t.coordinator = (await f.user(region, 'coordinator', [school])).token;
    zuid = await f.region();
    await f.db.query(`update regions set holiday_region = 'zuid' where id = $1`, [zuid.id]);
    t.zuid = (await f.user(zuid, 'admin')).token;
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  it('counts no holidays: from 6 December 2026 to the summer holiday are 131 school days, not 155', async () => {
    expect(await schoolDays('coordinator', '2026-12-06', '2027-07-10')).toBe(131);
    // Over the kerstvakantie (19 December – 3 January, everywhere) and Nieuwjaar: nothing.
    expect(await schoolDays('coordinator', '2026-12-18', '2027-01-04')).toBe(0);
    // Wednesday 24 – Wednesday 31 March 2027: Goede Vrijdag and Tweede Paasdag are off.
    expect(await schoolDays('coordinator', '2027-03-24', '2027-03-31')).toBe(2);
    // Hemelvaart (6 May 2027) and Tweede Pinksterdag (17 May 2027).
    expect(await schoolDays('coordinator', '2027-05-03', '2027-05-08')).toBe(3); // Tue, Wed, Fri
    expect(await schoolDays('coordinator', '2027-05-16', '2027-05-22')).toBe(4);
  });

  it("follows the region's holiday region", async () => {
    // Noord's summer holiday 2027 starts 10 July, zuid's 24 July.
    expect(await schoolDays('admin', '2027-07-09', '2027-07-24')).toBe(0);
    expect(await schoolDays('zuid', '2027-07-09', '2027-07-24')).toBe(10);
    // Zuid's voorjaarsvakantie 2027 is a week earlier than noord's.
    expect(await schoolDays('admin', '2027-02-12', '2027-02-20')).toBe(5);
    expect(await schoolDays('zuid', '2027-02-12', '2027-02-20')).toBe(0);
  });

  it("defaults a new season's summer holiday from the region's holiday region", async () => {
    const body = {
      name: '2027-2028',
      entryOpens: '2027-01-15',
      entryCloses: '2027-06-18',
      roundDates: ['2027-06-21'],
      responseSchoolDays: 5,
      endsOn: '2027-10-01',
    };
    const noord = await http().post('/api/seasons').set(as('admin')).send(body).expect(201);
    expect(noord.body.summerHolidayStart).toBe('2027-07-10');
    const z = await http().post('/api/seasons').set(as('zuid')).send(body).expect(201);
    expect(z.body.summerHolidayStart).toBe('2027-07-24');
    // Given, it stays as given.
    const own = await http()
      .post('/api/seasons')
      .set(as('admin'))
      .send({ ...body, name: '2028-2029', summerHolidayStart: '2027-07-09' })
      .expect(201);
    expect(own.body.summerHolidayStart).toBe('2027-07-09');
    // A year without published dates: say so, in Dutch, on the field.
    const unknown = await http()
      .post('/api/seasons')
      .set(as('admin'))
      .send({
        ...body,
        name: '2031-2032',
        entryOpens: '2031-01-15',
        entryCloses: '2031-06-18',
        roundDates: [],
        endsOn: '2031-10-01',
      })
      .expect(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'summerHolidayStart' });
    expect(unknown.body.message).toMatch(/zomervakantie 2031 van regio noord is nog niet bekend/);
  });

  it("lets an admin add the region's own days without school, which every count skips", async () => {
    const list0 = await http()
      .get('/api/regions/current/non-school-days')
      .set(as('admin'))
      .expect(200);
    expect(list0.body).toEqual({ holidayRegion: 'noord', items: [] });
    expect(await schoolDays('admin', '2027-06-20', '2027-06-26')).toBe(5);

    const added = await http()
      .post('/api/regions/current/non-school-days')
      .set(as('admin'))
      .send({ date: '2027-06-23', description: 'studiedag docenten' })
      .expect(201);
    expect(added.body).toMatchObject({ date: '2027-06-23', description: 'studiedag docenten' });
    expect(await schoolDays('admin', '2027-06-20', '2027-06-26')).toBe(4);
    // Only in this region.
    expect(await schoolDays('zuid', '2027-06-20', '2027-06-26')).toBe(5);
    const audit = await f.db
      .getRepository(AuditEntry)
      .findOneBy({ entity: 'region_non_school_day', entityId: added.body.id, action: 'create' });
    expect(audit?.regionId).toBe(region.id);

    const list = await http()
      .get('/api/regions/current/non-school-days')
      .set(as('admin'))
      .expect(200);
    expect(list.body.items).toEqual([added.body]);

    // Refused: twice, a day that has no school anyway, not a date, not an admin. Nothing written.
    const twice = await http()
      .post('/api/regions/current/non-school-days')
      .set(as('admin'))
      .send({ date: '2027-06-23' })
      .expect(409);
    expect(twice.body.message).toMatch(/staat al/);
    const holiday = await http()
      .post('/api/regions/current/non-school-days')
      .set(as('admin'))
      .send({ date: '2026-12-21' })
      .expect(400);
    expect(holiday.body.errors).toEqual([
      {
        field: 'date',
        code: 'notSchoolDay',
        message: 'date: 2026-12-21 is al geen schooldag (kerstvakantie)',
      },
    ]);
    const bad = await http()
      .post('/api/regions/current/non-school-days')
      .set(as('admin'))
      .send({ date: '2027-02-30' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('date');
    await http()
      .post('/api/regions/current/non-school-days')
      .set(as('coordinator'))
      .send({ date: '2027-06-24' })
      .expect(403);
    await http()
      .delete(`/api/regions/current/non-school-days/${added.body.id}`)
      .set(as('zuid'))
      .expect(404);
    const count = await f.db.query(
      `select count(*)::int as n from region_non_school_days where region_id = $1`,
      [region.id],
    );
    expect(count[0].n).toBe(1);

    await http()
      .delete(`/api/regions/current/non-school-days/${added.body.id}`)
      .set(as('admin'))
      .expect(204);
    expect(await schoolDays('admin', '2027-06-20', '2027-06-26')).toBe(5);
    expect(
      await f.db.getRepository(AuditEntry).countBy({
        entity: 'region_non_school_day',
        entityId: added.body.id,
        action: 'delete',
      }),
    ).toBe(1);
  });

  it('counts the days to the summer holiday in the region calendar (start page, monitor)', async () => {
    const season = await f.season(region, {
      summerHolidayStart: '2099-07-10',
      endsOn: '2099-10-01',
    });
    const before = await http().get(`/api/seasons/${season.id}`).set(as('admin')).expect(200);
    const cal = new SchoolCalendar('noord');
    expect(before.body.schoolDaysToSummer).toBe(cal.schoolDaysBetween(todayIso(), '2099-07-10'));
    // A study day on the next school day: one fewer.
    const day = cal.addSchoolDays(todayIso(), 1);
    const added = await http()
      .post('/api/regions/current/non-school-days')
      .set(as('admin'))
      .send({ date: day })
      .expect(201);
    const after = await http().get(`/api/seasons/${season.id}`).set(as('admin')).expect(200);
    expect(after.body.schoolDaysToSummer).toBe(before.body.schoolDaysToSummer - 1);
    const monitor = await http()
      .get(`/api/seasons/${season.id}/monitor/timeline`)
      .set(as('admin'))
      .expect(200);
    expect(monitor.body.goal.schoolDaysLeft).toBe(after.body.schoolDaysToSummer);
    await http()
      .delete(`/api/regions/current/non-school-days/${added.body.id}`)
      .set(as('admin'))
      .expect(204);
  });

  it('never sets an answer deadline or a reminder on a day without school', async () => {
    // Study days on the 2nd school day from today: the window of 2 school days ends on the 3rd,
    // and the reminder goes out on the 1st (the school day before the last one).
    const cal = new SchoolCalendar('noord');
    const today = todayIso();
    const [d1, d2, d3] = [1, 2, 3].map((n) => cal.addSchoolDays(today, n));
    const study = await http()
      .post('/api/regions/current/non-school-days')
      .set(as('admin'))
      .send({ date: d2 })
      .expect(201);
    const season = await f.season(region, { responseSchoolDays: 2 });
    const a = await f.school(region);
    const sending = await f.school(region);
    await f.offer(season, a, 3, 'havo', 1);
    await f.request(season, sending, [a]);
    const start = await http()
      .post(`/api/seasons/${season.id}/rounds`)
      .set(as('admin'))
      .send({})
      .expect(201);
    let done: { status: string } = start.body;
    for (let i = 0; i < 200 && !['completed', 'failed'].includes(done.status); i++) {
      await new Promise((res) => setTimeout(res, 50));
      done = (await http().get(`/api/rounds/${start.body.id}`).set(as('admin'))).body;
    }
    expect(done.status).toBe('completed');
    const proposals = await f.db.getRepository(Proposal).findBy({ roundId: start.body.id });
    expect(proposals.map((p) => p.respondBy)).toEqual([d3]);

    const queue = app.get(JobsService).queue(QueueName.Rounds);
    let reminder = await queue.getJob(`reminder-${start.body.id}`);
    for (let i = 0; i < 100 && !reminder; i++) {
      await new Promise((res) => setTimeout(res, 50));
      reminder = await queue.getJob(`reminder-${start.body.id}`);
    }
    const remindAt = (reminder?.timestamp ?? 0) + (reminder?.opts.delay ?? 0);
    expect(Math.abs(remindAt - amsterdamInstant(d1, '09:00').getTime())).toBeLessThan(60_000);
    await http()
      .delete(`/api/regions/current/non-school-days/${study.body.id}`)
      .set(as('admin'))
      .expect(204);
  });
});
