import { dutchLongDate, entryDecision } from './entry-window';

describe('entry window', () => {
  const season = { entryOpens: '2026-11-01', entryCloses: '2027-06-18' };

  it('says dates the Dutch way', () => {
    expect(dutchLongDate('2026-11-01')).toBe('1 november 2026');
    expect(dutchLongDate('2027-06-18')).toBe('18 juni 2027');
  });

  it('refuses everyone before entry opens, naming the date', () => {
    for (const role of ['coordinator', 'advisor', 'admin'] as const) {
      const d = entryDecision(season, '2026-10-31', role);
      expect(d).toMatchObject({ ok: false, date: '2026-11-01' });
      if (!d.ok) expect(d.message).toContain('Indienen kan vanaf 1 november 2026');
    }
  });

  it('lets everyone submit from the first to the last day, inclusive', () => {
    for (const today of ['2026-11-01', '2027-03-01', '2027-06-18'])
      expect(entryDecision(season, today, 'coordinator')).toEqual({ ok: true, late: false });
  });

  it('after entry closes: advisors and admins submit a late entry, coordinators are refused', () => {
    expect(entryDecision(season, '2027-06-19', 'advisor')).toEqual({ ok: true, late: true });
    expect(entryDecision(season, '2027-06-19', 'admin')).toEqual({ ok: true, late: true });
    const d = entryDecision(season, '2027-06-19', 'coordinator');
    expect(d).toMatchObject({ ok: false, date: '2027-06-18' });
    if (!d.ok) {
      expect(d.message).toContain('gesloten sinds 19 juni 2027');
      expect(d.message).toContain('vraag een onderwijsadviseur');
    }
  });
});
