import { dropMysqlDatabases, parseDatabaseUrl } from "@tongxin/sdk";
import { startStack, type Stack } from "@tongxin/infra";

/** Starts the seeded platform in process; stopping also drops its MySQL databases. */
export async function seededStack(
  databaseUrl: string,
  opts: { pluginsDir?: string; subgraphTimeoutMs?: number } = {},
): Promise<Stack> {
  const stack = await startStack({
    databaseUrl,
    seed: true,
    pluginsDir: opts.pluginsDir,
    subgraphTimeoutMs: opts.subgraphTimeoutMs,
  });
  const stop = stack.stop;
  stack.stop = async () => {
    await stop();
    if (parseDatabaseUrl(databaseUrl).kind === "mysql") await dropMysqlDatabases(databaseUrl);
  };
  return stack;
}

export type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
export const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
