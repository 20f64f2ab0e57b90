import { type CommandGroup } from '../command';
import { agentActionCommand } from './agent-action-command';
import { agentListCommand } from './agent-list-command';
import { agentRegisterCommand } from './agent-register-command';
import { agentShowCommand } from './agent-show-command';

export const agentsGroup: CommandGroup = {
  name: 'agents',
  summary: 'the agent registry: list, show, register, drain, enable',
  commands: [agentListCommand, agentShowCommand, agentRegisterCommand, agentActionCommand('drain'), agentActionCommand('enable')],
};
