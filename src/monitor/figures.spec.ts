import {
  addCounts,
  countsOf,
  percentNl,
  placedBeforeSummerShare,
  placedShare,
  ZERO,
} from './figures';

describe('monitor figures', () => {
  it('counts each status once and leaves drafts and withdrawn requests out', () => {
    expect(countsOf('placed', 3, 2)).toEqual({
      ...ZERO,
      placed: 3,
      placedBeforeSummer: 2,
      total: 3,
    });
    // Only a placed pupil can be placed before the summer holiday.
    expect(countsOf('mediation', 3, 2)).toEqual({ ...ZERO, mediation: 3, total: 3 });
    expect(countsOf('submitted', 2)).toEqual({ ...ZERO, unplaced: 2, total: 2 });
    expect(countsOf('draft', 5)).toEqual(ZERO);
    expect(countsOf('withdrawn', 5)).toEqual(ZERO);
    const all = ['placed', 'proposed', 'mediation', 'submitted', 'draft', 'withdrawn']
      .map((s, i) => countsOf(s, i + 1, 1))
      .reduce(addCounts, ZERO);
    expect(all).toEqual({
      placed: 1,
      placedBeforeSummer: 1,
      proposed: 2,
      mediation: 3,
      unplaced: 4,
      total: 10,
    });
  });

  it('the share is placed over all requests that count, rounded to 4 decimals', () => {
    expect(placedShare({ placed: 3, total: 8 })).toBe(0.375);
    expect(placedShare({ placed: 1, total: 3 })).toBe(0.3333);
    expect(placedShare({ placed: 2, total: 3 })).toBe(0.6667);
    expect(placedShare({ placed: 5, total: 5 })).toBe(1);
    expect(placedShare({ placed: 0, total: 4 })).toBe(0);
    expect(placedShare({ placed: 0, total: 0 })).toBeNull();
    expect(placedBeforeSummerShare({ placedBeforeSummer: 1, total: 8 })).toBe(0.125);
    expect(placedBeforeSummerShare({ placedBeforeSummer: 0, total: 0 })).toBeNull();
  });

  it('writes the share as a Dutch percentage', () => {
    expect(percentNl(0.375)).toBe('37,5');
    expect(percentNl(0.3333)).toBe('33,3');
    expect(percentNl(1)).toBe('100,0');
    expect(percentNl(0)).toBe('0,0');
    expect(percentNl(null)).toBe('');
  });
});
