import {
  compareSuggestions,
  orderSuggestions,
  postcodeArea,
  postcodeDistance,
} from './suggestions';

const item = (
  offerId: string,
  preferenceRank: number | null,
  distance: number | null,
  schoolName = offerId,
) => ({ offerId, preferenceRank, distance, schoolName });

describe('postcode distance', () => {
  it('reads the four-digit area, with or without a space', () => {
    expect(postcodeArea('1011 AB')).toBe(1011);
    expect(postcodeArea('1102XY')).toBe(1102);
    expect(postcodeArea(' 1383 AA')).toBe(1383);
    expect(postcodeArea('')).toBeNull();
    expect(postcodeArea('0123 AB')).toBeNull();
    expect(postcodeArea(null)).toBeNull();
  });

  it('is the absolute difference of the areas, symmetric, null when unknown', () => {
    expect(postcodeDistance('1011 AB', '1019 ZZ')).toBe(8);
    expect(postcodeDistance('1102 AA', '1011 AB')).toBe(91);
    expect(postcodeDistance('1011 AB', '1102 AA')).toBe(91);
    expect(postcodeDistance('1011 AB', '1011 ZZ')).toBe(0);
    expect(postcodeDistance('1011 AB', 'onbekend')).toBeNull();
  });
});

describe('suggestion order', () => {
  it('puts own preferences first in their order, then the nearest, unknown distance last', () => {
    const ordered = orderSuggestions([
      item('far', null, 300),
      item('pref2', 2, 900),
      item('unknown', null, null),
      item('near', null, 5),
      item('pref1', 1, 1000),
      item('mid', null, 40),
    ]);
    expect(ordered.map((i) => i.offerId)).toEqual([
      'pref1',
      'pref2',
      'near',
      'mid',
      'far',
      'unknown',
    ]);
  });

  it('breaks ties by school name, then offer id, and does not change its input', () => {
    const input = [
      item('b', null, 10, 'Zuid'),
      item('a', null, 10, 'Noord'),
      item('c', null, 10, 'Noord'),
    ];
    expect(orderSuggestions(input).map((i) => i.offerId)).toEqual(['a', 'c', 'b']);
    expect(input.map((i) => i.offerId)).toEqual(['b', 'a', 'c']);
    expect(compareSuggestions(input[1], input[1])).toBe(0);
  });
});
