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

export const REASON_LABELS: Record<(typeof PRIORITY_REASONS)[number], string> = {
  verhuizing: 'verhuizing',
  afstroom: 'afstroom',
  opstroom: 'opstroom',
  anders: 'andere reden',
};

/**
 * A priority class in words: null → "geen"; otherwise the class and which rules give it, e.g.
 * "klasse 1 (verhuizing)" or "klasse 2 (zelfde bestuur)".
 */
export function priorityLabel(cls: number | null, rules: PriorityRules | undefined): string {
  if (cls === null) return 'geen';
  const names: string[] = [];
  for (const [reason, c] of Object.entries(rules?.reasons ?? {}))
    if (c === cls) names.push(REASON_LABELS[reason as keyof typeof REASON_LABELS] ?? reason);
  if (rules?.sameBoard === cls) names.push('zelfde bestuur');
  return names.length ? `klasse ${cls} (${names.join(', ')})` : `klasse ${cls}`;
}

/** Lines describing the rules, for the report and the rules page. */
export function describeRules(rules: PriorityRules | undefined): string[] {
  const lines: string[] = [];
  const classes = new Set<number>();
  for (const c of Object.values(rules?.reasons ?? {})) if (typeof c === 'number') classes.add(c);
  if (typeof rules?.sameBoard === 'number') classes.add(rules.sameBoard);
  for (const c of [...classes].sort((a, b) => a - b))
    lines.push(`Voorrang ${priorityLabel(c, rules)}`);
  if (!lines.length) lines.push('Geen voorrang: alleen het lotnummer beslist');
  else lines.push('Zonder voorrang: daarna, in volgorde van lotnummer');
  return lines;
}
