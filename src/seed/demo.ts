import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { Level } from '../common/levels';
import { Region } from '../regions/region.entity';
import { School } from '../schools/school.entity';
import { User } from '../users/user.entity';

/** School types of Amsterdam-Diemen and how many of each the demo region gets (80 in all). */
const TYPES: { kind: string; levels: Level[]; count: number }[] = [
  { kind: 'Praktijkschool', levels: ['pro'], count: 6 },
  { kind: 'Vakcollege', levels: ['vmbo-b', 'vmbo-k', 'vmbo-b/k'], count: 10 },
  { kind: 'Vmbo', levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'vmbo-b/k', 'vmbo-k/gt'], count: 12 },
  { kind: 'Scholengemeenschap', levels: ['vmbo-gt', 'havo', 'vmbo-gt/havo'], count: 14 },
  {
    kind: 'Brede scholengemeenschap',
    levels: ['vmbo-k', 'vmbo-gt', 'havo', 'vwo', 'vmbo-k/gt', 'havo/vwo'],
    count: 12,
  },
  { kind: 'Lyceum', levels: ['havo', 'vwo', 'havo/vwo'], count: 18 },
  { kind: 'Gymnasium', levels: ['vwo'], count: 6 },
  { kind: 'College', levels: ['vmbo-gt', 'havo', 'vwo', 'vmbo-gt/havo', 'havo/vwo'], count: 2 },
];
const NAMES = [
  'Amstel',
  'IJ',
  'Zuidas',
  'Vondel',
  'Rembrandt',
  'Oostpoort',
  'Westerpark',
  'Sloterplas',
  'Gaasper',
  'Bijlmer',
  'Noorderlicht',
  'Diemerpark',
  'Watergraafsmeer',
  'Jordaan',
  'Pijp',
  'Plantage',
  'Spaarndammer',
  'Buiksloot',
  'Osdorp',
  'Geuzenveld',
  'Bos en Lommer',
  'Overtoom',
  'Museumplein',
  'Kinkerbuurt',
  'Indische Buurt',
  'Zeeburg',
  'Holendrecht',
  'Nellestein',
  'Buitenveldert',
  'Rivierenbuurt',
];
const BOARDS = [
  'Stichting Amstelland VO',
  'Stichting IJ-scholen',
  'Vereniging Zuid-Oost Onderwijs',
  'Stichting Diemen College',
  'Openbaar VO Amsterdam',
  'Stichting Noord Leert',
];
const POSTCODES = [
  '1011',
  '1017',
  '1053',
  '1062',
  '1071',
  '1078',
  '1091',
  '1097',
  '1102',
  '1104',
  '1025',
  '1034',
  '1111',
  '1068',
  '1055',
];

export interface DemoResult {
  regionId: string;
  schools: number;
  password: string;
  logins: { role: string; email: string; school?: string }[];
}

export async function seedDemo(db: DataSource, password?: string): Promise<DemoResult> {
  if (process.env.NODE_ENV === 'production')
    throw new Error('seed:demo refuses to run in production');
  const pw = password || randomBytes(9).toString('base64url');
  const hash = await hashPassword(pw);
  return db.transaction(async (m) => {
    const region = await m
      .getRepository(Region)
      .save({ code: 'amsterdam-diemen', name: 'VO Amsterdam-Diemen (demo)' });
    const schools: Partial<School>[] = [];
    let n = 0;
    for (const t of TYPES) {
      for (let i = 0; i < t.count; i++, n++) {
        const letters = String.fromCharCode(65 + (n % 26), 65 + ((n * 7) % 26));
        schools.push({
          regionId: region.id,
          brin: `${String(10 + (n % 90)).padStart(2, '0')}${letters}${String(n % 100).padStart(2, '0')}`,
          name: `${t.kind} ${NAMES[(n * 11) % NAMES.length]}${n >= NAMES.length ? ` ${Math.floor(n / NAMES.length) + 1}` : ''}`,
          board: BOARDS[n % BOARDS.length],
          postcode: `${POSTCODES[n % POSTCODES.length]} ${String.fromCharCode(65 + (n % 20), 66 + (n % 20))}`,
          levels: t.levels,
        });
      }
    }
    const saved = await m.getRepository(School).save(schools);
    const users = m.getRepository(User);
    const logins: DemoResult['logins'] = [];
    const add = async (email: string, name: string, role: User['role'], school?: School) => {
      await users.save({
        regionId: region.id,
        email,
        name,
        role,
        passwordHash: hash,
        schools: school ? [school] : [],
      });
      logins.push({ role, email, school: school?.name });
    };
    await add('admin@overstap.test', 'Beheerder Demo', 'admin');
    await add('adviseur1@overstap.test', 'Anouk de Adviseur', 'advisor');
    await add('adviseur2@overstap.test', 'Bram Bemiddelaar', 'advisor');
    for (const [i, s] of saved.entries()) {
      await add(
        `coordinator${String(i + 1).padStart(2, '0')}@overstap.test`,
        `Coördinator ${s.name}`,
        'coordinator',
        s as School,
      );
    }
    return { regionId: region.id, schools: saved.length, password: pw, logins };
  });
}

export async function isEmpty(db: DataSource): Promise<boolean> {
  return (await db.getRepository(Region).count()) === 0;
}

export function printLogins(r: DemoResult, print: (s: string) => void = console.log): void {
  print(`Demo region with ${r.schools} schools. Log-ins (password: ${r.password}):`);
  for (const l of r.logins.slice(0, 5))
    print(`  ${l.role.padEnd(11)} ${l.email}${l.school ? `  (${l.school})` : ''}`);
  print(`  … coordinator01..${String(r.schools).padStart(2, '0')}@overstap.test, one per school`);
}
