import {
  IdentifierNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SchemableIdentifierNode,
  type UnknownRow,
} from 'kysely';

export const SHADOW_SUFFIX = '__shadow';

export function shadowName(table: string): string {
  return `${table}${SHADOW_SUFFIX}`;
}

/**
 * Points every reference to the given tables at their `<table>__shadow` twin, so a projector
 * written against the live tables replays unchanged into shadow tables during a rebuild.
 * Table references in kysely queries (FROM, INTO, UPDATE, qualified columns, `sql.table`) are all
 * schemable identifiers; table names spelled inside raw SQL strings are not, so projectors never do that.
 */
export class ShadowTablesPlugin implements KyselyPlugin {
  private readonly transformer: ShadowTransformer;

  constructor(tables: Iterable<string>) {
    this.transformer = new ShadowTransformer(new Set(tables));
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class ShadowTransformer extends OperationNodeTransformer {
  constructor(private readonly tables: ReadonlySet<string>) {
    super();
  }

  protected override transformSchemableIdentifier(node: SchemableIdentifierNode): SchemableIdentifierNode {
    const transformed = super.transformSchemableIdentifier(node);
    const name = transformed.identifier.name;
    if (!this.tables.has(name)) return transformed;
    return { ...transformed, identifier: IdentifierNode.create(shadowName(name)) };
  }
}
