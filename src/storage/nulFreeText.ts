import {
  OperationNodeTransformer,
  PrimitiveValueListNode,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * U+0000 in a query parameter means different things to each dialect: PostgreSQL text cannot
 * hold it and fails the whole statement ("invalid byte sequence for encoding UTF8: 0x00": a 500
 * for `GET /members/%00`), while SQLite's LIKE stops reading its pattern there ("%\0%" matches
 * every name). Nothing Rapport stores contains it — names, notes and headlines refuse control
 * characters, ids and emails have formats — so such a parameter can only look something up, and
 * U+FFFD in its place (what a lenient UTF-8 decoder would read) finds the same thing in both
 * dialects: as good as nothing.
 */
function clean(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
}

class NulFreeParameters extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = clean(node.value);
    if (value === node.value) return node;
    return node.immediate ? ValueNode.createImmediate(value) : ValueNode.create(value);
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    if (!node.values.some((v) => typeof v === 'string' && v.includes('\u0000'))) return node;
    return PrimitiveValueListNode.create(node.values.map(clean));
  }
}

export class NulFreeTextPlugin implements KyselyPlugin {
  private readonly transformer = new NulFreeParameters();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
