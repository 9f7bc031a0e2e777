import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Region } from '../src/regions/region.entity';
import { Factory } from './factories';
import { clearLimiter } from './limiter';
import { logInEnrolling } from './totp';

// This spec's e-mails go to a directory of its own (read at start-up, hence the dynamic import).
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-mail-regions-'));
process.env.MAIL_DIR = MAIL_DIR;

const ADMIN_PASSWORD = 'een eigen wachtwoord 2027';

/** The token of the newest set-a-password link e-mailed to this address. */
async function linkToken(email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mails = readdirSync(MAIL_DIR)
      .filter((f) => f.endsWith('.json')) // not a message still being written (.json.tmp)
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(MAIL_DIR, f), 'utf8')))
      .filter((m) => JSON.stringify(m.to).includes(email));
    const text = mails.length ? String(mails[mails.length - 1].text) : '';
    const m = text.match(/\/wachtwoord-herstellen\?token=([A-Za-z0-9_-]+)/);
    if (m) return m[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no link e-mailed to ${email}`);
}

interface Side {
  region: Region;
  admin: string;
  advisor: string;
  coordinator: string;
  seasonId: string;
  roundId: string;
  /** every id of this region's rows: none may show up in the other region's answers */
  ids: string[];
  schoolNames: string[];
  /** the BRIN codes of its schools (random, so only used to recognise this region's own rows) */
  brins: string[];
}

describe('two regions side by side', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  const http = () => request(app.getHttpServer());
  const sides: Side[] = [];

  beforeAll(async () => {
    await clearLimiter();
    const { createTestApp, createTestWorker } = await import('./app');
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
    rmSync(MAIL_DIR, { recursive: true, force: true });
  });

  /**
   * A region made by `npm run region:create`, its admin in through the e-mailed link and, at the
   * first log-in, the enrolment of a second factor (admins must have one).
   */
  async function makeRegion(name: string, holidayRegion: string, adminEmail: string) {
    const { createRegion } = await import('../scripts/region-create');
    const created = await createRegion(app, { name, holidayRegion, adminEmail });
    const region = await f.db.getRepository(Region).findOneByOrFail({ id: created.regionId });
    expect(region).toMatchObject({ name, holidayRegion });
    await http()
      .post('/api/auth/password/reset')
      .send({ token: await linkToken(adminEmail), password: ADMIN_PASSWORD })
      .expect(204);
    const login = await logInEnrolling(http, adminEmail, ADMIN_PASSWORD);
    return { region, adminId: created.adminId, admin: login.accessToken };
  }

  async function waitDone(roundId: string, token: string) {
    for (let i = 0; i < 400; i++) {
      const r = await http()
        .get(`/api/rounds/${roundId}`)
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      if (['completed', 'failed'].includes(r.body.status)) return r.body;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('round did not finish');
  }

  it('region:create makes a region with its holiday region and an admin who sets a password', async () => {
    const made = [
      await makeRegion('Regio Een', 'noord', `beheer-een-${Date.now()}@example.test`),
      await makeRegion('Regio Twee', 'zuid', `beheer-twee-${Date.now()}@example.test`),
    ];
    // A name or e-mail address already used changes nothing.
    const { createRegion } = await import('../scripts/region-create');
    const before = await f.db.getRepository(Region).count();
    await expect(
      createRegion(app, {
        name: 'Regio Een',
        holidayRegion: 'noord',
        adminEmail: 'x@example.test',
      }),
    ).rejects.toThrow(/al een regio/);
    await expect(
      createRegion(app, {
        name: 'Regio Drie',
        holidayRegion: 'oost',
        adminEmail: 'y@example.test',
      }),
    ).rejects.toThrow(/holiday-region/);
    expect(await f.db.getRepository(Region).count()).toBe(before);

    for (const { region, adminId, admin } of made) {
      const season = await f.season(region);
      const a = await f.school(region, { board: `Bestuur ${region.name}` });
      const b = await f.school(region, { board: `Bestuur ${region.name}` });
      const sending = await f.school(region, { board: `Bestuur ${region.name}` });
      const offers = [
        await f.offer(season, a, 3, 'havo', 1),
        await f.offer(season, b, 3, 'havo', 1),
      ];
      const pupils = [];
      for (let i = 0; i < 3; i++) pupils.push(await f.request(season, sending, [a, b]));
      const coordinator = await f.user(region, 'coordinator', [sending]);
      const receiving = await f.user(region, 'coordinator', [a]);
      const advisor = await f.user(region, 'advisor');
      const start = await http()
        .post(`/api/seasons/${season.id}/rounds`)
        .set('authorization', `Bearer ${admin}`)
        .send({})
        .expect(201);
      const done = await waitDone(start.body.id, admin);
      expect(done.status).toBe('completed');
      expect(done.report).toMatchObject({ pupils: 3, placed: 2 });
      sides.push({
        region,
        admin,
        advisor: advisor.token,
        coordinator: receiving.token,
        seasonId: season.id,
        roundId: start.body.id,
        ids: [
          region.id,
          adminId,
          season.id,
          start.body.id,
          ...[a, b, sending].map((s) => s.id),
          ...offers.map((o) => o.id),
          ...pupils.map((p) => p.id),
          ...[coordinator, receiving, advisor].map((u) => u.user.id),
        ],
        schoolNames: [a, b, sending].map((s) => s.name),
        brins: [a, b, sending].map((s) => s.brin),
      });
    }
  });

  it('no list, board, round, report, monitor, notification or audit entry of one region shows the other', async () => {
    expect(sides).toHaveLength(2);
    for (const [mine, other] of [
      [sides[0], sides[1]],
      [sides[1], sides[0]],
    ]) {
      const s = mine.seasonId;
      const r = mine.roundId;
      const reads: [string, string][] = [
        ['admin', '/api/schools?limit=200'],
        ['admin', '/api/schools/directory?limit=200'],
        ['admin', '/api/users?limit=200'],
        ['admin', '/api/seasons?limit=200'],
        ['admin', `/api/seasons/${s}/offers?limit=200`],
        ['admin', `/api/seasons/${s}/supply-demand`],
        ['admin', `/api/seasons/${s}/supply-demand.csv?part=school`],
        ['admin', `/api/seasons/${s}/schools-with-places?grade=3&level=havo`],
        ['admin', '/api/transfer-requests?limit=200'],
        ['admin', '/api/transfer-requests/summary'],
        ['admin', `/api/seasons/${s}/rounds`],
        ['admin', `/api/rounds/${r}`],
        ['admin', `/api/rounds/${r}/results?limit=200`],
        ['admin', `/api/rounds/${r}/report`],
        ['admin', `/api/rounds/${r}/pupils?limit=200`],
        ['admin', `/api/seasons/${s}/monitor`],
        ['admin', `/api/seasons/${s}/monitor/timeline`],
        ['admin', `/api/seasons/${s}/monitor.csv?part=school`],
        ['admin', '/api/mediation/cases?limit=200'],
        [
          'admin',
          `/api/seasons/${s}/placement-table?board=${encodeURIComponent(`Bestuur ${mine.region.name}`)}`,
        ],
        ['admin', '/api/audit?limit=200'],
        ['admin', '/api/audit.csv'],
        ['admin', '/api/notifications?limit=200'],
        ['advisor', '/api/mediation/cases?limit=200'],
        ['advisor', '/api/notifications?limit=200'],
        ['coordinator', '/api/proposals?limit=200'],
        ['coordinator', '/api/notifications?limit=200'],
        ['coordinator', '/api/schools/directory?limit=200'],
        ['coordinator', `/api/seasons/${s}/supply-demand`],
      ];
      for (const [who, url] of reads) {
        const res = await http()
          .get(url)
          .set('authorization', `Bearer ${mine[who as 'admin']}`);
        expect([url, res.status]).toEqual([url, 200]);
        const body = res.text;
        const leaked = [...other.ids, ...other.schoolNames].filter((id) => body.includes(id));
        expect([url, leaked]).toEqual([url, []]);
        // …while it does show this region's own rows (the check above is not about empty lists).
        if (!/notifications|summary|timeline/.test(url)) {
          const own = [...mine.ids, ...mine.schoolNames, ...mine.brins].filter((id) =>
            body.includes(id),
          );
          expect([url, own.length > 0]).toEqual([url, true]);
        }
      }
      // The other region's season, round and pupils are not found, as if they did not exist.
      const foreign: string[] = [
        `/api/seasons/${other.seasonId}`,
        `/api/seasons/${other.seasonId}/monitor`,
        `/api/seasons/${other.seasonId}/supply-demand`,
        `/api/seasons/${other.seasonId}/rounds`,
        `/api/rounds/${other.roundId}`,
        `/api/rounds/${other.roundId}/report`,
      ];
      for (const url of foreign) {
        const res = await http().get(url).set('authorization', `Bearer ${mine.admin}`);
        expect([url, res.status]).toEqual([url, 404]);
      }
    }
  });
});
