import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { NotificationEmailer } from '../src/notifications/notification-emailer';
import { Notification } from '../src/notifications/notification.entity';
import { NotificationsService } from '../src/notifications/notifications.service';
import { Region } from '../src/regions/region.entity';
import { Factory } from './factories';
import { ProposalFactory } from './factories/proposals';

// This spec's e-mails go to a directory of its own (read at start-up, hence the dynamic import).
const MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'overstap-mail-'));
process.env.MAIL_DIR = MAIL_DIR;

describe('notifications', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let f: Factory;
  let region: Region;
  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const { createTestApp, createTestWorker } = await import('./app');
    app = await createTestApp();
    worker = await createTestWorker();
    f = new Factory(app);
    region = await f.region();
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    rmSync(MAIL_DIR, { recursive: true, force: true });
  });

  const notice = (userId: string, n: number) =>
    app.get(NotificationsService).notify({
      regionId: region.id,
      userIds: [userId],
      kind: 'round.completed',
      subject: `Bericht ${n}`,
      path: `/rondes/${n}`,
      dedupeKey: `test:${userId}:${n}`,
    });

  /** The JSON file the worker wrote for this notice, once it is there. */
  async function mailFor(notificationId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const file = readdirSync(MAIL_DIR).find((name) => name.endsWith(`-${notificationId}.json`));
      if (file) return JSON.parse(readFileSync(path.join(MAIL_DIR, file), 'utf8'));
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`no e-mail written for ${notificationId}`);
  }

  it('lists one’s own notices, unread first then newest; marks them read', async () => {
    const me = await f.user(region, 'advisor');
    const other = await f.user(region, 'advisor');
    const [n1] = await notice(me.user.id, 1);
    const [n2] = await notice(me.user.id, 2);
    const [n3] = await notice(me.user.id, 3);
    const [theirs] = await notice(other.user.id, 4);

    const first = await http().get('/api/notifications').set(bearer(me.token)).expect(200);
    expect(first.body).toMatchObject({ total: 3, unread: 3, page: 1, limit: 50 });
    expect(first.body.items.map((n: { id: string }) => n.id)).toEqual([n3, n2, n1]);
    expect(first.body.items[0]).toMatchObject({
      kind: 'round.completed',
      subject: 'Bericht 3',
      link: 'http://localhost:3000/rondes/3',
      readAt: null,
    });

    const read = await http()
      .post(`/api/notifications/${n3}/read`)
      .set(bearer(me.token))
      .expect(200);
    expect(read.body.readAt).toBeTruthy();
    // Again: still read, the first time kept.
    const again = await http()
      .post(`/api/notifications/${n3}/read`)
      .set(bearer(me.token))
      .expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const after = await http().get('/api/notifications').set(bearer(me.token)).expect(200);
    expect(after.body.unread).toBe(2);
    expect(after.body.items.map((n: { id: string }) => n.id)).toEqual([n2, n1, n3]);
    const unread = await http()
      .get('/api/notifications?unread=true')
      .set(bearer(me.token))
      .expect(200);
    expect(unread.body.items.map((n: { id: string }) => n.id)).toEqual([n2, n1]);
    const paged = await http()
      .get('/api/notifications?limit=1&page=2')
      .set(bearer(me.token))
      .expect(200);
    expect(paged.body.items.map((n: { id: string }) => n.id)).toEqual([n1]);

    // Someone else's notice does not exist for me.
    await http().post(`/api/notifications/${theirs}/read`).set(bearer(me.token)).expect(404);
    await http().get('/api/notifications?unread=maybe').set(bearer(me.token)).expect(400);
    await http().get('/api/notifications').expect(401);
  });

  it('the worker e-mails a notice once, as a JSON file without pupil data', async () => {
    const season = await f.season(region);
    const sending = await f.school(region);
    const receiving = await f.school(region);
    const sender = await f.user(region, 'coordinator', [sending]);
    const receiver = await f.user(region, 'coordinator', [receiving]);
    const offer = await f.offer(season, receiving, 3, 'havo', 1);
    const pupil = await f.request(season, sending, [receiving], {
      firstName: 'Jesse',
      lastName: 'Wijnberg',
    });
    const pf = new ProposalFactory(f.db);
    const p = await pf.proposal(await pf.round(season), pupil, offer);
    await http().post(`/api/proposals/${p.id}/accept`).set(bearer(receiver.token)).expect(200);
    const [{ id }] = await f.db.query(
      `select id from notifications where user_id = $1 and kind = 'pupil.placed'`,
      [sender.user.id],
    );

    const mail = await mailFor(id);
    expect(mail).toMatchObject({
      from: { address: 'noreply@overstap.test', name: 'Overstap' },
      to: [{ address: sender.user.email }],
      subject: 'Overstap: Een leerling is geplaatst',
    });
    expect(mail.text).toContain('Een leerling van uw school is geplaatst');
    expect(mail.text).toContain(`http://localhost:3000/leerlingen/${pupil.id}`);
    const raw = JSON.stringify(mail);
    expect(raw).not.toContain('Jesse');
    expect(raw).not.toContain('Wijnberg');
    expect(raw).not.toContain('2012-01-01');

    for (let i = 0; i < 100; i++) {
      const n = await f.db.getRepository(Notification).findOneByOrFail({ id });
      if (n.emailedAt) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(
      (await f.db.getRepository(Notification).findOneByOrFail({ id })).emailedAt,
    ).toBeInstanceOf(Date);
    // Sent once: a retried job finds it e-mailed and sends nothing.
    expect(await worker.get(NotificationEmailer).send(id)).toBe(false);
    expect(readdirSync(MAIL_DIR).filter((name) => name.endsWith(`-${id}.json`))).toHaveLength(1);
  });

  it('tells receiving schools of new proposals in plain words', async () => {
    const coordinator = await f.user(region, 'coordinator', [await f.school(region)]);
    const [id] = await app.get(NotificationsService).notify({
      regionId: region.id,
      userIds: [coordinator.user.id],
      kind: 'proposals.arrived',
      subject: 'Nieuwe plaatsingsvoorstellen voor uw school',
      path: '/voorstellen',
      dedupeKey: 'test:arrived',
    });
    const mail = await mailFor(id);
    expect(mail.text).toContain('Er staan nieuwe plaatsingsvoorstellen voor uw school klaar.');
    expect(mail.text).toContain('http://localhost:3000/voorstellen');
  });
});
