/** Runtime kinds of DOMAIN.md §4.2, as stored in events: normalised, secrets only as `secret:<name>` references. */
export const RUNTIME_KINDS = ['opencode', 'process', 'http', 'scripted'] as const;
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];

export const PROCESS_PRESETS = ['claude-code', 'codex', 'generic'] as const;
export type ProcessPreset = (typeof PROCESS_PRESETS)[number];

export interface OpencodeRuntimeConfig {
  /** Absent: the engine starts and owns an OpenCode server. */
  readonly baseUrl?: string;
  readonly agent: string;
  readonly passwordRef?: string;
}

export interface ProcessRuntimeConfig {
  readonly preset: ProcessPreset;
  readonly command?: string;
  readonly args: readonly string[];
  /** Name → plain value or `secret:<name>` reference. */
  readonly env: Readonly<Record<string, string>>;
}

export interface HttpRuntimeConfig {
  /** Push mode: tasks are POSTed here, signed. Absent: pull mode (the agent long-polls for its tasks). */
  readonly endpointUrl?: string;
  /** sha256 hex of the token, which is shown once and never stored. */
  readonly tokenHash: string;
}

export interface ScriptedRuntimeConfig {
  readonly scenario: string;
}

export type AgentRuntime =
  | { readonly kind: 'opencode'; readonly config: OpencodeRuntimeConfig }
  | { readonly kind: 'process'; readonly config: ProcessRuntimeConfig }
  | { readonly kind: 'http'; readonly config: HttpRuntimeConfig }
  | { readonly kind: 'scripted'; readonly config: ScriptedRuntimeConfig };

/** What a command carries before validation: any kind string, any config object. */
export interface RuntimeInput {
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
}
