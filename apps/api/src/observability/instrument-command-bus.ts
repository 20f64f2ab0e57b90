import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Metrics } from './metrics';

/**
 * Times every command sent through the Nest command bus (`orch_command_duration_seconds`,
 * `orch_commands_total`), labelled with the domain command's type (`StartSession`, …) and its
 * outcome. The bus stays Nest's own; only `execute` is wrapped.
 */
export function instrumentCommandBus(app: INestApplicationContext, metrics: Metrics): void {
  const bus = app.get(CommandBus);
  const execute = bus.execute.bind(bus);
  bus.execute = ((message: object) => metrics.timeCommand(commandName(message), () => execute(message as never))) as typeof bus.execute;
}

/** The domain command's type when the message carries one, else the message class. */
export function commandName(message: object): string {
  const type = (message as { command?: { type?: unknown } }).command?.type;
  return typeof type === 'string' ? type : message.constructor.name;
}
