import { runSubgraphProcess } from "@tongxin/sdk";
import { activitiesModule } from "./index";

void runSubgraphProcess("activities", [activitiesModule], 4006);
