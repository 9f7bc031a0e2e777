import { ApiProperty } from '@nestjs/swagger';

/** BullMQ's job states, and 'unknown' for a job it does not know (any more). */
export const PING_STATES = [
  'completed',
  'failed',
  'active',
  'delayed',
  'prioritized',
  'waiting',
  'waiting-children',
  'unknown',
] as const;

export class PingJob {
  @ApiProperty({ description: 'the ping job on the queue' }) jobId: string;
}

/** What the worker answers to a ping. */
export class PingResult {
  @ApiProperty({ enum: [true] }) pong: boolean;
  @ApiProperty({ format: 'date-time', description: "the worker's clock" }) at: string;
}

export class PingState {
  @ApiProperty() jobId: string;
  @ApiProperty({ enum: PING_STATES, description: "'completed': a worker consumes jobs" })
  state: string;
  @ApiProperty({
    type: PingResult,
    nullable: true,
    description: 'null until a worker has answered',
  })
  result: PingResult | null;
}

/** One queue's jobs by BullMQ state; counts only. */
export class QueueCountsDto {
  @ApiProperty({ enum: ['system', 'rounds', 'notifications'], enumName: 'QueueName' })
  name: string;
  @ApiProperty({ description: 'waiting for a worker' }) waiting: number;
  @ApiProperty({ description: 'being processed now' }) active: number;
  @ApiProperty({ description: 'waiting for their time (scheduled rounds, reminders, retries)' })
  delayed: number;
  @ApiProperty() prioritized: number;
  @ApiProperty({ description: 'gave up after their last attempt (kept up to 5000)' })
  failed: number;
  @ApiProperty({ description: 'finished (the last 1000, up to 7 days)' }) completed: number;
}

export class QueuesView {
  @ApiProperty({ type: [QueueCountsDto] }) queues: QueueCountsDto[];
}
