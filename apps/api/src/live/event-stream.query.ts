import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';

const asList = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/** `GET /events/stream` query (contracts EventStreamQuery); unknown parameters are rejected. */
export class EventStreamQueryDto {
  /** Exclusive position; `Last-Event-ID` wins over it. */
  @IsOptional()
  @Matches(/^\d{1,16}$/, { message: 'from must be a non-negative integer position' })
  from?: string;

  @IsOptional()
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z][a-z0-9_]{0,49}-[A-Za-z0-9_.:-]{1,200}$/, { each: true, message: 'stream must be a stream name <category>-<id>' })
  stream?: string[];

  @IsOptional()
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { each: true, message: 'category must be a stream category like session' })
  category?: string[];

  @IsOptional()
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z][A-Za-z]{0,99}$/, { each: true, message: 'type must be an event type prefix like Session' })
  type?: string[];
}
