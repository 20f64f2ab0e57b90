import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** `POST /webhooks`: shape and size here; the URL policy and prefix rules are the domain's (DOMAIN.md §1). */
export class RegisterWebhookDto {
  @IsString()
  @MaxLength(2048)
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes!: string[];
}

/** `GET /webhooks/dead-letters`: a page of dead deliveries. */
export class DeadLettersQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;
}

/** `GET /webhooks/:id/deliveries`: the same page, of one webhook's deliveries, optionally of one status. */
export class DeliveriesQueryDto extends DeadLettersQueryDto {
  @IsOptional()
  @IsIn(['pending', 'delivered', 'dead', 'cancelled'])
  status?: 'pending' | 'delivered' | 'dead' | 'cancelled';
}
