import { TransferStatus } from './transfer-request.entity';

/**
 * draft → submitted → proposed → placed; withdrawn from any open state; mediation when no round
 * could place the pupil. A declined proposal sends the pupil back to submitted.
 */
const NEXT: Record<TransferStatus, TransferStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['proposed', 'mediation', 'placed', 'withdrawn'],
  proposed: ['placed', 'submitted', 'mediation', 'withdrawn'],
  mediation: ['placed', 'submitted', 'withdrawn'],
  placed: [],
  withdrawn: [],
};

export const OPEN_STATUSES: TransferStatus[] = ['draft', 'submitted', 'proposed', 'mediation'];

export function canTransition(from: TransferStatus, to: TransferStatus): boolean {
  return NEXT[from].includes(to);
}
