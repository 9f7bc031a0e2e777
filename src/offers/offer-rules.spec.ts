import {
  checkOffers,
  CSV_CHECK_OPTIONS,
  csvToOffers,
  OfferInput,
  parseOfferCsv,
  profileError,
  SchoolInfo,
  shapeRow,
} from './offer-rules';

const A: SchoolInfo = {
  id: '00000000-0000-4000-8000-00000000000a',
  brin: '12AB00',
  name: 'Lyceum A',
  levels: ['vmbo-gt', 'havo', 'vwo'],
};
const B: SchoolInfo = {
  id: '00000000-0000-4000-8000-00000000000b',
  brin: '34CD01',
  name: 'College B',
  levels: ['pro', 'vmbo-b', 'vmbo-k'],
};
const schools = new Map([A, B].map((s) => [s.id, s]));
const admin = { role: 'admin' as const, schoolIds: [] };
const coordA = { role: 'coordinator' as const, schoolIds: [A.id] };
const row = (over: Partial<OfferInput>, n = 1) => ({
  row: n,
  input: {
    schoolId: A.id,
    grade: 3,
    level: 'havo',
    profile: '',
    capacity: 5,
    ...over,
  } as OfferInput,
});

describe('offer rules', () => {
  it('accepts good rows', () => {
    const res = checkOffers(
      [
        row({}),
        row({ schoolId: B.id, level: 'vmbo-b', grade: 3, profile: 'Zorg en welzijn' }, 2),
        row({ schoolId: B.id, level: 'pro', grade: 6 }, 3),
      ],
      schools,
      admin,
    );
    expect(res).toEqual({ errors: [], forbidden: [] });
  });

  it('refuses combinations that do not exist, naming them', () => {
    const res = checkOffers(
      [row({ schoolId: B.id, level: 'vmbo-b', grade: 5 }), row({ grade: 6 }, 2)],
      schools,
      admin,
    );
    expect(res.errors).toEqual([
      { row: 1, field: 'grade', message: expect.stringContaining('leerjaar 5') },
      { row: 2, field: 'grade', message: expect.stringContaining('leerjaar 6') },
    ]);
    expect(res.errors[0].message).toContain('vmbo-b');
    expect(res.errors[1].message).toContain('havo');
  });

  it('refuses a level the school does not offer', () => {
    const res = checkOffers([row({ level: 'vmbo-k', grade: 2 })], schools, admin);
    expect(res.errors).toEqual([
      { row: 1, field: 'level', message: expect.stringContaining('niet aangeboden door Lyceum A') },
    ]);
  });

  it('allows a profile only from leerjaar 3 (vmbo, pro) or 4 (havo, vwo)', () => {
    expect(profileError(3, 'vmbo-gt', 'techniek')).toBeNull();
    expect(profileError(2, 'vmbo-gt', 'techniek')).toContain('vanaf leerjaar 3');
    expect(profileError(3, 'pro', 'groen')).toBeNull();
    expect(profileError(3, 'havo', 'NT')).toContain('vanaf leerjaar 4');
    expect(profileError(4, 'vwo', 'NT')).toBeNull();
    expect(profileError(3, 'havo/vwo', 'NT')).not.toBeNull();
    expect(profileError(1, 'havo', '')).toBeNull();
  });

  it('refuses duplicate keys, naming the first row', () => {
    const res = checkOffers([row({}), row({ capacity: 9 }, 2)], schools, admin);
    expect(res.errors).toEqual([
      { row: 2, field: 'row', message: expect.stringContaining('regel 1') },
    ]);
  });

  it('lets a coordinator enter only their own school; unknown schools are errors', () => {
    const res = checkOffers(
      [row({}), row({ schoolId: B.id, level: 'vmbo-b' }, 2), row({ schoolId: 'x' }, 3)],
      schools,
      coordA,
    );
    expect(res.forbidden).toEqual([
      { row: 2, field: 'schoolId', message: expect.stringContaining('College B (34CD01)') },
    ]);
    expect(res.errors).toEqual([
      { row: 3, field: 'schoolId', message: 'school niet gevonden in deze regio' },
    ]);
  });

  it('checks the shape of JSON rows', () => {
    expect(shapeRow({ schoolId: A.id, grade: 3, level: 'havo', capacity: 0 }, 1)).toEqual({
      input: { schoolId: A.id, grade: 3, level: 'havo', profile: '', capacity: 0 },
      problems: [],
    });
    const bad = shapeRow(
      { schoolId: 'nope', grade: '3', level: 'mbo', capacity: -1, profile: 3, extra: 1 },
      4,
    );
    expect(bad.input).toBeUndefined();
    expect(bad.problems.map((p) => p.field).sort()).toEqual(
      ['capacity', 'extra', 'grade', 'level', 'profile', 'schoolId'].sort(),
    );
    expect(bad.problems.every((p) => p.row === 4)).toBe(true);
    expect(shapeRow(2.5, 1).problems[0].field).toBe('row');
    expect(shapeRow({ schoolId: A.id, grade: 1, level: 'vwo', capacity: 1.5 }, 1).problems).toEqual(
      [{ row: 1, field: 'capacity', message: expect.stringContaining('geheel getal') }],
    );
  });
});

describe('offer CSV', () => {
  it('parses ; or , with headers in any case and order, profiel optional', () => {
    const semi = parseOfferCsv(
      '\uFEFFBRIN;Leerjaar;Niveau;Profiel;Plaatsen\r\n12ab00;3;HAVO;;4\r\n\r\n12AB00;4;havo;NT;2\r\n',
    );
    expect(semi.problems).toEqual([]);
    expect(semi.rows).toEqual([
      { line: 2, brin: '12AB00', grade: 3, level: 'havo', profile: '', capacity: 4 },
      { line: 4, brin: '12AB00', grade: 4, level: 'havo', profile: 'NT', capacity: 2 },
    ]);
    const comma = parseOfferCsv('plaatsen,niveau,leerjaar,brin\n7,vwo,1,12AB00\n');
    expect(comma.rows).toEqual([
      { line: 2, brin: '12AB00', grade: 1, level: 'vwo', profile: '', capacity: 7 },
    ]);
  });

  it('names every bad line', () => {
    const res = parseOfferCsv(
      [
        'brin;leerjaar;niveau;profiel;plaatsen',
        '12AB00;3;havo;;4',
        '12AB00;drie;havo;;4',
        '12AB00;3;mbo;;4',
        '12AB00;3;havo;;-2',
        '12AB00;3;havo;;veel',
        '12AB00;3;havo',
        '12AB00;3;havo;;1;extra',
      ].join('\n'),
    );
    expect(res.rows.map((r) => r.line)).toEqual([2]);
    expect(res.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'leerjaar'],
      [4, 'niveau'],
      [5, 'plaatsen'],
      [6, 'plaatsen'],
      [7, 'plaatsen'],
      [8, 'csv'],
    ]);
  });

  it('refuses a missing or unknown header column', () => {
    expect(parseOfferCsv('brin;leerjaar;niveau\n12AB00;3;havo').problems).toEqual([
      { row: 1, field: 'plaatsen', message: "kolom 'plaatsen' ontbreekt" },
    ]);
    expect(parseOfferCsv('brin;leerjaar;niveau;plaatsen;kleur\n').problems[0].message).toContain(
      'kleur',
    );
    expect(parseOfferCsv('').problems[0].row).toBe(1);
  });

  it('reports unknown BRINs through the shared rules, with the other problems of the line', () => {
    const { rows } = parseOfferCsv(
      'brin;leerjaar;niveau;plaatsen\n99ZZ99;5;vmbo-b;1\n12AB00;2;havo;1',
    );
    const byBrin = new Map([[A.brin, A]]);
    const res = checkOffers(csvToOffers(rows, byBrin), schools, admin, CSV_CHECK_OPTIONS);
    expect(res.errors).toEqual([
      { row: 2, field: 'brin', message: expect.stringContaining("onbekende BRIN '99ZZ99'") },
      { row: 2, field: 'leerjaar', message: expect.stringContaining('vmbo-b') },
    ]);
  });
});
