import { runSubgraphProcess } from "@tongxin/sdk";
import { trainingModule } from "./index";

void runSubgraphProcess("training", [trainingModule], 4004);
