import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

/**
 * better-sqlite3 cannot bind JS booleans and returns 0/1 for them. This plugin is the one
 * place that bridges it: booleans become 1/0 on the way in, and columns named is_* / isX
 * (the schema's convention for booleans) become true/false on the way out.
 */
export class SqliteBooleanPlugin implements KyselyPlugin {
  readonly #transformer = new BooleanToIntegerTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const key of Object.keys(row)) {
        if (/^is(_|[A-Z])/.test(key)) {
          const value = row[key];
          if (value === 0 || value === 1) row[key] = value === 1;
        }
      }
    }
    return args.result;
  }
}

class BooleanToIntegerTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const transformed = super.transformValue(node);
    if (typeof transformed.value === 'boolean') return { ...transformed, value: transformed.value ? 1 : 0 };
    return transformed;
  }

  // Multi-row INSERT … VALUES lists arrive as primitive lists, not as ValueNodes.
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    const transformed = super.transformPrimitiveValueList(node);
    return {
      ...transformed,
      values: transformed.values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)),
    };
  }
}
