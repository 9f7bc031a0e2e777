import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './app';
import { Factory } from './factories';
import { ProposalFactory } from './factories/proposals';

/**
 * Issue 17 point 5: a proposal names its form and its offer (to those who may follow them), and a
 * form lists its proposals.
 */
describe('tracing proposals to their forms and back', () => {
  let app: INestApplication;
  let f: Factory;
  let pf: ProposalFactory;
  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    pf = new ProposalFactory(f.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it('the proposal carries the request and offer ids; the form lists its proposals', async () => {
    const region = await f.region();
    const season = await f.season(region);
    const sending = await f.school(region);
    const first = await f.school(region, { name: 'Eerste school' });
    const second = await f.school(region, { name: 'Tweede school' });
    const offer1 = await f.offer(season, first, 3, 'havo', 3);
    const offer2 = await f.offer(season, second, 3, 'havo', 3);
    const req = await f.request(season, sending, [first, second]);
    const admin = await f.user(region, 'admin');
    const advisor = await f.user(region, 'advisor');
    const receiving = await f.user(region, 'coordinator', [first]);
    const sendingCoord = await f.user(region, 'coordinator', [sending]);

    // An earlier round's proposal, declined; then the current one, open.
    const r1 = await pf.round(season);
    const p1 = await pf.proposal(r1, req, offer2, '2099-06-30');
    await f.db.query(
      `update proposals set status = 'declined', decline_reason = 'niveau-past-niet', responded_at = now() where id = $1`,
      [p1.id],
    );
    const r2 = await pf.round(season);
    const p2 = await pf.proposal(r2, req, offer1, '2099-07-01');

    for (const who of [admin, advisor]) {
      const one = await http().get(`/api/proposals/${p2.id}`).set(bearer(who.token)).expect(200);
      expect(one.body).toMatchObject({ id: p2.id, requestId: req.id, offerId: offer1.id });
      const list = await http()
        .get(`/api/proposals?roundId=${r2}`)
        .set(bearer(who.token))
        .expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: p2.id, requestId: req.id, offerId: offer1.id }),
      ]);
    }
    // The receiving coordinator follows its own offer, not the form (which it may not open).
    const recv = await http()
      .get(`/api/proposals/${p2.id}`)
      .set(bearer(receiving.token))
      .expect(200);
    expect(recv.body).toMatchObject({ offerId: offer1.id, requestId: null });
    await http().get(`/api/transfer-requests/${req.id}`).set(bearer(receiving.token)).expect(404);

    // The form lists its proposals, oldest first, for everyone who may see the form.
    for (const who of [admin, advisor, sendingCoord]) {
      const form = await http()
        .get(`/api/transfer-requests/${req.id}`)
        .set(bearer(who.token))
        .expect(200);
      expect(form.body.proposals).toEqual([
        expect.objectContaining({
          id: p1.id,
          roundId: r1,
          offerId: offer2.id,
          schoolId: second.id,
          schoolName: 'Tweede school',
          status: 'declined',
          grade: 3,
          level: 'havo',
        }),
        expect.objectContaining({
          id: p2.id,
          roundId: r2,
          offerId: offer1.id,
          schoolId: first.id,
          schoolName: 'Eerste school',
          status: 'pending',
          respondBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      ]);
    }
  });
});
