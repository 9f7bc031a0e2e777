import { STATUSES } from './transfer-request.entity';
import { canTransition, OPEN_STATUSES } from './status';

describe('transfer request lifecycle', () => {
  it('follows draft → submitted → proposed → placed', () => {
    expect(canTransition('draft', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'proposed')).toBe(true);
    expect(canTransition('proposed', 'placed')).toBe(true);
  });

  it('allows withdrawal from every open state and from no closed one', () => {
    for (const s of STATUSES) {
      expect(canTransition(s, 'withdrawn')).toBe(OPEN_STATUSES.includes(s));
    }
  });

  it('refuses skipping steps and leaving a closed state', () => {
    expect(canTransition('draft', 'placed')).toBe(false);
    expect(canTransition('draft', 'proposed')).toBe(false);
    expect(canTransition('placed', 'submitted')).toBe(false);
    expect(canTransition('withdrawn', 'submitted')).toBe(false);
  });
});
