import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { TASK_ID_PATTERN } from '@orch/kernel';

/** Task ids are plan-local: `^[a-z][a-z0-9_-]{0,63}$` (DOMAIN.md §1). */
@Injectable()
export class TaskIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!TASK_ID_PATTERN.test(value)) throw new BadRequestException(`taskId "${value.slice(0, 70)}" is not a task id`);
    return value;
  }
}
