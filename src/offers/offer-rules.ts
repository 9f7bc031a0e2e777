import { parse } from 'csv-parse/sync';
import { actsForSchool } from '../access/access-rules';
import { gradeLevelError, Level, LEVELS } from '../common/levels';
import { Role } from '../users/user.entity';

/**
 * The rules for entering free places, as plain functions (no framework, no database): the service
 * loads the region's schools, asks these functions for every problem at once and writes only when
 * there is none.
 */

/** Most rows one PUT or one CSV file may hold. */
export const MAX_OFFER_ROWS = 2000;
/** Most places one offer can have (a sanity bound, far above any real school). */
export const MAX_CAPACITY = 10_000;
export const MAX_PROFILE_LENGTH = 60;

/** One offer row, checked for shape. */
export interface OfferInput {
  schoolId: string;
  grade: number;
  level: Level;
  /** '' = no profile. */
  profile: string;
  capacity: number;
}

/** One problem with one row; `row` is the 1-based row of the request or the CSV line number. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

export interface SchoolInfo {
  id: string;
  brin: string;
  name: string;
  levels: readonly string[];
}

export interface Actor {
  role: Role;
  schoolIds: readonly string[];
}

export interface CheckResult {
  /** Bad data: 400. */
  errors: RowProblem[];
  /** A coordinator acting for a school that is not theirs. */
  forbidden: RowProblem[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROW_FIELDS = ['schoolId', 'grade', 'level', 'profile', 'capacity'];
const isLevel = (s: string): s is Level => (LEVELS as readonly string[]).includes(s);

/**
 * The first leerjaar in which a profile may be chosen: 3 for vmbo (and pro, treated like vmbo),
 * 4 for havo and vwo. Mixed first-years classes never have a profile (they end before that).
 */
export function firstProfileGrade(level: Level): number {
  switch (level) {
    case 'havo':
    case 'vwo':
    case 'havo/vwo':
    case 'vmbo-gt/havo':
      return 4;
    default:
      return 3;
  }
}

/** Null when the profile fits the grade and level ('' always fits), else a Dutch message. */
export function profileError(grade: number, level: Level, profile: string): string | null {
  if (!profile) return null;
  if (profile.length > MAX_PROFILE_LENGTH) {
    return `profiel mag hoogstens ${MAX_PROFILE_LENGTH} tekens zijn`;
  }
  const from = firstProfileGrade(level);
  if (grade < from) {
    return `profiel '${profile}' kan pas vanaf leerjaar ${from} voor ${level} (niet in leerjaar ${grade})`;
  }
  return null;
}

export function capacityError(capacity: unknown): string | null {
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) {
    return 'capaciteit moet een geheel getal van 0 of meer zijn';
  }
  if (capacity > MAX_CAPACITY) return `capaciteit mag hoogstens ${MAX_CAPACITY} zijn`;
  return null;
}

/** Checks the shape of one JSON row; returns the row when it is well-formed. */
export function shapeRow(
  raw: unknown,
  row: number,
): { input?: OfferInput; problems: RowProblem[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [{ row, field: 'row', message: 'een regel moet een object zijn' }] };
  }
  const r = raw as Record<string, unknown>;
  const problems: RowProblem[] = [];
  const add = (field: string, message: string) => problems.push({ row, field, message });
  for (const key of Object.keys(r)) {
    if (!ROW_FIELDS.includes(key)) add(key, `onbekend veld '${key}'`);
  }
  if (typeof r.schoolId !== 'string' || !UUID.test(r.schoolId)) {
    add('schoolId', 'schoolId moet een uuid zijn');
  }
  const gradeOk = typeof r.grade === 'number' && Number.isInteger(r.grade);
  if (!gradeOk) add('grade', 'leerjaar moet een geheel getal zijn');
  const levelOk = typeof r.level === 'string' && isLevel(r.level);
  if (!levelOk) add('level', `onbekend niveau '${String(r.level)}' (${LEVELS.join(', ')})`);
  if (r.profile !== undefined && r.profile !== null && typeof r.profile !== 'string') {
    add('profile', 'profiel moet tekst zijn');
  }
  const cap = capacityError(r.capacity);
  if (cap) add('capacity', cap);
  if (problems.length) return { problems };
  return {
    input: {
      schoolId: (r.schoolId as string).toLowerCase(),
      grade: r.grade as number,
      level: r.level as Level,
      profile: typeof r.profile === 'string' ? r.profile.trim() : '',
      capacity: r.capacity as number,
    },
    problems,
  };
}

export const offerKey = (o: Pick<OfferInput, 'schoolId' | 'grade' | 'level' | 'profile'>) =>
  [o.schoolId, o.grade, o.level, o.profile.toLowerCase()].join('|');

const schoolLabel = (s: SchoolInfo) => `${s.name} (${s.brin})`;

const JSON_FIELDS = { school: 'schoolId', grade: 'grade', level: 'level', profile: 'profile' };
/** The same checks on CSV rows name the Dutch columns. */
export const CSV_FIELDS = {
  school: 'brin',
  grade: 'leerjaar',
  level: 'niveau',
  profile: 'profiel',
};

export interface CheckOptions {
  fields?: Partial<typeof JSON_FIELDS>;
  /** The message for a school id that is not in the region. */
  unknownSchool?: (schoolId: string) => string;
}

/**
 * The rules on well-formed rows: school of the region, the caller's own school (coordinator),
 * an existing leerjaar × niveau that the school offers, a profile only where it can be, and no
 * row twice. Every problem of every row is returned.
 */
export function checkOffers(
  rows: { row: number; input: OfferInput }[],
  schools: ReadonlyMap<string, SchoolInfo>,
  actor: Actor,
  opts: CheckOptions = {},
): CheckResult {
  const f = { ...JSON_FIELDS, ...opts.fields };
  const unknown = opts.unknownSchool ?? (() => 'school niet gevonden in deze regio');
  const errors: RowProblem[] = [];
  const forbidden: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { row, input } of rows) {
    const school = schools.get(input.schoolId);
    if (!school) {
      errors.push({ row, field: f.school, message: unknown(input.schoolId) });
    } else if (!actsForSchool(actor, school.id)) {
      forbidden.push({
        row,
        field: f.school,
        message: `${schoolLabel(school)} is niet uw school; u kunt alleen de plaatsen van uw eigen school invoeren`,
      });
    }
    const combination = gradeLevelError(input.grade, input.level);
    if (combination) {
      errors.push({ row, field: f.grade, message: combination });
    } else {
      if (school && !school.levels.includes(input.level)) {
        errors.push({
          row,
          field: f.level,
          message: `niveau ${input.level} wordt niet aangeboden door ${schoolLabel(school)} (wel: ${school.levels.join(', ') || 'geen'})`,
        });
      }
      const profile = profileError(input.grade, input.level, input.profile);
      if (profile) errors.push({ row, field: f.profile, message: profile });
    }
    const key = offerKey(input);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        row,
        field: 'row',
        message: `dubbele regel: zelfde school, leerjaar, niveau en profiel als regel ${first}`,
      });
    } else {
      seen.set(key, row);
    }
  }
  return { errors, forbidden };
}

/** One parsed CSV data row, with the line it came from (the header is line 1). */
export interface CsvOfferRow {
  line: number;
  brin: string;
  grade: number;
  level: Level;
  profile: string;
  capacity: number;
}

const CSV_REQUIRED = ['brin', 'leerjaar', 'niveau', 'plaatsen'] as const;
const CSV_COLUMNS = [...CSV_REQUIRED, 'profiel'];

/**
 * Parses `brin;leerjaar;niveau;profiel;plaatsen` (or comma-separated; header names in any case and
 * order; `profiel` optional) into rows and the problems of every line. BRINs are resolved and
 * checked by the caller, who knows the region's schools.
 */
export function parseOfferCsv(text: string): { rows: CsvOfferRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info` each record comes with its line; csv-parse's types do not say so.
    records = parse(body, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      problems: [
        { row: line, field: 'csv', message: `CSV niet leesbaar: ${(e as Error).message}` },
      ],
    };
  }
  const header = records[0];
  if (!header || header.info.lines !== 1 || header.record.every((c) => !c)) {
    return {
      rows: [],
      problems: [
        {
          row: 1,
          field: 'header',
          message: `de eerste regel moet de kolomnamen bevatten: ${CSV_COLUMNS.join(';')}`,
        },
      ],
    };
  }
  const names = header.record.map((h) => h.toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!CSV_COLUMNS.includes(n)) {
      problems.push({ row: 1, field: 'header', message: `onbekende kolom '${header.record[i]}'` });
    } else if (index.has(n)) {
      problems.push({ row: 1, field: 'header', message: `kolom '${n}' staat er twee keer in` });
    } else {
      index.set(n, i);
    }
  });
  for (const c of CSV_REQUIRED) {
    if (!index.has(c)) problems.push({ row: 1, field: c, message: `kolom '${c}' ontbreekt` });
  }
  if (problems.length) return { rows: [], problems };
  const data = records.slice(1);
  if (!data.length) {
    return {
      rows: [],
      problems: [{ row: 2, field: 'csv', message: 'het bestand heeft geen regels' }],
    };
  }
  if (data.length > MAX_OFFER_ROWS) {
    return {
      rows: [],
      problems: [
        {
          row: data[MAX_OFFER_ROWS].info.lines,
          field: 'csv',
          message: `te veel regels: hoogstens ${MAX_OFFER_ROWS} per bestand`,
        },
      ],
    };
  }

  const rows: CsvOfferRow[] = [];
  for (const { record, info } of data) {
    const line = info.lines;
    const add = (field: string, message: string) => problems.push({ row: line, field, message });
    const before = problems.length;
    if (record.length > header.record.length) {
      add('csv', `te veel kolommen (${record.length}, verwacht ${header.record.length})`);
    }
    const cell = (name: string): string | undefined => {
      const i = index.get(name);
      return i === undefined ? '' : record[i];
    };
    const value: Record<string, string> = {};
    for (const c of CSV_REQUIRED) {
      const v = cell(c);
      if (v === undefined || v === '') add(c, `kolom ${c} ontbreekt`);
      else value[c] = v;
    }
    const brin = value.brin?.toUpperCase();
    const gradeText = value.leerjaar;
    const levelText = value.niveau?.toLowerCase();
    const capText = value.plaatsen;
    const profile = cell('profiel') ?? '';
    let grade = NaN;
    if (gradeText !== undefined) {
      if (/^\d{1,2}$/.test(gradeText)) grade = Number(gradeText);
      else add('leerjaar', `leerjaar '${gradeText}' is geen geheel getal`);
    }
    if (levelText !== undefined && !isLevel(levelText)) {
      add('niveau', `onbekend niveau '${value.niveau}' (${LEVELS.join(', ')})`);
    }
    let capacity = NaN;
    if (capText !== undefined) {
      if (/^\d{1,9}$/.test(capText)) {
        capacity = Number(capText);
        const err = capacityError(capacity);
        if (err) add('plaatsen', err.replace('capaciteit', 'plaatsen'));
      } else {
        add('plaatsen', `plaatsen '${capText}' moet een geheel getal van 0 of meer zijn`);
      }
    }
    if (problems.length === before) {
      rows.push({ line, brin: brin!, grade, level: levelText as Level, profile, capacity });
    }
  }
  return { rows, problems };
}

const UNKNOWN_BRIN = 'brin:';

/**
 * Turns CSV rows into offer rows: a known BRIN becomes its school's id; an unknown one stays a
 * placeholder that checkOffers reports (so the row's other problems are reported as well).
 */
export function csvToOffers(
  rows: CsvOfferRow[],
  schoolsByBrin: ReadonlyMap<string, SchoolInfo>,
): { row: number; input: OfferInput }[] {
  return rows.map((r) => ({
    row: r.line,
    input: {
      schoolId: schoolsByBrin.get(r.brin)?.id ?? `${UNKNOWN_BRIN}${r.brin}`,
      grade: r.grade,
      level: r.level,
      profile: r.profile,
      capacity: r.capacity,
    },
  }));
}

export const CSV_CHECK_OPTIONS: CheckOptions = {
  fields: CSV_FIELDS,
  unknownSchool: (id) =>
    `onbekende BRIN '${id.replace(UNKNOWN_BRIN, '')}': geen school in deze regio`,
};

/** Problems sorted by row, then in the order found (stable). */
export function byRow(problems: RowProblem[]): RowProblem[] {
  return [...problems].sort((a, b) => a.row - b.row);
}
