import { readFileSync } from "node:fs";
import { PROPOSAL_WORKFLOW } from "./proposal/proposal.workflow";
import { README, withDiagrams, workflowDiagrams } from "./workflow-docs";

describe("the README's workflow diagrams", () => {
  it("are the ones the workflow tables draw (run `npm run docs:workflow` after changing a table)", () => {
    const readme = readFileSync(README, "utf8");
    expect(readme).toContain(workflowDiagrams());
    expect(withDiagrams(readme)).toBe(readme);
  });

  it("draw one arrow per row of the table", () => {
    const arrows = PROPOSAL_WORKFLOW.mermaid()
      .split("\n")
      .filter((l) => l.includes("-->"));
    expect(arrows).toHaveLength(PROPOSAL_WORKFLOW.transitions.length);
    expect(arrows).toContain("    ASSIGNED --> REPLIED: REPLY, lead unit (UNIT)");
  });
});
