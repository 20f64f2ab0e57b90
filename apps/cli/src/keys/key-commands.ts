import type { ApiKeyRole, EventLogEntry } from '@orch/contracts';
import { PAGE_LIMITS } from '@orch/contracts';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { defined, oneOf, positional, reason, REASON_FLAG, requiredText, text } from '../api/options';
import { renderTable } from '../format/table';

const ROLES: readonly ApiKeyRole[] = ['admin', 'operator', 'auditor', 'integrator', 'agent'];

/** A key as its events tell it: never the secret, never its hash. */
export interface KeyRow {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly prefix: string | null;
  readonly agentId: string | null;
  readonly expiresAt: string | null;
  readonly issuedAt: string;
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
}

/** Folds the `apikey-<id>` streams' events (in log order) into one row per key. */
export function keyRows(events: readonly EventLogEntry[]): KeyRow[] {
  const rows = new Map<string, KeyRow>();
  for (const event of events) {
    const id = event.streamName.replace(/^apikey-/, '');
    const data = event.data ?? {};
    if (event.type === 'ApiKeyIssued') {
      rows.set(id, {
        id,
        name: String(data['name'] ?? ''),
        role: String(data['role'] ?? ''),
        prefix: typeof data['prefix'] === 'string' ? data['prefix'] : null,
        agentId: typeof data['agentId'] === 'string' ? data['agentId'] : null,
        expiresAt: typeof data['expiresAt'] === 'string' ? data['expiresAt'] : null,
        issuedAt: event.recordedAt,
        revokedAt: null,
        revokeReason: null,
      });
    }
    const row = rows.get(id);
    if (event.type === 'ApiKeyRevoked' && row) {
      const why = event.metadata?.['reason'];
      rows.set(id, { ...row, revokedAt: event.recordedAt, revokeReason: typeof why === 'string' ? why : null });
    }
  }
  return [...rows.values()];
}

export const keyListCommand = apiCommand({
  name: 'list',
  summary: 'the tenant\'s API keys (name, role, prefix, revoked or not); never a secret',
  help: `Usage: orchestrator keys list

Every API key of the key's tenant, read from the audit log (the apikey streams): name, role,
the secret's public prefix, expiry, and when and why it was revoked.
`,
  async run({ client, print }) {
    const events: EventLogEntry[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await client.query.events(defined({ category: 'apikey', after, order: 'asc' as const, limit: PAGE_LIMITS.log.max }));
      events.push(...page.items);
      if (page.next === null || page.items.length === 0) break;
      after = page.next;
    }
    const rows = keyRows(events);
    print(rows, () =>
      rows.length === 0
        ? ['no keys']
        : renderTable(
            ['id', 'name', 'role', 'prefix', 'issued at', 'state'],
            rows.map((row) => [row.id, row.name, row.role, row.prefix ?? '-', row.issuedAt, row.revokedAt ? `revoked ${row.revokedAt}${row.revokeReason ? ` (${row.revokeReason})` : ''}` : row.expiresAt ? `expires ${row.expiresAt}` : 'active']),
          ),
    );
    return EXIT.ok;
  },
});

export const keyCreateCommand = apiCommand({
  name: 'create',
  summary: 'issue an API key; its secret is shown once',
  flags: [{ name: 'name', kind: 'string' }, { name: 'role', kind: 'string' }, { name: 'agent', kind: 'string' }, { name: 'expires-at', kind: 'string' }],
  help: `Usage: orchestrator keys create --name <n> --role <${ROLES.join('|')}> [--agent <agentId>] [--expires-at <iso>]

Issues a key in the caller's tenant (admin keys only). The secret is in this answer and nowhere
else: it is stored as a hash. --agent is required for the agent role.
`,
  async run({ args, client, print }) {
    const role = oneOf(args, 'role', ROLES) ?? (requiredText(args, 'role') as ApiKeyRole);
    const answer = await client.keys.issue(defined({ name: requiredText(args, 'name'), role, agentId: text(args, 'agent'), expiresAt: text(args, 'expires-at') }));
    print(answer, () => [...answerLines('key issued', answer), `secret (shown once): ${answer.key}`]);
    return EXIT.ok;
  },
});

const REVOKE_USAGE = 'orchestrator keys revoke <keyId> --reason <text>';

export const keyRevokeCommand = apiCommand({
  name: 'revoke',
  summary: 'revoke an API key (--reason required)',
  flags: [REASON_FLAG],
  help: `Usage: ${REVOKE_USAGE}

The key stops working at once on this api instance, within 2 s on the others.
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the key id', REVOKE_USAGE);
    const answer = await client.keys.revoke(id, { reason: reason(args) });
    print(answer, () => answerLines('key revoked', answer));
    return EXIT.ok;
  },
});
