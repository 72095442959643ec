import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ASSIGNMENT_WORKFLOW, OPINION_REPORT_WORKFLOW, PROPOSAL_WORKFLOW } from "./proposal/proposal.workflow";

/**
 * The README's workflow diagrams, drawn from the tables in proposal.workflow.ts so that the
 * tables stay the only place that lists transitions. `npm run docs:workflow` rewrites the
 * README; a test fails while it is out of date.
 */
export const README = join(__dirname, "..", "README.md");
const BEGIN = "<!-- workflow diagrams: generated from src/proposal/proposal.workflow.ts by `npm run docs:workflow` -->";
const END = "<!-- end of generated workflow diagrams -->";

export function workflowDiagrams(): string {
  const block = (title: string, mermaid: string) => `${title}\n\n\`\`\`mermaid\n${mermaid}\n\`\`\``;
  return [
    BEGIN,
    block(
      "**Proposal** (each arrow: action, the condition picking it where a step has several outcomes, who):",
      PROPOSAL_WORKFLOW.mermaid(),
    ),
    block("**A unit's assignment** in one handling round:", ASSIGNMENT_WORKFLOW.mermaid()),
    block("**Opinion report** (社情民意信息):", OPINION_REPORT_WORKFLOW.mermaid()),
    END,
  ].join("\n\n");
}

/** The README with its generated section replaced (or, the first time, added after the workflow heading). */
export function withDiagrams(readme: string): string {
  const start = readme.indexOf(BEGIN);
  if (start >= 0) {
    const end = readme.indexOf(END, start);
    if (end < 0) throw new Error(`README: "${BEGIN}" without "${END}"`);
    return readme.slice(0, start) + workflowDiagrams() + readme.slice(end + END.length);
  }
  const heading = "## The workflow: who does what\n";
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`README: no "${heading.trim()}" heading`);
  const after = at + heading.length;
  return `${readme.slice(0, after)}\n${workflowDiagrams()}\n${readme.slice(after)}`;
}

if (require.main === module) {
  const before = readFileSync(README, "utf8");
  const after = withDiagrams(before);
  if (after !== before) writeFileSync(README, after);
  console.log(
    after === before ? "README workflow diagrams are up to date" : `rewrote the workflow diagrams in ${README}`,
  );
}
