import { ApiProperty } from '@nestjs/swagger';

export class QueueBoardResponse {
  @ApiProperty({
    description: 'Whether this server has a queue view (it has when runs go through Redis)',
  })
  available: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '/queues',
    description: 'Where the queue view (Bull Board) is served; null when it is not available',
  })
  url: string | null;

  @ApiProperty({
    type: [String],
    example: ['runs-interactive', 'runs-bulk'],
    description: 'The BullMQ queues it shows (one per run group)',
  })
  queues: string[];

  @ApiProperty({
    example: 'an admin API key',
    description: 'Who may open it',
  })
  requires: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'runs are queued in this process (REDIS_URL is not set), so there is no queue to show',
    description: 'Why it is not available',
  })
  reason: string | null;
}
