import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class NotificationQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'only unread notices' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread moet true of false zijn' })
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String }) link: string | null;
  @ApiProperty({ nullable: true, type: String }) entity: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: Date }) readAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'unread notices of the caller in all' }) unread: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
