/**
 * Query plans of what a request actually runs: a Kysely plugin records every statement compiled
 * through the database handle it is attached to (query builder and raw `sql` alike), and
 * explainAll() runs EXPLAIN (ANALYZE, BUFFERS) on each with the same parameters. Attach it to a
 * copy of the context used for one extra call, never to the one being timed.
 */
import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema.ts';

export type CapturedQuery = { sql: string; parameters: readonly unknown[] };

export function captureQueries(db: Kysely<DB>): { db: Kysely<DB>; queries: CapturedQuery[] } {
  const queries: CapturedQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const compiled = db.getExecutor().compileQuery(args.node, args.queryId);
      queries.push({ sql: compiled.sql, parameters: compiled.parameters });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), queries };
}

/** EXPLAIN ANALYZE of each captured read (writes and transaction control are listed, not run). */
export async function explainAll(db: Kysely<DB>, queries: readonly CapturedQuery[]): Promise<Array<{ sql: string; parameters: readonly unknown[]; plan: string }>> {
  const out: Array<{ sql: string; parameters: readonly unknown[]; plan: string }> = [];
  for (const q of queries) {
    if (!/^\s*(select|with)\b/i.test(q.sql) || /\bfor (update|share)\b/i.test(q.sql)) {
      out.push({ ...q, plan: '(not a read: not explained)' });
      continue;
    }
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]));
    out.push({ ...q, plan: result.rows.map((r) => r['QUERY PLAN']).join('\n') });
  }
  return out;
}
