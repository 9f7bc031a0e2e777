import type { PriorityRules } from './region.entity';

export const PRIORITY_REASONS = ['verhuizing', 'afstroom', 'opstroom', 'anders'] as const;
/** Classes run 1 (strongest) to this; the engine keeps a class in 8 bits, and a few are plenty. */
export const MAX_PRIORITY_CLASS = 9;

/** The stored rules with every reason named (null: no priority for it), as the API shows them. */
export function rulesView(rules: PriorityRules) {
  return {
    reasons: {
      verhuizing: rules.reasons?.verhuizing ?? null,
      afstroom: rules.reasons?.afstroom ?? null,
      opstroom: rules.reasons?.opstroom ?? null,
      anders: rules.reasons?.anders ?? null,
    },
    sameBoard: rules.sameBoard ?? null,
  };
}

/** The API's shape back to the stored one: only the classes that are set. */
export function rulesFrom(view: {
  reasons?: Partial<Record<(typeof PRIORITY_REASONS)[number], number | null>>;
  sameBoard?: number | null;
}): PriorityRules {
  const reasons: NonNullable<PriorityRules['reasons']> = {};
  for (const r of PRIORITY_REASONS) {
    const c = view.reasons?.[r];
    if (typeof c === 'number') reasons[r] = c;
  }
  return typeof view.sameBoard === 'number' ? { reasons, sameBoard: view.sameBoard } : { reasons };
}
