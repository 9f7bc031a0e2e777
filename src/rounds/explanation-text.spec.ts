import { describeRules, priorityLabel } from '../regions/priority-rules';
import { choiceText, cutoffText, resultText } from './explanation-text';

describe('explanation texts', () => {
  const rules = { reasons: { verhuizing: 1 }, sameBoard: 2 };

  it('names priority classes by their rules', () => {
    expect(priorityLabel(null, rules)).toBe('geen');
    expect(priorityLabel(1, rules)).toBe('klasse 1 (verhuizing)');
    expect(priorityLabel(2, rules)).toBe('klasse 2 (zelfde bestuur)');
    expect(describeRules({})).toEqual(['Geen voorrang: alleen het lotnummer beslist']);
  });

  it('says why not, and the result', () => {
    const base = { schoolName: 'Amstel Lyceum', grade: 4, level: 'havo', profile: '' };
    expect(
      choiceText(
        { ...base, outcome: 'LOTTERY', cutoff: { priority: null, lottery: 212 }, ownLottery: 540 },
        rules,
      ),
    ).toBe(
      'Amstel Lyceum havo 4 was vol; de laatste plaats ging naar lotnummer 212 (voorrang: geen), deze leerling had lotnummer 540.',
    );
    expect(choiceText({ ...base, grade: 3, outcome: 'NO_OFFER', ownLottery: 1 }, rules)).toBe(
      'Amstel Lyceum had geen vrije plaatsen voor leerjaar 3 havo.',
    );
    expect(choiceText({ ...base, outcome: 'DECLINED_BEFORE', ownLottery: 1 }, rules)).toBe(
      'Amstel Lyceum heeft deze leerling eerder afgewezen.',
    );
    expect(resultText({ ...base, rank: 1 }, false)).toBe(
      'Geplaatst op Amstel Lyceum havo 4 (1e keus)',
    );
    expect(resultText(null, false)).toBe('Niet geplaatst: naar bemiddeling');
    expect(cutoffText(3, 2, { priority: null, lottery: 7 }, rules)).toBe(
      'niet vol (2 van 3 plaatsen)',
    );
  });
});
