import { INestApplicationContext, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/passwords';
import { newTotpSecret, otpauthUri } from '../auth/totp';
import { SupportCipher } from '../transfer-requests/support-cipher';
import { MediationService } from '../mediation/mediation.service';
import { OffersService } from '../offers/offers.service';
import { ProposalsService } from '../proposals/proposals.service';
import { Region } from '../regions/region.entity';
import { RoundsService } from '../rounds/rounds.service';
import { School } from '../schools/school.entity';
import { todayIso } from '../seasons/calendar';
import { SeasonsService } from '../seasons/seasons.service';
import { STATUSES, TransferStatus } from '../transfer-requests/transfer-request.entity';
import { TransferRequestsService } from '../transfer-requests/transfer-requests.service';
import { CreateTransferRequestDto } from '../transfer-requests/transfer-requests.dto';
import { User } from '../users/user.entity';
import { addDays, DemoCalendar, demoCalendar } from './calendar';
import {
  After,
  CASE_NOTES,
  DemoPupil,
  DRAFTS,
  ROUND_GROUPS,
  RoundGroup,
  SCHOOLS,
  SUBMITTED_LATER,
  WITHDRAWN_EARLY,
} from './demo-data';

export const DEMO_REGION = { code: 'amsterdam-diemen', name: 'VO Amsterdam-Diemen (demo)' };
export const DEMO_ADMIN = 'admin@overstap.test';
export const DEMO_ADVISORS = ['adviseur1@overstap.test', 'adviseur2@overstap.test'];
export const coordinatorEmail = (i: number) =>
  `coordinator${String(i + 1).padStart(2, '0')}@overstap.test`;

export interface DemoLogin {
  role: User['role'];
  email: string;
  schools: string[];
}

export interface DemoResult {
  regionId: string;
  season: DemoCalendar & { id: string };
  schools: number;
  offers: number;
  places: number;
  pupils: Record<TransferStatus, number>;
  proposals: { pending: number; accepted: number; declined: number; withdrawn: number };
  mediationCases: number;
  roundId: string;
  password: string;
  /**
   * The demo admin's and advisors' second factor (admins and advisors must have one): a base32
   * TOTP key for an authenticator app, and the otpauth URI of the admin's entry.
   */
  twoFactor: { secret: string; uri: string; emails: string[] };
  logins: DemoLogin[];
  ms: number;
}

/**
 * Fills an empty database with a demo region shaped like Amsterdam-Diemen-Weesp: schools, users,
 * the current season (entry open now), free places and pupils in every status. Everything after
 * the schools and users goes through the app's own services, as the users and the worker would:
 * coordinators enter places and forms, an admin starts a round (a tussentijdse ronde) that runs
 * the worker's code, receiving schools answer some proposals, a sending school withdraws one
 * form, and the advisors take up the pupils left without a place. Refuses in production.
 */
export async function seedDemo(
  app: INestApplicationContext,
  password?: string,
  twoFactorSecret?: string,
): Promise<DemoResult> {
  if (process.env.NODE_ENV === 'production')
    throw new Error('seed:demo refuses to run in production');
  const t0 = Date.now();
  const get = <T>(cls: Type<T>): T => app.get(cls, { strict: false });
  const db = get(DataSource);
  const seasons = get(SeasonsService);
  const offers = get(OffersService);
  const forms = get(TransferRequestsService);
  const rounds = get(RoundsService);
  const proposals = get(ProposalsService);
  const mediation = get(MediationService);

  const pw = password || randomBytes(9).toString('base64url');
  if (twoFactorSecret && !/^[A-Z2-7]{32,}$/.test(twoFactorSecret))
    throw new Error('DEMO_TOTP_SECRET: base32 (A-Z, 2-7), at least 32 characters');
  const totpSecret = twoFactorSecret || newTotpSecret();
  const cipher = new SupportCipher(get(ConfigService).getOrThrow<string>('SUPPORT_KEYS'));
  const base = await seedBase(db, await hashPassword(pw), cipher.encrypt(totpSecret));
  const { admin, advisors, schoolOf, coordinatorOf } = base;

  // The season, as the office would enter it.
  const calendar = demoCalendar(todayIso());
  const season = await seasons.create(admin, calendar);

  // Free places, each school's by its own coordinator.
  for (const s of SCHOOLS) {
    if (!s.offers.length) continue;
    await offers.upsert(coordinatorOf(s.key), season.id, {
      offers: s.offers.map(([grade, level, profile, capacity]) => ({
        schoolId: schoolOf(s.key).id,
        grade,
        level,
        profile,
        capacity,
      })),
    });
  }

  // Forms: by the sending school's coordinator, or by an advisor for a pupil moving in.
  let n = 0;
  const actorFor = (p: DemoPupil) => (p.from ? coordinatorOf(p.from) : advisors[0]);
  const enter = async (p: DemoPupil, submit: boolean): Promise<string> => {
    const actor = actorFor(p);
    const dto: CreateTransferRequestDto = {
      seasonId: season.id,
      sendingSchoolId: p.from ? schoolOf(p.from).id : undefined,
      firstName: p.first,
      lastName: p.last,
      dateOfBirth: birthDate(calendar, p.current[0], n),
      postcode: pupilPostcode(p, n, schoolOf),
      currentGrade: p.current[0],
      currentLevel: p.current[1],
      requestedGrade: p.requested[0],
      requestedLevel: p.requested[1],
      requestedProfile: p.requested[2] ?? '',
      reason: p.reason,
      justification: p.why,
      supportCategories: p.support?.categories ?? [],
      supportNeeds: p.support?.text ?? null,
      consentBy: p.consent === undefined ? 'ouders-en-leerling' : p.consent,
      preferences: p.prefs.map((k) => schoolOf(k).id),
    };
    n++;
    const { id } = await forms.create(actor, dto);
    if (submit) await forms.submit(actor, id);
    return id;
  };

  for (const p of WITHDRAWN_EARLY) {
    const id = await enter(p, p.submit);
    await forms.withdraw(actorFor(p), id, { reason: p.withdrawReason ?? 'Ingetrokken' });
  }
  const inRound = new Map<string, { pupil: DemoPupil; group: RoundGroup }>();
  for (const group of ROUND_GROUPS) {
    for (const pupil of group.pupils) inRound.set(await enter(pupil, true), { pupil, group });
  }

  // The tussentijdse ronde: started by the admin, run by the worker's own code in this process.
  const started = await rounds.start(admin, season.id, { dryRun: false, mechanism: 'DA_STB_SIC' });
  await rounds.execute(started.id);
  const round = await rounds.get(admin, started.id);
  if (round.status !== 'completed') {
    throw new Error(`the demo round did not complete (${round.status}: ${round.error ?? '-'})`);
  }

  // Answers to the proposals: accepted, left open, declined, or the form withdrawn meanwhile.
  const made: { id: string; request_id: string; school_id: string }[] = await db.query(
    `select p.id, p.request_id, p.school_id from proposals p
       join transfer_requests tr on tr.id = p.request_id
      where p.round_id = $1 order by tr.last_name, tr.first_name, tr.id`,
    [round.id],
  );
  const keyOfSchool = new Map(SCHOOLS.map((s) => [schoolOf(s.key).id, s.key]));
  const scarceSeen = new Map<RoundGroup, number>();
  for (const p of made) {
    const { pupil, group } = inRound.get(p.request_id) as { pupil: DemoPupil; group: RoundGroup };
    let after: After | undefined = pupil.after;
    if (group.kind === 'scarce') {
      const i = scarceSeen.get(group) ?? 0;
      scarceSeen.set(group, i + 1);
      after = group.after?.[i];
    }
    const receiving = coordinatorOf(keyOfSchool.get(p.school_id) as string);
    if (after === 'accept') await proposals.accept(receiving, p.id);
    if (after === 'decline') {
      await proposals.decline(receiving, p.id, {
        reason: 'geen-passende-ondersteuning',
        note: 'De begeleiding die in het formulier staat, kunnen wij in dit leerjaar nu niet bieden.',
      });
    }
    if (after === 'withdraw') {
      await forms.withdraw(actorFor(pupil), p.request_id, {
        reason: pupil.withdrawReason ?? 'Ingetrokken door de school',
      });
    }
  }

  // The advisors take up the pupils the round could not place.
  const cases: { id: string; requested_level: keyof typeof CASE_NOTES }[] = await db.query(
    `select c.id, tr.requested_level from mediation_cases c
       join transfer_requests tr on tr.id = c.request_id
      where c.round_id = $1 order by tr.last_name, tr.first_name, tr.id`,
    [round.id],
  );
  const [anouk, bram] = advisors;
  for (const [i, c] of cases.entries()) {
    const note = CASE_NOTES[c.requested_level] ?? CASE_NOTES.default;
    if (i < 2) {
      await mediation.assign(anouk, c.id, {});
      await mediation.addNote(anouk, c.id, { text: note });
    } else if (i === 2) {
      // Handed over by a colleague: Anouk is told in the app (and by e-mail).
      await mediation.assign(bram, c.id, { userId: anouk.id });
      await mediation.addNote(bram, c.id, {
        text: 'Overgedragen aan Anouk: zij kent de scholen in dit stadsdeel het best.',
      });
    } else if (i === 3) {
      await mediation.assign(bram, c.id, {});
      await mediation.addNote(bram, c.id, { text: note });
    }
    // The rest waits for an advisor to pick it up.
  }

  // Forms that came in after the round, and drafts still being written.
  for (const p of SUBMITTED_LATER) await enter(p, true);
  for (const p of DRAFTS) await enter(p, false);

  return {
    ...(await counts(db, base.region.id, season.id)),
    regionId: base.region.id,
    season: { ...calendar, id: season.id },
    schools: SCHOOLS.length,
    mediationCases: cases.length,
    roundId: round.id,
    password: pw,
    twoFactor: {
      secret: totpSecret,
      uri: otpauthUri(totpSecret, DEMO_ADMIN),
      emails: [DEMO_ADMIN, ...DEMO_ADVISORS],
    },
    logins: base.logins,
    ms: Date.now() - t0,
  };
}

/**
 * Region, schools and users in one transaction, straight into the tables. The admin and the
 * advisors get the (encrypted) TOTP secret as an enrolled second factor, as they must have one.
 */
async function seedBase(db: DataSource, passwordHash: string, totpSecretEnc: string) {
  return db.transaction(async (m) => {
    const region = await m.getRepository(Region).save({ ...DEMO_REGION });
    const schools = await m.getRepository(School).save(
      SCHOOLS.map((s) => ({
        regionId: region.id,
        brin: s.brin,
        name: s.name,
        board: s.board,
        postcode: s.postcode,
        levels: s.levels,
      })),
    );
    const byKey = new Map(SCHOOLS.map((s, i) => [s.key, schools[i]]));
    const users = m.getRepository(User);
    const logins: DemoLogin[] = [];
    const add = async (email: string, name: string, role: User['role'], own: School[] = []) => {
      const u = await users.save({
        regionId: region.id,
        email,
        name,
        role,
        passwordHash,
        schools: own,
        ...(role !== 'coordinator' && {
          totpSecretEnc: totpSecretEnc,
          totpEnabledAt: new Date(),
        }),
      });
      logins.push({ role, email, schools: own.map((s) => s.name) });
      const actor: AuthUser = {
        id: u.id,
        regionId: region.id,
        role,
        schoolIds: own.map((s) => s.id),
        sessionId: randomUUID(),
      };
      return actor;
    };
    const admin = await add(DEMO_ADMIN, 'Beheerder Demo', 'admin');
    const advisors = [
      await add(DEMO_ADVISORS[0], 'Anouk de Adviseur', 'advisor'),
      await add(DEMO_ADVISORS[1], 'Bram Bemiddelaar', 'advisor'),
    ];
    // One coordinator per school; the first works for both locations of Oostpoort College, so the
    // web app's school switcher has something to switch.
    const coordinators = new Map<string, AuthUser>();
    for (const [i, s] of SCHOOLS.entries()) {
      const own = i === 0 ? [schools[0], schools[1]] : [schools[i]];
      coordinators.set(s.key, await add(coordinatorEmail(i), s.coordinator, 'coordinator', own));
    }
    const schoolOf = (key: string): School => {
      const s = byKey.get(key);
      if (!s) throw new Error(`demo data: unknown school '${key}'`);
      return s;
    };
    const coordinatorOf = (key: string): AuthUser => coordinators.get(key) as AuthUser;
    return { region, admin, advisors, schoolOf, coordinatorOf, logins };
  });
}

async function counts(db: DataSource, regionId: string, seasonId: string) {
  const pupils = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TransferStatus, number>;
  const rows: { status: TransferStatus; n: number }[] = await db.query(
    `select status, count(*)::int as n from transfer_requests where season_id = $1 group by status`,
    [seasonId],
  );
  for (const r of rows) pupils[r.status] = r.n;
  const proposals = { pending: 0, accepted: 0, declined: 0, withdrawn: 0 };
  const prows: { status: keyof typeof proposals; n: number }[] = await db.query(
    `select status, count(*)::int as n from proposals where region_id = $1 group by status`,
    [regionId],
  );
  for (const r of prows) proposals[r.status] = r.n;
  const [o]: { offers: number; places: number }[] = await db.query(
    `select count(*)::int as offers, coalesce(sum(capacity), 0)::int as places
       from offers where season_id = $1`,
    [seasonId],
  );
  return { pupils, proposals, ...o };
}

/**
 * A birth date fitting the pupil's current leerjaar: 12 on 1 October of leerjaar 1, spread over
 * the year by the pupil's number.
 */
function birthDate(calendar: DemoCalendar, currentGrade: number, n: number): string {
  const schoolYear = Number(calendar.name.slice(0, 4)) - 1;
  const age = 11 + currentGrade;
  return addDays(`${schoolYear - age - 1}-10-02`, (n * 53) % 360);
}

/** Near the sending school, or near the first preferred school for a pupil who moves. */
function pupilPostcode(p: DemoPupil, n: number, schoolOf: (key: string) => School): string {
  const near = p.reason === 'verhuizing' || !p.from ? p.prefs[0] : p.from;
  const digits = schoolOf(near).postcode.slice(0, 4);
  return `${digits} ${String.fromCharCode(65 + ((n * 7) % 26), 65 + ((n * 11 + 3) % 26))}`;
}
