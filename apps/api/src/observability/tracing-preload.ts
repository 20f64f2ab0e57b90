import { parseObservability } from './observability-config';
import { startTracing, type Tracing } from './tracing';

// Imported first by main.ts: the OpenTelemetry SDK has to hook http and pg before anything loads them.
// Configuration mistakes are reported by loadConfig with the others; here they only keep tracing off.
const problems: string[] = [];
const settings = parseObservability(process.env, problems);

export const tracing: Tracing | undefined = problems.length === 0 ? startTracing(settings) : undefined;
