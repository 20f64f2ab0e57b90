export interface WorkerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentWorkerLogger: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
