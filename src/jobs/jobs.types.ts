/**
 * Queue and job names in one place, with the payload of each job.
 * Payloads carry ids only: never names, dates of birth or any other pupil data.
 */
export enum QueueName {
  System = 'system',
  Rounds = 'rounds',
  Notifications = 'notifications',
}

export enum JobName {
  Ping = 'system.ping',
  RunRound = 'rounds.run',
  ProposalDeadline = 'rounds.proposal-deadline',
  ProposalReminder = 'rounds.proposal-reminder',
  ExtendReminder = 'rounds.extend-reminder',
  SendEmail = 'notifications.email',
  EraseExpired = 'system.erase-expired',
}

export interface JobPayloads {
  [JobName.Ping]: { requestedBy?: string };
  [JobName.RunRound]: { roundId: string };
  [JobName.ProposalDeadline]: { roundId: string };
  [JobName.ProposalReminder]: { roundId: string };
  /** The school day before the next round: sending schools of pupils still unplaced, list unchanged. */
  [JobName.ExtendReminder]: { roundId: string };
  [JobName.SendEmail]: { notificationId: string };
  /** Nightly (job scheduler): erase the pupil data of seasons past their retention period. */
  [JobName.EraseExpired]: Record<string, never>;
}

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.Ping]: QueueName.System,
  [JobName.RunRound]: QueueName.Rounds,
  [JobName.ProposalDeadline]: QueueName.Rounds,
  [JobName.ProposalReminder]: QueueName.Rounds,
  [JobName.ExtendReminder]: QueueName.Rounds,
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.EraseExpired]: QueueName.System,
};
