/**
 * The demo region's data: schools shaped like Amsterdam-Diemen-Weesp, their free places and a
 * season's worth of pupils. Invented names and numbers; plain data, no framework.
 *
 * The pupils who take part in the demo's round are grouped so that the round's outcome counts do
 * not depend on its lottery: in an "all placed" group every pupil's first choice has room for all
 * who put it first; in a "scarce" group every pupil lists exactly the group's schools, so exactly
 * as many are placed as there are places and the rest go to mediation (which ones, the lottery
 * decides).
 */
import { Level } from '../common/levels';
import { TransferReason } from '../transfer-requests/transfer-request.entity';

export const BOARDS = {
  amstelland: 'Stichting Amstelland VO',
  west: 'Stichting Openbaar VO Amsterdam-West',
  noord: 'Stichting Noord Leert',
  zuidoost: 'Vereniging Zuidoost Onderwijs',
  diemenWeesp: 'Stichting VO Diemen-Weesp',
} as const;

export interface DemoSchool {
  key: string;
  name: string;
  brin: string;
  board: string;
  postcode: string;
  levels: Level[];
  /** Free places: [leerjaar, niveau, profiel ('' = any), plaatsen]. */
  offers: [number, Level, string, number][];
  /** The coordinator's name (coordinatorNN@overstap.test, NN = the school's place in this list). */
  coordinator: string;
}

const GT_HAVO: Level[] = ['vmbo-gt', 'havo', 'vmbo-gt/havo'];
const HAVO_VWO: Level[] = ['havo', 'vwo', 'havo/vwo'];
const VMBO: Level[] = ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'vmbo-b/k', 'vmbo-k/gt'];
const BREED: Level[] = ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo', 'vwo', 'vmbo-b/k', 'vmbo-k/gt'];

const EM = 'Economie en Maatschappij';
const NG = 'Natuur en Gezondheid';

/** The first two are two locations of one school: their coordinator works for both. */
export const SCHOOLS: DemoSchool[] = [
  {
    key: 'oostpoort',
    name: 'Oostpoort College',
    brin: '16OP00',
    board: BOARDS.amstelland,
    postcode: '1093 KX',
    levels: ['vmbo-gt', 'havo', 'vwo', 'vmbo-gt/havo', 'havo/vwo'],
    offers: [
      [4, 'havo', '', 2],
      [3, 'vmbo-gt', '', 2],
      [4, 'vmbo-gt', '', 1],
      [2, 'havo', '', 1],
      [2, 'vwo', '', 1],
    ],
    coordinator: 'Marieke Jansen',
  },
  {
    key: 'ijburg',
    name: 'Oostpoort College locatie IJburg',
    brin: '16OP01',
    board: BOARDS.amstelland,
    postcode: '1087 BR',
    levels: GT_HAVO,
    offers: [
      [3, 'vmbo-gt', '', 2],
      [3, 'havo', '', 1],
      [2, 'vmbo-gt/havo', '', 1],
    ],
    coordinator: 'Hans Verbeek',
  },
  {
    key: 'vondel',
    name: 'Vondel Lyceum',
    brin: '14VL00',
    board: BOARDS.amstelland,
    postcode: '1054 EH',
    levels: HAVO_VWO,
    offers: [
      [4, 'havo', '', 2],
      [4, 'havo', NG, 1],
      [3, 'vwo', '', 1],
      [2, 'havo/vwo', '', 1],
    ],
    coordinator: 'Esther van Dam',
  },
  {
    key: 'plantage',
    name: 'Gymnasium Plantage',
    brin: '19PL00',
    board: BOARDS.amstelland,
    postcode: '1018 CZ',
    levels: ['vwo'],
    offers: [],
    coordinator: 'Pieter Hoogland',
  },
  {
    key: 'zuidas',
    name: 'Zuidas Lyceum',
    brin: '21ZL00',
    board: BOARDS.west,
    postcode: '1082 MS',
    levels: HAVO_VWO,
    offers: [
      [4, 'havo', '', 1],
      [4, 'havo', EM, 2],
      [4, 'vwo', '', 1],
      [5, 'havo', '', 1],
    ],
    coordinator: 'Karin de Ruiter',
  },
  {
    key: 'westerpark',
    name: 'Westerpark Scholengemeenschap',
    brin: '22WP00',
    board: BOARDS.west,
    postcode: '1051 RE',
    levels: GT_HAVO,
    offers: [
      [3, 'vmbo-gt', '', 2],
      [4, 'vmbo-gt', '', 1],
      [3, 'havo', '', 1],
    ],
    coordinator: 'Youssef Amrani',
  },
  {
    key: 'sloterplas',
    name: 'Sloterplas College',
    brin: '23SC00',
    board: BOARDS.west,
    postcode: '1064 HK',
    levels: VMBO,
    offers: [
      [3, 'vmbo-k', 'Economie en ondernemen', 2],
      [3, 'vmbo-k', '', 1],
      [3, 'vmbo-b', '', 2],
      [3, 'vmbo-gt', '', 1],
    ],
    coordinator: 'Ingrid Bakker',
  },
  {
    key: 'osdorp',
    name: 'Vakcollege Osdorp',
    brin: '24VO00',
    board: BOARDS.west,
    postcode: '1068 MV',
    levels: ['vmbo-b', 'vmbo-k', 'vmbo-b/k'],
    offers: [
      [3, 'vmbo-b', '', 2],
      [3, 'vmbo-k', 'Bouwen, wonen en interieur', 2],
      [2, 'vmbo-b/k', '', 1],
    ],
    coordinator: 'Richard Koster',
  },
  {
    key: 'geuzenveld',
    name: 'Praktijkschool Geuzenveld',
    brin: '25PG00',
    board: BOARDS.west,
    postcode: '1067 GA',
    levels: ['pro'],
    offers: [
      [3, 'pro', '', 2],
      [2, 'pro', '', 1],
    ],
    coordinator: 'Saskia Mulder',
  },
  {
    key: 'noorderlicht',
    name: 'Noorderlicht College',
    brin: '26NC00',
    board: BOARDS.noord,
    postcode: '1032 KJ',
    levels: ['vmbo-k', 'vmbo-gt', 'havo', 'vmbo-k/gt'],
    offers: [
      [3, 'vmbo-gt', '', 1],
      [3, 'vmbo-k', '', 2],
      [4, 'havo', '', 1],
    ],
    coordinator: 'Dennis Vos',
  },
  {
    key: 'buiksloot',
    name: 'Buiksloot Lyceum',
    brin: '27BL00',
    board: BOARDS.noord,
    postcode: '1034 WR',
    levels: HAVO_VWO,
    offers: [
      [4, 'havo', '', 1],
      [3, 'vwo', '', 1],
      [4, 'vwo', '', 1],
      [5, 'havo', '', 1],
    ],
    coordinator: 'Annemarie Smit',
  },
  {
    key: 'bijlmer',
    name: 'Bijlmer Scholengemeenschap',
    brin: '28BS00',
    board: BOARDS.zuidoost,
    postcode: '1102 BT',
    levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo', 'vmbo-b/k', 'vmbo-k/gt'],
    offers: [
      [4, 'vmbo-gt', '', 1],
      [3, 'vmbo-k', 'Zorg en welzijn', 2],
      [3, 'vmbo-b', '', 1],
    ],
    coordinator: 'Kwame Mensah',
  },
  {
    key: 'gaasper',
    name: 'Gaasper College',
    brin: '29GC00',
    board: BOARDS.zuidoost,
    postcode: '1106 AA',
    levels: ['vmbo-gt', 'havo', 'vwo', 'vmbo-gt/havo', 'havo/vwo'],
    offers: [
      [4, 'havo', '', 1],
      [3, 'vmbo-gt', '', 1],
      [2, 'havo/vwo', '', 1],
    ],
    coordinator: 'Sandra Pinas',
  },
  {
    key: 'kolk',
    name: 'Praktijkschool De Kolk',
    brin: '33PK00',
    board: BOARDS.zuidoost,
    postcode: '1103 TV',
    levels: ['pro'],
    offers: [[3, 'pro', '', 1]],
    coordinator: 'Wim de Haan',
  },
  {
    key: 'meer',
    name: 'Watergraafsmeer Mavo',
    brin: '30WM00',
    board: BOARDS.amstelland,
    postcode: '1097 DH',
    levels: ['vmbo-gt'],
    offers: [
      [3, 'vmbo-gt', '', 2],
      [4, 'vmbo-gt', '', 2],
    ],
    coordinator: 'Femke Dijkstra',
  },
  {
    key: 'diemen',
    name: 'Diemerpark College',
    brin: '31DC00',
    board: BOARDS.diemenWeesp,
    postcode: '1111 PB',
    levels: [...BREED, 'havo/vwo'],
    offers: [
      [4, 'havo', '', 1],
      [3, 'vmbo-gt', '', 1],
      [3, 'vmbo-k', '', 1],
      [4, 'vwo', '', 1],
    ],
    coordinator: 'Jeroen Bos',
  },
  {
    key: 'weesp',
    name: 'Vechtoever Scholengemeenschap',
    brin: '32VO00',
    board: BOARDS.diemenWeesp,
    postcode: '1381 BE',
    levels: [...BREED, 'vmbo-gt/havo', 'havo/vwo'],
    offers: [
      [4, 'havo', '', 1],
      [4, 'vmbo-gt', '', 1],
      [3, 'vmbo-b', '', 1],
      [3, 'vmbo-k', '', 1],
    ],
    coordinator: 'Loes Hermans',
  },
];

export type SupportCategory =
  | 'leren'
  | 'gedrag'
  | 'sociaal-emotioneel'
  | 'fysiek-medisch'
  | 'thuissituatie'
  | 'taal'
  | 'anders';

/** What the demo does with a pupil's proposal after the round. */
export type After = 'accept' | 'pending' | 'decline' | 'withdraw';

export interface DemoPupil {
  first: string;
  last: string;
  /** Sending school's key; null for a pupil moving into the region (entered by an advisor). */
  from: string | null;
  current: [number, Level];
  requested: [number, Level, string?];
  reason: TransferReason;
  /** The onderbouwing; '' leaves it to be written (a draft). */
  why: string;
  support?: { categories: SupportCategory[]; text: string };
  /** School keys, best first. */
  prefs: string[];
  /** Absent: consent of parents and pupil; null: not recorded yet. */
  consent?: 'ouders' | 'leerling' | 'ouders-en-leerling' | null;
  /** For an "all placed" group: what happens to the pupil's proposal. */
  after?: After;
  /** Why the form is withdrawn (pupils who are withdrawn before the round or as drafts). */
  withdrawReason?: string;
}

export interface RoundGroup {
  name: string;
  /** all-placed: each first choice has room for all who put it first; scarce: see the top. */
  kind: 'all-placed' | 'scarce';
  pupils: DemoPupil[];
  /** scarce groups: what happens to the proposals, in the order of the pupils' names. */
  after?: After[];
}

const AFSTROOM_VWO =
  'Ondanks extra begeleiding (huiswerkbegeleiding, gesprekken met de mentor en een studieplanning) haalt de leerling de overgangsnorm voor vwo niet. De docentenvergadering adviseert havo; leerling en ouders zijn het daarmee eens.';
const AFSTROOM_HAVO =
  'De leerling heeft dit jaar remedial teaching en extra lessen gekregen, maar de resultaten blijven onder het havo-niveau. Advies van de docentenvergadering is vmbo-gt; de leerling ziet dat zelf ook zo en is gemotiveerd om daar goed te starten.';
const AFSTROOM_VMBO =
  'Ondanks ondersteuning in de klas en bijles bij wiskunde en Nederlands lukt het niveau niet. Het advies is een lagere leerweg met meer praktijk; de leerling werkt graag met de handen.';
const OPSTROOM_GT =
  'De leerling haalt naar verwachting het vmbo-gt-diploma met ruim voldoende cijfers en voldoet aan de doorstroomeisen voor havo 4. Werkhouding en motivatie zijn goed; de decaan adviseert positief.';
const VERHUIZING =
  'Het gezin verhuist deze zomer; de reistijd naar de huidige school wordt te lang. De schoolloopbaan verloopt zonder bijzonderheden.';
const ANDERS =
  'Na een lastig jaar in de klas hebben school, ouders en leerling samen gezocht naar een oplossing. Afgesproken is dat een nieuwe start op een andere school de leerling het meest helpt.';

/** Pupils submitted before the demo's round, by group. */
export const ROUND_GROUPS: RoundGroup[] = [
  {
    name: 'havo 4 in Zuid en West',
    kind: 'scarce',
    after: ['accept', 'pending', 'accept'],
    pupils: [
      {
        first: 'Sanne',
        last: 'de Vries',
        from: 'plantage',
        current: [3, 'vwo'],
        requested: [4, 'havo'],
        reason: 'afstroom',
        why: AFSTROOM_VWO,
        prefs: ['vondel', 'zuidas'],
      },
      {
        first: 'Daan',
        last: 'Hendriks',
        from: 'plantage',
        current: [3, 'vwo'],
        requested: [4, 'havo'],
        reason: 'afstroom',
        why: AFSTROOM_VWO,
        support: {
          categories: ['leren'],
          text: 'Dyslexieverklaring: extra tijd bij toetsen en voorleessoftware.',
        },
        prefs: ['zuidas', 'vondel'],
      },
      {
        first: 'Yasmine',
        last: 'El Amrani',
        from: 'buiksloot',
        current: [3, 'vwo'],
        requested: [4, 'havo'],
        reason: 'afstroom',
        why: AFSTROOM_VWO,
        prefs: ['vondel', 'zuidas'],
      },
      {
        first: 'Lucas',
        last: 'Smit',
        from: 'gaasper',
        current: [3, 'vwo'],
        requested: [4, 'havo'],
        reason: 'afstroom',
        why: AFSTROOM_VWO,
        prefs: ['zuidas', 'vondel'],
      },
      {
        first: 'Mohamed',
        last: 'Bouzid',
        from: 'westerpark',
        current: [4, 'vmbo-gt'],
        requested: [4, 'havo'],
        reason: 'opstroom',
        why: OPSTROOM_GT,
        prefs: ['vondel', 'zuidas'],
      },
      {
        first: 'Julia',
        last: 'Mulder',
        from: 'meer',
        current: [4, 'vmbo-gt'],
        requested: [4, 'havo'],
        reason: 'opstroom',
        why: OPSTROOM_GT,
        prefs: ['zuidas', 'vondel'],
        consent: 'ouders',
      },
    ],
  },
  {
    name: 'havo 4 elders',
    kind: 'all-placed',
    pupils: [
      {
        first: 'Sem',
        last: 'de Boer',
        from: 'westerpark',
        current: [4, 'vmbo-gt'],
        requested: [4, 'havo'],
        reason: 'opstroom',
        why: OPSTROOM_GT,
        prefs: ['oostpoort', 'gaasper'],
        after: 'accept',
      },
      {
        first: 'Fenna',
        last: 'Meijer',
        from: 'noorderlicht',
        current: [4, 'vmbo-gt'],
        requested: [4, 'havo'],
        reason: 'opstroom',
        why: OPSTROOM_GT,
        prefs: ['oostpoort', 'diemen'],
        after: 'pending',
      },
      {
        first: 'Levi',
        last: 'Bos',
        from: 'sloterplas',
        current: [4, 'vmbo-gt'],
        requested: [4, 'havo'],
        reason: 'opstroom',
        why: OPSTROOM_GT,
        prefs: ['buiksloot', 'noorderlicht'],
        after: 'accept',
      },
      {
        first: 'Tess',
        last: 'Vos',
        from: 'diemen',
        current: [3, 'vwo'],
        requested: [4, 'havo'],
        reason: 'afstroom',
        why: AFSTROOM_VWO,
        prefs: ['weesp', 'gaasper'],
        after: 'pending',
      },
    ],
  },
  {
    name: 'havo 4 met profiel',
    kind: 'all-placed',
    pupils: [
      {
        first: 'Finn',
        last: 'Peters',
        from: 'vondel',
        current: [3, 'vwo'],
        requested: [4, 'havo', EM],
        reason: 'afstroom',
        why: AFSTROOM_VWO,
        prefs: ['zuidas', 'buiksloot'],
        after: 'accept',
      },
      {
        first: 'Lotte',
        last: 'van Leeuwen',
        from: 'plantage',
        current: [3, 'vwo'],
        requested: [4, 'havo', EM],
        reason: 'afstroom',
        why: `${AFSTROOM_VWO} De leerling heeft daarnaast een vast aanspreekpunt nodig.`,
        support: {
          categories: ['sociaal-emotioneel', 'fysiek-medisch'],
          text: 'Diabetes type 1: mag in de les meten en eten; docenten moeten op de hoogte zijn. Faalangst bij toetsen; begeleiding door de zorgcoördinator.',
        },
        prefs: ['zuidas', 'oostpoort'],
        after: 'decline',
      },
      {
        first: 'Milan',
        last: 'Brouwer',
        from: 'buiksloot',
        current: [3, 'vwo'],
        requested: [4, 'havo', NG],
        reason: 'afstroom',
        why: AFSTROOM_VWO,
        prefs: ['vondel', 'oostpoort'],
        after: 'accept',
      },
    ],
  },
  {
    name: 'vmbo-gt 3',
    kind: 'all-placed',
    pupils: [
      {
        first: 'Nora',
        last: 'de Wit',
        from: 'zuidas',
        current: [2, 'havo'],
        requested: [3, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['ijburg', 'oostpoort', 'meer'],
        after: 'accept',
      },
      {
        first: 'Ayoub',
        last: 'Ouali',
        from: 'vondel',
        current: [2, 'havo'],
        requested: [3, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['meer', 'oostpoort'],
        after: 'accept',
      },
      {
        first: 'Sara',
        last: 'Kaya',
        from: 'oostpoort',
        current: [2, 'havo'],
        requested: [3, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        support: {
          categories: ['taal'],
          text: 'Woont sinds drie jaar in Nederland; NT2-ondersteuning twee uur per week.',
        },
        prefs: ['westerpark', 'meer', 'gaasper'],
        after: 'pending',
      },
      {
        first: 'Luuk',
        last: 'van Dijk',
        from: 'gaasper',
        current: [2, 'havo'],
        requested: [3, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['ijburg', 'diemen'],
        after: 'pending',
      },
      {
        first: 'Eva',
        last: 'Koster',
        from: 'buiksloot',
        current: [2, 'havo'],
        requested: [3, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['noorderlicht', 'meer'],
        after: 'accept',
      },
      {
        first: 'Bram',
        last: 'Willems',
        from: 'westerpark',
        current: [2, 'havo'],
        requested: [3, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['sloterplas', 'oostpoort'],
        after: 'withdraw',
        withdrawReason:
          'Het gezin verhuist onverwacht naar Haarlem; de leerling gaat daar naar school.',
      },
    ],
  },
  {
    name: 'vmbo-gt 4',
    kind: 'scarce',
    after: ['accept', 'accept', 'pending', 'accept'],
    pupils: [
      {
        first: 'Isa',
        last: 'de Graaf',
        from: 'vondel',
        current: [3, 'havo'],
        requested: [4, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['meer', 'westerpark', 'oostpoort'],
      },
      {
        first: 'Thijs',
        last: 'van den Berg',
        from: 'zuidas',
        current: [3, 'havo'],
        requested: [4, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['westerpark', 'meer', 'oostpoort'],
      },
      {
        first: 'Kerem',
        last: 'Yilmaz',
        from: 'ijburg',
        current: [3, 'havo'],
        requested: [4, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        support: {
          categories: ['gedrag'],
          text: 'ADHD; heeft baat bij een vaste plek in de klas, korte instructies en een time-outkaart.',
        },
        prefs: ['meer', 'oostpoort', 'westerpark'],
      },
      {
        first: 'Amira',
        last: 'Haddou',
        from: 'gaasper',
        current: [3, 'havo'],
        requested: [4, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['oostpoort', 'meer', 'westerpark'],
      },
      {
        first: 'Ruben',
        last: 'Schouten',
        from: 'diemen',
        current: [3, 'havo'],
        requested: [4, 'vmbo-gt'],
        reason: 'afstroom',
        why: AFSTROOM_HAVO,
        prefs: ['meer', 'westerpark', 'oostpoort'],
      },
    ],
  },
  {
    name: 'vmbo-k 3',
    kind: 'all-placed',
    pupils: [
      {
        first: 'Lieke',
        last: 'Prins',
        from: 'meer',
        current: [2, 'vmbo-gt'],
        requested: [3, 'vmbo-k', 'Economie en ondernemen'],
        reason: 'afstroom',
        why: AFSTROOM_VMBO,
        prefs: ['sloterplas', 'noorderlicht'],
        after: 'accept',
      },
      {
        first: 'Stijn',
        last: 'van Wijk',
        from: 'westerpark',
        current: [2, 'vmbo-gt'],
        requested: [3, 'vmbo-k', 'Zorg en welzijn'],
        reason: 'afstroom',
        why: AFSTROOM_VMBO,
        prefs: ['bijlmer', 'weesp'],
        after: 'pending',
      },
      {
        first: 'Femke',
        last: 'Post',
        from: 'oostpoort',
        current: [2, 'vmbo-gt'],
        requested: [3, 'vmbo-k'],
        reason: 'afstroom',
        why: AFSTROOM_VMBO,
        prefs: ['noorderlicht', 'diemen', 'weesp'],
        after: 'accept',
      },
      {
        first: 'Jesse',
        last: 'Kuipers',
        from: 'sloterplas',
        current: [2, 'vmbo-k'],
        requested: [3, 'vmbo-k', 'Bouwen, wonen en interieur'],
        reason: 'anders',
        why: 'De leerling wil het profiel Bouwen, wonen en interieur volgen; dat biedt de eigen school niet aan. Mentor en decaan steunen de keuze.',
        prefs: ['osdorp', 'noorderlicht'],
        after: 'accept',
      },
    ],
  },
  {
    name: 'vmbo-b 3',
    kind: 'all-placed',
    pupils: [
      {
        first: 'Roos',
        last: 'Vermeulen',
        from: 'bijlmer',
        current: [2, 'vmbo-k'],
        requested: [3, 'vmbo-b'],
        reason: 'verhuizing',
        why: `${VERHUIZING} Het nieuwe adres is in Osdorp.`,
        prefs: ['osdorp', 'sloterplas'],
        after: 'accept',
      },
      {
        first: 'Gijs',
        last: 'Huisman',
        from: 'diemen',
        current: [2, 'vmbo-k'],
        requested: [3, 'vmbo-b'],
        reason: 'afstroom',
        why: AFSTROOM_VMBO,
        prefs: ['bijlmer', 'weesp'],
        after: 'pending',
      },
      {
        first: 'Priya',
        last: 'Ramdin',
        from: 'noorderlicht',
        current: [2, 'vmbo-k'],
        requested: [3, 'vmbo-b'],
        reason: 'afstroom',
        why: AFSTROOM_VMBO,
        prefs: ['osdorp', 'sloterplas'],
        after: 'accept',
      },
    ],
  },
  {
    name: 'praktijkonderwijs 3',
    kind: 'all-placed',
    pupils: [
      {
        first: 'Kevin',
        last: 'Asante',
        from: 'osdorp',
        current: [2, 'vmbo-b/k'],
        requested: [3, 'pro'],
        reason: 'afstroom',
        why: 'Ondanks een aangepast programma en extra begeleiding is de basisberoepsgerichte leerweg te zwaar. Het samenwerkingsverband heeft een toelaatbaarheidsadvies voor praktijkonderwijs gegeven.',
        support: {
          categories: ['leren', 'thuissituatie'],
          text: 'Heeft een vaste begeleider nodig en korte, concrete opdrachten. Contact met de ouders loopt via de schoolmaatschappelijk werker.',
        },
        prefs: ['geuzenveld', 'kolk'],
        after: 'pending',
      },
    ],
  },
  {
    name: 'vwo 4',
    kind: 'scarce',
    after: ['accept', 'pending'],
    pupils: [
      {
        first: 'Noor',
        last: 'Benali',
        from: 'plantage',
        current: [3, 'vwo'],
        requested: [4, 'vwo'],
        reason: 'anders',
        why: 'De leerling wil verder op een atheneum zonder klassieke talen; op het gymnasium kan dat niet. Resultaten in de andere vakken zijn goed.',
        prefs: ['zuidas', 'buiksloot'],
      },
      {
        first: 'Tim',
        last: 'Veenstra',
        from: null,
        current: [3, 'vwo'],
        requested: [4, 'vwo'],
        reason: 'verhuizing',
        why: 'Het gezin verhuist van Utrecht naar Amsterdam-Noord. Het dossier van de vorige school is ontvangen; geen bijzonderheden.',
        prefs: ['buiksloot', 'zuidas'],
      },
      {
        first: 'Fleur',
        last: 'Kok',
        from: 'gaasper',
        current: [3, 'vwo'],
        requested: [4, 'vwo'],
        reason: 'verhuizing',
        why: `${VERHUIZING} Het nieuwe adres is in Buitenveldert.`,
        prefs: ['zuidas', 'buiksloot'],
      },
    ],
  },
  {
    name: 'onderbouw havo/vwo',
    kind: 'all-placed',
    pupils: [
      {
        first: 'Daniël',
        last: 'Groen',
        from: 'weesp',
        current: [1, 'vwo'],
        requested: [2, 'havo/vwo'],
        reason: 'verhuizing',
        why: `${VERHUIZING} Het nieuwe adres is in Oud-West.`,
        prefs: ['vondel', 'gaasper'],
        after: 'accept',
      },
      {
        first: 'Ilse',
        last: 'van den Heuvel',
        from: 'gaasper',
        current: [2, 'vwo'],
        requested: [3, 'vwo'],
        reason: 'verhuizing',
        why: `${VERHUIZING} Het nieuwe adres is in Noord.`,
        prefs: ['buiksloot', 'vondel'],
        after: 'pending',
      },
    ],
  },
];

/** Withdrawn before the round: one after submitting, one as a draft. */
export const WITHDRAWN_EARLY: (DemoPupil & { submit: boolean })[] = [
  {
    first: 'Rayan',
    last: 'Chaouch',
    from: 'zuidas',
    current: [2, 'vwo'],
    requested: [3, 'vwo'],
    reason: 'anders',
    why: ANDERS,
    prefs: ['vondel', 'buiksloot'],
    submit: true,
    withdrawReason: 'Na een gesprek met de mentor blijft de leerling toch op de eigen school.',
  },
  {
    first: 'Elif',
    last: 'Demir',
    from: 'sloterplas',
    current: [2, 'vmbo-k'],
    requested: [3, 'vmbo-b'],
    reason: 'afstroom',
    why: AFSTROOM_VMBO,
    prefs: ['osdorp'],
    submit: false,
    withdrawReason: 'De ouders zien af van de overstap.',
  },
];

/** Submitted after the round: they wait for the first round of June. */
export const SUBMITTED_LATER: DemoPupil[] = [
  {
    first: 'Max',
    last: 'de Jong',
    from: 'noorderlicht',
    current: [2, 'havo'],
    requested: [3, 'havo'],
    reason: 'anders',
    why: ANDERS,
    prefs: ['ijburg', 'westerpark'],
  },
  {
    first: 'Maud',
    last: 'Dijkstra',
    from: 'oostpoort',
    current: [4, 'havo'],
    requested: [5, 'havo'],
    reason: 'anders',
    why: ANDERS,
    support: {
      categories: ['sociaal-emotioneel'],
      text: 'Is gepest; heeft baat bij een kleine mentorgroep en een vast aanspreekpunt.',
    },
    prefs: ['zuidas', 'buiksloot'],
  },
  {
    first: 'Owen',
    last: 'Martina',
    from: null,
    current: [3, 'vmbo-gt'],
    requested: [4, 'vmbo-gt'],
    reason: 'verhuizing',
    why: 'Het gezin verhuist van Rotterdam naar Amsterdam-Zuidoost. Het onderwijskundig rapport van de vorige school is ontvangen.',
    prefs: ['bijlmer', 'weesp'],
  },
  {
    first: 'Lina',
    last: 'Aziz',
    from: 'diemen',
    current: [2, 'vmbo-k'],
    requested: [3, 'vmbo-b'],
    reason: 'afstroom',
    why: AFSTROOM_VMBO,
    prefs: ['weesp', 'bijlmer'],
  },
  {
    first: 'Joep',
    last: 'Verhoeven',
    from: 'diemen',
    current: [4, 'vwo'],
    requested: [5, 'havo'],
    reason: 'afstroom',
    why: AFSTROOM_VWO,
    prefs: ['zuidas', 'buiksloot'],
  },
];

/** Drafts still being filled in by their schools. */
export const DRAFTS: DemoPupil[] = [
  {
    first: 'Sophie',
    last: 'Vink',
    from: 'ijburg',
    current: [3, 'havo'],
    requested: [4, 'vmbo-gt'],
    reason: 'afstroom',
    why: AFSTROOM_HAVO,
    prefs: ['meer'],
    consent: null,
  },
  {
    first: 'Mees',
    last: 'Kramer',
    from: 'zuidas',
    current: [2, 'vwo'],
    requested: [3, 'havo'],
    reason: 'afstroom',
    why: '',
    prefs: ['ijburg', 'westerpark'],
  },
  {
    first: 'Aylin',
    last: 'Öztürk',
    from: 'bijlmer',
    current: [2, 'vmbo-b'],
    requested: [3, 'pro'],
    reason: 'afstroom',
    why: 'Toelaatbaarheidsadvies praktijkonderwijs is aangevraagd; het besluit volgt.',
    support: {
      categories: ['leren'],
      text: 'Leerachterstand van ruim twee jaar bij rekenen en lezen; werkt met een eigen leerlijn.',
    },
    prefs: ['kolk', 'geuzenveld'],
  },
  {
    first: 'Thomas',
    last: 'Wouters',
    from: 'westerpark',
    current: [3, 'havo'],
    requested: [4, 'vmbo-gt'],
    reason: 'afstroom',
    why: AFSTROOM_HAVO,
    prefs: [],
    consent: null,
  },
  {
    first: 'Hanna',
    last: 'Claes',
    from: 'diemen',
    current: [2, 'vmbo-gt'],
    requested: [3, 'vmbo-k'],
    reason: 'afstroom',
    why: AFSTROOM_VMBO,
    prefs: ['weesp'],
  },
];

/** Notes on the mediation cases, by the pupil's requested niveau. */
export const CASE_NOTES: Partial<Record<Level, string>> & { default: string } = {
  havo: 'Gebeld met de ouders: de leerling staat ook open voor een school in Oost, Noord of Diemen. Er zijn nog havo 4-plaatsen bij Oostpoort College en Diemerpark College; ik leg het voor aan de coördinatoren.',
  'vmbo-gt':
    'Overleg met de zendende school gehad. Bijlmer Scholengemeenschap en Vechtoever hebben nog plaats in vmbo-gt 4; volgende stap: bespreken aan de plaatsingstafel.',
  vwo: 'De leerling wil een atheneum zonder klassieke talen. Diemerpark College heeft nog een plaats in vwo 4; contact opgenomen met de coördinator.',
  default:
    'Dossier doorgenomen met de zendende school; volgende stap: bespreken aan de plaatsingstafel.',
};
