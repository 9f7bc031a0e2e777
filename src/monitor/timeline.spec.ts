import { statusAt, timeline } from './timeline';

describe('season timeline', () => {
  const pupil = {
    submitted: '2027-06-01',
    placed: '2027-06-25',
    withdrawn: null,
    proposals: [{ from: '2027-06-21', to: '2027-06-23' }],
    cases: [{ from: '2027-06-23', to: '2027-06-25' }],
  };

  it('places a pupil in one status per day, placed first', () => {
    expect(statusAt(pupil, '2027-05-31')).toBeNull();
    expect(statusAt(pupil, '2027-06-01')).toBe('submitted');
    expect(statusAt(pupil, '2027-06-21')).toBe('proposed');
    expect(statusAt(pupil, '2027-06-23')).toBe('mediation');
    expect(statusAt(pupil, '2027-06-25')).toBe('placed');
  });

  it('counts every day from first to last, inclusive', () => {
    const days = timeline(
      [pupil, { ...pupil, placed: null, withdrawn: '2027-06-02', proposals: [], cases: [] }],
      '2027-06-01',
      '2027-06-03',
    );
    expect(days.map((d) => [d.date, d.submitted, d.withdrawn])).toEqual([
      ['2027-06-01', 2, 0],
      ['2027-06-02', 1, 1],
      ['2027-06-03', 1, 1],
    ]);
  });
});
