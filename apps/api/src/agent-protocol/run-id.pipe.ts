import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const RUN_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** A run id as the engine makes them (a UUID) or any short, URL-safe id. */
@Injectable()
export class RunIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!RUN_ID.test(value)) throw new BadRequestException('runId must be 1..200 of A-Z a-z 0-9 . _ : -');
    return value;
  }
}
