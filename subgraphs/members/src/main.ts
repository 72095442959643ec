import { runSubgraphProcess } from "@tongxin/sdk";
import { membersModule } from "./index";

void runSubgraphProcess("members", [membersModule], 4001);
