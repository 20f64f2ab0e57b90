export { startAnthropicMessagesMock } from './anthropic-messages-mock';
export { defaultConversationKey, type ConversationFacts, type MockScript } from './conversation-router';
export type { ModelMock, ModelMockOptions, RecordedRequest } from './model-mock-server';
export { errorTurn, hangTurn, textTurn, toolCallTurn, type MockTurn, type MockUsage } from './mock-turns';
export { startOpenAiChatCompletionsMock } from './openai-chat-completions-mock';
export { startOpenAiResponsesMock } from './openai-responses-mock';
