import type { ModuleDefinition } from "@tongxin/sdk";
import { membersModule } from "@tongxin/members";
import { proposalsModule } from "@tongxin/proposals";
import { studiosModule } from "@tongxin/studios";
import { trainingModule } from "@tongxin/training";

/**
 * The subgraphs of the platform: each is one process serving one or more modules, on
 * its own port (API.md: 4001 members, 4002 proposals, 4003 studios, 4004 training,
 * 4010+ plugin hosts). `<NAME>_URL` overrides where the gateway reaches one.
 */
export interface SubgraphSpec {
  name: string;
  port: number;
  modules: ModuleDefinition[];
  /** The compiled entry point that runs it as a process. */
  entry: string;
}

export function coreSubgraphs(): SubgraphSpec[] {
  return [
    { name: "members", port: 4001, modules: [membersModule], entry: require.resolve("@tongxin/members/dist/main.js") },
    {
      name: "proposals",
      port: 4002,
      modules: [proposalsModule],
      entry: require.resolve("@tongxin/proposals/dist/main.js"),
    },
    { name: "studios", port: 4003, modules: [studiosModule], entry: require.resolve("@tongxin/studios/dist/main.js") },
    {
      name: "training",
      port: 4004,
      modules: [trainingModule],
      entry: require.resolve("@tongxin/training/dist/main.js"),
    },
  ];
}

export function subgraphUrl(spec: Pick<SubgraphSpec, "name" | "port">, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${spec.name.toUpperCase()}_URL`] || `http://127.0.0.1:${spec.port}/graphql`;
}
