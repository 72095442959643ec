import { runSubgraphProcess } from "@tongxin/sdk";
import { studiosModule } from "./index";

void runSubgraphProcess("studios", [studiosModule], 4003);
