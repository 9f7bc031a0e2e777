import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './app';
import { Factory } from './factories';
import { MediationFactory } from './factories/mediation';

const DAY = 86_400_000;

/**
 * Issue 17 point 11: at the plaatsingstafel a coordinator sees other schools' pupils as anonymous
 * cases (case number, leerjaar, niveau, profiel, sending school, days waiting); names, the form
 * and the case stay with the sending school, advisors and admins.
 */
describe('plaatsingstafel: need to know', () => {
  let app: INestApplication;
  let f: Factory;
  let mf: MediationFactory;
  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    app = await createTestApp();
    f = new Factory(app);
    mf = new MediationFactory(f);
  });
  afterAll(async () => {
    await app.close();
  });

  it('a coordinator sees no names of other schools’ pupils; advisors and admins do', async () => {
    const region = await f.region();
    const season = await f.season(region);
    const board = 'Stichting Noord';
    const a = await f.school(region, { name: 'Amstel lyceum', board });
    const b = await f.school(region, { name: 'Bijlmer college', board });
    const other = await f.school(region, { name: 'Elders college', board: 'Stichting Elders' });
    await f.offer(season, a, 3, 'havo', 2);
    await f.offer(season, b, 4, 'vwo', 2);
    // A pupil of another board who never listed a school of this board, waiting 12 days.
    const stranger = await f.request(season, other, [other], {
      firstName: 'Fleur',
      lastName: 'Geheimhouder',
      requestedGrade: 3,
      requestedLevel: 'havo',
      requestedProfile: '',
      submittedAt: new Date(Date.now() - 12 * DAY),
    });
    // A pupil in mediation, also of the other school.
    const mediated = await mf.pupil(season, other, [], {
      firstName: 'Mats',
      lastName: 'Verborgen',
      requestedGrade: 4,
      requestedLevel: 'vwo',
      submittedAt: new Date(Date.now() - 30 * DAY),
    });
    // A pupil of school B itself, asking for a place at A.
    const own = await f.request(season, b, [a], {
      firstName: 'Olaf',
      lastName: 'Eigenaar',
      requestedGrade: 3,
      requestedLevel: 'havo',
      submittedAt: new Date(Date.now() - 2 * DAY),
    });

    const coordB = await f.user(region, 'coordinator', [b]);
    const advisor = await f.user(region, 'advisor');
    const admin = await f.user(region, 'admin');
    const url = `/api/seasons/${season.id}/placement-table?board=${encodeURIComponent(board)}`;

    const res = await http().get(url).set(bearer(coordB.token)).expect(200);
    const byCase = (id: string) =>
      res.body.pupils.find((p: { caseNumber: string }) => p.caseNumber === id.slice(0, 8));
    expect(byCase(stranger.id)).toEqual({
      caseNumber: stranger.id.slice(0, 8),
      requestId: null,
      firstName: null,
      lastName: null,
      requestedGrade: 3,
      requestedLevel: 'havo',
      requestedProfile: '',
      sendingSchool: { id: other.id, name: 'Elders college', brin: other.brin },
      inMediation: false,
      mediationCaseId: null,
      daysWaiting: 12,
    });
    expect(byCase(mediated.request.id)).toMatchObject({
      requestId: null,
      firstName: null,
      lastName: null,
      inMediation: true,
      mediationCaseId: null,
      daysWaiting: 30,
    });
    // The coordinator's own pupil keeps its name and form.
    expect(byCase(own.id)).toMatchObject({
      requestId: own.id,
      firstName: 'Olaf',
      lastName: 'Eigenaar',
      daysWaiting: 2,
    });
    const text = JSON.stringify(res.body);
    for (const secret of [
      'Fleur',
      'Geheimhouder',
      'Mats',
      'Verborgen',
      stranger.id,
      mediated.mcase.id,
    ])
      expect(text).not.toContain(secret);
    // Only the named row was a read of a pupil.
    const reads = await f.db.query(
      `select entity_id from audit_log where user_id = $1 and action = 'placement-table.read'`,
      [coordB.user.id],
    );
    expect(reads.map((r: { entity_id: string }) => r.entity_id)).toEqual([own.id]);

    for (const who of [advisor, admin]) {
      const full = await http().get(url).set(bearer(who.token)).expect(200);
      const p = full.body.pupils.find((x: { requestId: string }) => x.requestId === stranger.id);
      expect(p).toMatchObject({
        firstName: 'Fleur',
        lastName: 'Geheimhouder',
        caseNumber: stranger.id.slice(0, 8),
        daysWaiting: 12,
      });
      const m = full.body.pupils.find(
        (x: { requestId: string }) => x.requestId === mediated.request.id,
      );
      expect(m).toMatchObject({ lastName: 'Verborgen', mediationCaseId: mediated.mcase.id });
    }
  });
});
