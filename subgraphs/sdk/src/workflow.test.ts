import { AppError } from "./errors";
import { defineWorkflow, WorkflowDefinitionError, type TransitionRule } from "./workflow";

type S = "OPEN" | "DONE" | "GONE";
type A = "OPEN" | "FINISH" | "DROP";
const verbs = { OPEN: "open", FINISH: "finish", DROP: "drop" };
const table = (transitions: TransitionRule<S, A>[]) =>
  defineWorkflow<S, A>({ name: "task", states: ["OPEN", "DONE", "GONE"], verbs, transitions });

describe("defineWorkflow", () => {
  const flow = table([
    { from: null, action: "OPEN", roles: ["MEMBER"], to: "OPEN" },
    { from: "OPEN", action: "FINISH", roles: ["STAFF"], to: "DONE", guard: "in time" },
    { from: "OPEN", action: "FINISH", roles: ["STAFF"], to: "GONE", guard: "late" },
    { from: "DONE", action: "DROP", roles: ["STAFF", "MEMBER"], to: "GONE" },
  ]);

  it("answers the next state, refusing a wrong state, a wrong role and an unknown guard differently", () => {
    expect(flow.next("STAFF", "OPEN", "FINISH", "late")).toBe("GONE");
    expect(flow.next("SYSTEM", "OPEN", "FINISH", "in time")).toBe("DONE");
    const code = (f: () => unknown) => {
      try {
        f();
        return "none";
      } catch (e) {
        return e instanceof AppError ? e.extensions.code : (e as Error).constructor.name;
      }
    };
    expect(code(() => flow.next("STAFF", "GONE", "DROP"))).toBe("INVALID_TRANSITION");
    expect(code(() => flow.next("MEMBER", "OPEN", "FINISH", "late"))).toBe("FORBIDDEN");
    expect(code(() => flow.next("STAFF", "OPEN", "FINISH", "lat"))).toBe("WorkflowDefinitionError");
    expect(code(() => flow.next("STAFF", "DONE", "FINISH", "late"))).toBe("INVALID_TRANSITION");
    expect(flow.from("FINISH")).toEqual(["OPEN"]);
    expect(flow.path("OPEN", "GONE")!.map((t) => t.action)).toEqual(["FINISH"]);
    expect(flow.path("GONE", "OPEN")).toBeNull();
  });

  it("refuses a table with an unknown state, a duplicate row or outcomes without guards", () => {
    expect(() => table([{ from: "OPEN", action: "DROP", roles: ["STAFF"], to: "LOST" as S }])).toThrow(
      WorkflowDefinitionError,
    );
    const row: TransitionRule<S, A> = { from: "OPEN", action: "DROP", roles: ["STAFF"], to: "GONE" };
    expect(() => table([row, row])).toThrow(/listed twice/);
    expect(() => table([row, { ...row, to: "DONE", guard: "x" }])).toThrow(/each needs a guard/);
    expect(() => table([{ ...row, roles: [] }])).toThrow(/names no role/);
  });
});
