import { Injectable, ParseUUIDPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/** A route id that must be a UUID, lowercased like every id the core makes. */
@Injectable()
export class LowercaseUuidPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe();

  async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await this.uuid.transform(value, metadata)).toLowerCase();
  }
}
