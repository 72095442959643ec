import { runSubgraphProcess } from "@tongxin/sdk";
import { meetingsModule } from "./index";

void runSubgraphProcess("meetings", [meetingsModule], 4005);
