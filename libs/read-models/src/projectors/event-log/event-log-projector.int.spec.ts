import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { sessionCreated } from '../../test-support/session-facts';
import { eventLogProjector } from './event-log-projector';

describe('event log projector', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_event_log'));
  });
  afterAll(() => h.dispose());

  it('indexes every event and audits the operators’ ones with who, what, why and from where', async () => {
    const sessionId = randomUUID();
    const stream = `session-${sessionId}`;
    const clock = new TestClock();
    const correlationId = randomUUID();
    const operator = {
      actor: 'user:key-7',
      tenantId: 'tenant-b',
      commandType: 'PauseSession',
      reason: 'checking costs',
      client: { ip: '192.0.2.4', userAgent: 'dashboard/1.0' },
      correlationId,
    };
    await appendFacts(h.store, stream, { ...operator, commandType: 'CreateSession', reason: undefined }, [sessionCreated(clock.next(), sessionId, 'tenant-b')]);
    await appendFacts(h.store, stream, { actor: 'system:scheduler', tenantId: 'tenant-b', correlationId }, [
      fact('SessionStarted', clock.next(), { deadlineAt: clock.next(0) }),
    ]);
    const pausedAt = clock.next();
    const position = await appendFacts(h.store, stream, operator, [fact('SessionPaused', pausedAt, { cause: 'operator', remainingMs: 1000 })]);
    await projectUpTo(h.db, h.store, position, [eventLogProjector]);

    const log = await h.db.selectFrom('event_log').selectAll().where('stream_name', '=', stream).orderBy('position').execute();
    expect(log.map((row) => [row.event_type, row.actor_kind, row.category, row.stream_revision, row.tenant_id])).toEqual([
      ['SessionCreated', 'user', 'session', 0, 'tenant-b'],
      ['SessionStarted', 'system', 'session', 1, 'tenant-b'],
      ['SessionPaused', 'user', 'session', 2, 'tenant-b'],
    ]);
    expect(log[1]).toMatchObject({ correlation_id: correlationId, actor: 'system:scheduler' });
    const audit = await h.db.selectFrom('operator_audit').selectAll().where('stream_name', '=', stream).orderBy('position').execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      actor: 'user:key-7',
      api_key_id: 'key-7',
      command_type: 'PauseSession',
      event_type: 'SessionPaused',
      reason: 'checking costs',
      client_ip: '192.0.2.4',
      client_user_agent: 'dashboard/1.0',
      at: pausedAt,
      position,
    });
  });
});
