import { ageOn, birthDateError } from './pupil-age';

describe('a pupil’s birth date', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2012-03-14', '2026-03-13')).toBe(13);
    expect(ageOn('2012-03-14', '2026-03-14')).toBe(14);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
  });

  it('accepts secondary-school ages and names the rest', () => {
    expect(birthDateError('2012-03-14', '2026-11-23')).toBeNull();
    expect(birthDateError('2018-11-23', '2026-11-23')).toBeNull(); // 8 today
    expect(birthDateError('2030-01-01', '2026-11-23')).toBe(
      'dateOfBirth: 2030-01-01 ligt in de toekomst',
    );
    expect(birthDateError('2021-03-14', '2026-11-23')).toMatch(/5 jaar/);
    expect(birthDateError('1000-01-01', '2026-11-23')).toMatch(/1026 jaar/);
  });
});
