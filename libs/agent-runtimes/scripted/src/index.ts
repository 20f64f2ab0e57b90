export { ScriptedAgentRuntime, type ScriptedRuntimeOptions } from './scripted-runtime';
export { SCRIPT_DIRECTIVES, type ScriptDirective } from './script-directives';
