import { DEFAULT_RETENTION_YEARS, isExpired, keptUntil } from './retention-period';

describe('retention period', () => {
  it('keeps a season two years by default', () => {
    expect(DEFAULT_RETENTION_YEARS).toBe(2);
    expect(keptUntil('2024-09-30', DEFAULT_RETENTION_YEARS)).toBe('2026-09-30');
  });

  it('keeps the data on the day exactly two years after the end, erases it the day after', () => {
    expect(isExpired('2024-09-30', '2026-09-29', 2)).toBe(false);
    expect(isExpired('2024-09-30', '2026-09-30', 2)).toBe(false);
    expect(isExpired('2024-09-30', '2026-10-01', 2)).toBe(true);
  });

  it('is not expired during the season or right after it', () => {
    expect(isExpired('2026-09-30', '2026-07-01', 2)).toBe(false);
    expect(isExpired('2026-09-30', '2026-10-01', 2)).toBe(false);
    expect(isExpired('2026-09-30', '2027-12-31', 2)).toBe(false);
  });

  it('crosses a year end', () => {
    expect(keptUntil('2024-12-31', 2)).toBe('2026-12-31');
    expect(isExpired('2024-12-31', '2026-12-31', 2)).toBe(false);
    expect(isExpired('2024-12-31', '2027-01-01', 2)).toBe(true);
  });

  it('a season ending on 29 February is kept until 28 February', () => {
    expect(keptUntil('2024-02-29', 2)).toBe('2026-02-28');
    expect(isExpired('2024-02-29', '2026-02-28', 2)).toBe(false);
    expect(isExpired('2024-02-29', '2026-03-01', 2)).toBe(true);
    expect(keptUntil('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('takes the configured period', () => {
    expect(keptUntil('2024-09-30', 1)).toBe('2025-09-30');
    expect(isExpired('2024-09-30', '2025-10-01', 1)).toBe(true);
    expect(isExpired('2024-09-30', '2025-10-01', 3)).toBe(false);
    expect(isExpired('2024-09-30', '2027-10-01', 3)).toBe(true);
  });

  it('refuses a period that is not a whole number of years, or a bad date', () => {
    expect(() => keptUntil('2024-09-30', 0)).toThrow();
    expect(() => keptUntil('2024-09-30', 1.5)).toThrow();
    expect(() => keptUntil('30-09-2024', 2)).toThrow();
  });
});
