import { runSubgraphProcess } from "@tongxin/sdk";
import { proposalsModule } from "./index";

void runSubgraphProcess("proposals", [proposalsModule], 4002);
