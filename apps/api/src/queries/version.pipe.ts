import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** A context version in a path: a positive integer (versions start at 1). */
@Injectable()
export class VersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!(version >= 1 && version <= 2_147_483_647)) throw new BadRequestException(`version "${value.slice(0, 20)}" is not a context version`);
    return version;
  }
}
