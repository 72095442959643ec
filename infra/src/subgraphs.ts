import type { ModuleDefinition } from "@tongxin/sdk";
import { membersModule } from "@tongxin/members";
import { proposalsModule } from "@tongxin/proposals";
import { activitiesModule } from "@tongxin/activities";
import { meetingsModule } from "@tongxin/meetings";
import { studiosModule } from "@tongxin/studios";
import { trainingModule } from "@tongxin/training";
import { coreProcesses, type ProcessSpec } from "./processes";

export { subgraphUrl } from "./processes";

/**
 * The subgraphs of the platform: each is one process serving one or more modules, on
 * its own port (processes.ts: API.md's 4001–4004, then 4005 meetings, 4006 activities, 4010+ for plugin hosts, all moved by
 * TONGXIN_PORT_OFFSET). `<NAME>_URL` overrides where the gateway reaches one.
 */
export interface SubgraphSpec extends ProcessSpec {
  modules: ModuleDefinition[];
}

const CORE_MODULES: Record<string, ModuleDefinition> = {
  members: membersModule,
  proposals: proposalsModule,
  studios: studiosModule,
  training: trainingModule,
  meetings: meetingsModule,
  activities: activitiesModule,
};

export function coreSubgraphs(env: NodeJS.ProcessEnv = process.env): SubgraphSpec[] {
  return coreProcesses(env).map((p) => ({ ...p, modules: [CORE_MODULES[p.name]] }));
}
