import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { AgentProtocol } from '@orch/agent-runtime-http';
import { AgentProtocolController } from './agent-protocol.controller';
import { AGENT_PROTOCOL } from './agent-protocol.tokens';

/** The External Agent Protocol's agent endpoints, on the protocol's PostgreSQL tables (shared with the engine's http runtime). */
@Module({})
export class AgentProtocolModule implements OnModuleDestroy {
  constructor(@Inject(AGENT_PROTOCOL) private readonly protocol: AgentProtocol) {}

  static forRoot(runtime: { readonly connectionString: string }): DynamicModule {
    return {
      module: AgentProtocolModule,
      controllers: [AgentProtocolController],
      providers: [{ provide: AGENT_PROTOCOL, useFactory: () => new AgentProtocol({ connectionString: runtime.connectionString }) }],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.protocol.close();
  }
}
