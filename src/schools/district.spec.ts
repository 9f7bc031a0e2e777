import { DISTRICT_RANGES, DISTRICTS, districtOf, districtSql } from './district';

describe('districtOf (postcode → stadsdeel)', () => {
  it('maps the four digits to the Amsterdam stadsdelen, Diemen and Weesp', () => {
    expect(districtOf('1011 AB')).toBe('Centrum');
    expect(districtOf('1018XY')).toBe('Centrum');
    expect(districtOf('1019 AA')).toBe('Oost');
    expect(districtOf('1091 AB')).toBe('Oost');
    expect(districtOf('1024 AB')).toBe('Noord');
    expect(districtOf('1055 AB')).toBe('West');
    expect(districtOf('1062 AB')).toBe('Nieuw-West');
    expect(districtOf('1077 AB')).toBe('Zuid');
    expect(districtOf('1102 AB')).toBe('Zuidoost');
    expect(districtOf('1111 AB')).toBe('Diemen');
    expect(districtOf('1381 AB')).toBe('Weesp');
  });

  it('gives Overig outside the ranges and for malformed postcodes', () => {
    for (const p of ['1043 AB', '1084 AB', '1109 AB', '3511 AB', '', 'abc', null, undefined]) {
      expect(districtOf(p)).toBe('Overig');
    }
  });

  it('has ranges that do not overlap and only known names', () => {
    const sorted = [...DISTRICT_RANGES].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([from, to, name], i) => {
      expect(from).toBeLessThanOrEqual(to);
      expect(DISTRICTS).toContain(name);
      if (i > 0) expect(from).toBeGreaterThan(sorted[i - 1][1]);
    });
  });

  it('builds a SQL expression naming every range', () => {
    const sql = districtSql('s.postcode');
    for (const [from, to, name] of DISTRICT_RANGES) {
      expect(sql).toContain(`between ${from} and ${to} then '${name}'`);
    }
    expect(sql).toContain("else 'Overig'");
  });
});
