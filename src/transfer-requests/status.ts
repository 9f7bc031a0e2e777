import { TransferStatus } from './transfer-request.entity';

/**
 * Every way a request's status changes: who may start it from which statuses, and where it goes.
 * draft → submitted → proposed → placed; withdrawn from any open state; mediation when no round
 * could place the pupil (or an advisor takes them in); a declined proposal sends the pupil back to
 * submitted, and a pupil in mediation may be submitted again for the next round. The lifecycle
 * (./lifecycle.ts) is the only writer and refuses anything not in this table.
 */
export const TRANSITIONS = {
  submit: { from: ['draft', 'mediation'], to: 'submitted' },
  'submit.late': { from: ['draft', 'mediation'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted', 'proposed', 'mediation'], to: 'withdrawn' },
  'round.proposed': { from: ['submitted'], to: 'proposed' },
  'round.mediation': { from: ['submitted'], to: 'mediation' },
  'proposal.accept': { from: ['proposed'], to: 'placed' },
  'proposal.decline': { from: ['proposed'], to: 'submitted' },
  // From the draft only for a pupil moving into the region (no sending school): the lifecycle checks.
  'mediation.open': { from: ['draft', 'submitted'], to: 'mediation' },
  'mediation.place': { from: ['submitted', 'mediation'], to: 'placed' },
  'mediation.place.over-capacity': { from: ['submitted', 'mediation'], to: 'placed' },
  'mediation.withdraw': { from: ['draft', 'submitted', 'mediation'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly TransferStatus[]; to: TransferStatus }>;

export type TransitionAction = keyof typeof TRANSITIONS;

export const OPEN_STATUSES: TransferStatus[] = ['draft', 'submitted', 'proposed', 'mediation'];

/** Whether some action moves a request from `from` to `to`. */
export function canTransition(from: TransferStatus, to: TransferStatus): boolean {
  return Object.values(TRANSITIONS).some(
    (t) => t.to === to && (t.from as readonly TransferStatus[]).includes(from),
  );
}

/** Whether this action may start from this status. */
export function canApply(action: TransitionAction, from: TransferStatus): boolean {
  return (TRANSITIONS[action].from as readonly TransferStatus[]).includes(from);
}
