import { amsterdamInstant } from './amsterdam-time';

describe('amsterdamInstant', () => {
  it('is UTC+2 in summer and UTC+1 in winter', () => {
    expect(amsterdamInstant('2027-06-21').toISOString()).toBe('2027-06-21T07:00:00.000Z');
    expect(amsterdamInstant('2027-01-15').toISOString()).toBe('2027-01-15T08:00:00.000Z');
  });
});
