import type { RequestContext } from "./context";
import { forbidden, invalidTransition } from "./errors";
import type { Role } from "./identity";

/**
 * A workflow as data: the one table that lists which action takes a record from which
 * state to which, for whom, and under which named condition. Services ask it for the next
 * state (and keep their conditional `UPDATE … WHERE status = ? AND version = ?`), tests
 * and seeds read it, and the README's diagram is generated from it.
 */
export interface TransitionRule<S extends string, A extends string> {
  /** `null`: the action creates the record. */
  from: S | null;
  action: A;
  /** Who may take the step (SYSTEM always may). */
  roles: readonly Role[];
  /** Equal to `from` for steps that leave the state unchanged (co-signing, accepting …). */
  to: S;
  /**
   * Names the condition that picks this row when one action has several outcomes from one
   * state (the lead unit's reply vs. an assisting unit's); services pass the name.
   */
  guard?: string;
}

export interface WorkflowDefinition<S extends string, A extends string> {
  name: string;
  states: readonly S[];
  /** The verb of each action, as `INVALID_TRANSITION` messages name it ("co-sign"). */
  verbs: Record<A, string>;
  transitions: readonly TransitionRule<S, A>[];
}

export interface Workflow<S extends string, A extends string> extends WorkflowDefinition<S, A> {
  /** Every state `action` (with `guard`, when given) may be taken from; creation (`null`) excluded. */
  from(action: A, guard?: string): S[];
  allows(from: S | null, action: A): boolean;
  /** The row for this step; INVALID_TRANSITION when the table has none. */
  rule(from: S | null, action: A, guard?: string): TransitionRule<S, A>;
  /**
   * The state after `action` taken by the caller from `from`: INVALID_TRANSITION when the
   * table has no such step, FORBIDDEN when the caller's role is not one the row names.
   */
  next(ctx: Pick<RequestContext, "identity"> | Role, from: S | null, action: A, guard?: string): S;
  refuse(from: string, action: A): Error;
  /** The shortest walk of steps from `from` to `to` (empty when equal), or null when there is none. */
  path(from: S | null, to: S): TransitionRule<S, A>[] | null;
  /** A Mermaid `stateDiagram-v2` of the table, for the README. */
  mermaid(): string;
}

export class WorkflowDefinitionError extends Error {}

const key = (from: string | null, action: string) => `${from ?? "[*]"}|${action}`;

/** Checks the table once, at import time: unknown states, duplicate or ambiguous rows. */
export function defineWorkflow<S extends string, A extends string>(def: WorkflowDefinition<S, A>): Workflow<S, A> {
  const rows = new Map<string, TransitionRule<S, A>[]>();
  for (const t of def.transitions) {
    const where = `${def.name}: ${t.from ?? "(create)"} --${t.action}-->`;
    for (const s of [t.from, t.to]) {
      if (s !== null && !def.states.includes(s)) throw new WorkflowDefinitionError(`${where} unknown state ${s}`);
    }
    if (!(t.action in def.verbs)) throw new WorkflowDefinitionError(`${where} action has no verb`);
    if (t.roles.length === 0) throw new WorkflowDefinitionError(`${where} names no role`);
    const same = rows.get(key(t.from, t.action)) ?? [];
    if (same.some((o) => o.guard === t.guard)) {
      throw new WorkflowDefinitionError(`${where} listed twice${t.guard ? ` for guard "${t.guard}"` : ""}`);
    }
    same.push(t);
    if (same.length > 1 && same.some((o) => !o.guard)) {
      throw new WorkflowDefinitionError(`${where} has several outcomes: each needs a guard`);
    }
    rows.set(key(t.from, t.action), same);
  }

  const refuse = (from: string, action: A) => invalidTransition(from, def.verbs[action]);
  const rule = (from: S | null, action: A, guard?: string) => {
    const candidates = rows.get(key(from, action)) ?? [];
    if (candidates.length === 0) {
      if (from === null) throw new WorkflowDefinitionError(`${def.name}: ${action} does not create a record`);
      throw refuse(from, action);
    }
    const found = candidates.find((t) => t.guard === guard);
    if (found) return found;
    if (def.transitions.some((t) => t.action === action && t.guard === guard)) throw refuse(from ?? "(new)", action);
    // A programming error, not a user's: the service named a condition the table lacks.
    throw new WorkflowDefinitionError(`${def.name}: ${action} has no guard ${JSON.stringify(guard)}`);
  };

  return Object.freeze({
    ...def,
    from: (action: A, guard?: string) => [
      ...new Set(
        def.transitions
          .filter((t) => t.action === action && t.from !== null && (guard === undefined || t.guard === guard))
          .map((t) => t.from as S),
      ),
    ],
    allows: (from: S | null, action: A) => rows.has(key(from, action)),
    rule,
    next(ctx: Pick<RequestContext, "identity"> | Role, from: S | null, action: A, guard?: string): S {
      const t = rule(from, action, guard);
      const role = typeof ctx === "string" ? ctx : ctx.identity.role;
      if (role !== "SYSTEM" && !t.roles.includes(role)) {
        throw forbidden(`${def.name} (${role} may not ${def.verbs[action]})`);
      }
      return t.to;
    },
    refuse,
    path: (from: S | null, to: S) => shortestPath(def.transitions, from, to),
    mermaid: () => workflowMermaid(def),
  });
}

function shortestPath<S extends string, A extends string>(
  transitions: readonly TransitionRule<S, A>[],
  from: S | null,
  to: S,
): TransitionRule<S, A>[] | null {
  if (from === to) return [];
  const via = new Map<S | null, TransitionRule<S, A>[]>([[from, []]]);
  const queue: (S | null)[] = [from];
  while (queue.length) {
    const at = queue.shift()!;
    for (const t of transitions) {
      if (t.from !== at || via.has(t.to)) continue;
      const walk = [...via.get(at)!, t];
      if (t.to === to) return walk;
      via.set(t.to, walk);
      queue.push(t.to);
    }
  }
  return null;
}

function workflowMermaid<S extends string, A extends string>(def: WorkflowDefinition<S, A>): string {
  const lines = ["stateDiagram-v2"];
  for (const t of def.transitions) {
    const label = `${t.action}${t.guard ? `, ${t.guard}` : ""} (${t.roles.join(", ")})`;
    // Mermaid ends a label at a colon or semicolon.
    lines.push(`    ${t.from ?? "[*]"} --> ${t.to}: ${label.replace(/[:;]/g, " ")}`);
  }
  return lines.join("\n");
}
