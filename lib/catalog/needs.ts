/**
 * The `needs` graph of a catalog: checking it (unknown ids, a fixture
 * needing itself, cycles, a teardown needed), and closing a selection over
 * it (a fixture brings its needs; a need brings the teardowns that clean up
 * after it). Pure.
 *
 * @module
 */
import { closest } from "../base/_suggest.ts";

/** What the graph looks at of a fixture. */
export interface GraphNode {
  /** The id. */
  id: string;
  /** Ids it needs. */
  needs: readonly string[];
  /** Whether it is a teardown. */
  teardown: boolean;
}

/** One problem of the graph, for the fixture whose manifest holds it. */
export interface NeedsProblem {
  /** The fixture whose `needs` is wrong. */
  id: string;
  /** What is wrong, e.g. `needs "setup/dbb", which is not a fixture`. */
  message: string;
  /** What to do. */
  hint: string;
}

/**
 * Every problem of a catalog's `needs`: an id that is no fixture (with the
 * closest one), a fixture that needs itself, a teardown that another fixture
 * needs, and each cycle, named from its smallest id (`a -> b -> a`).
 *
 * @param nodes The catalog's fixtures.
 * @returns The problems, in id order; none for a sound graph.
 *
 * @example
 * ```ts
 * import { needsProblems } from "./needs.ts";
 * import assert from "node:assert/strict";
 *
 * const problems = needsProblems([
 *   { id: "a", needs: ["b"], teardown: false },
 *   { id: "b", needs: ["a"], teardown: false },
 *   { id: "c", needs: ["setup/dbb"], teardown: false },
 *   { id: "setup/db", needs: [], teardown: false },
 * ]);
 * assert.deepEqual(problems.map((p) => p.message), [
 *   "its needs form a cycle: a -> b -> a",
 *   'needs "setup/dbb", which is not a fixture (did you mean "setup/db"?)',
 * ]);
 * ```
 */
export function needsProblems(nodes: readonly GraphNode[]): NeedsProblem[] {
  // Only a fixture with needs can name a wrong one or close a cycle: most catalogs have none.
  const needing = nodes.filter((n) => n.needs.length > 0);
  if (needing.length === 0) return [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ids = [...byId.keys()];
  const problems: NeedsProblem[] = [];
  for (const node of needing) {
    for (const need of node.needs) {
      if (need === node.id) {
        problems.push({
          id: node.id,
          message: "needs itself",
          hint: `Remove "${need}" from its "needs".`,
        });
      } else if (!byId.has(need)) {
        const near = closest(need, ids);
        problems.push({
          id: node.id,
          message: `needs "${need}", which is not a fixture${
            near ? ` (did you mean "${near}"?)` : ""
          }`,
          hint: "needs takes fixture ids, as --list shows them (not patterns).",
        });
      } else if (byId.get(need)!.teardown) {
        problems.push({
          id: node.id,
          message: `needs "${need}", a teardown (teardowns run last; nothing can need one)`,
          hint: `Remove "${need}" from its "needs", or make "${need}" a fixture of its own.`,
        });
      }
    }
  }
  // Cycles: a depth-first walk in id order; each cycle is reported once, from its smallest id.
  const state = new Map<string, "open" | "done">();
  const reported = new Set<string>();
  const path: string[] = [];
  // Iterative: a chain of needs thousands long must not overflow the stack.
  const frames: { id: string; needs: string[]; next: number }[] = [];
  const enter = (id: string) => {
    state.set(id, "open");
    path.push(id);
    frames.push({ id, needs: [...(byId.get(id)?.needs ?? [])].sort(), next: 0 });
  };
  const visit = (root: string) => {
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next === frame.needs.length) {
        frames.pop();
        path.pop();
        state.set(frame.id, "done");
        continue;
      }
      const id = frame.id;
      const need = frame.needs[frame.next++];
      if (!byId.has(need) || need === id) continue;
      if (state.get(need) === "open") {
        const cycle = path.slice(path.indexOf(need));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const turned = [...cycle.slice(start), ...cycle.slice(0, start)];
        const key = [...turned].sort().join("\0");
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({
            id: turned[0],
            message: `its needs form a cycle: ${[...turned, turned[0]].join(" -> ")}`,
            hint: "Remove one of these needs: a fixture cannot run before itself.",
          });
        }
      } else if (!state.has(need)) enter(need);
    }
  };
  // A walk from a fixture without needs ends where it starts: only the others are roots.
  for (const id of needing.map((n) => n.id).sort()) if (!state.has(id)) visit(id);
  return problems.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Closes a selection over the graph: every selected fixture brings what it
 * needs (transitively), and every fixture in the result brings the teardowns
 * that need it (with their own needs). Whatever the filters said, a fixture
 * runs with its setup and its cleanup. A fixture skipped whatever happens (see
 * {@linkcode skippedWhatever}) sets up and cleans up nothing: skipped in its own
 * manifest, it brings nothing; skipped through a need, it brings only the needs
 * so skipped (the run then says why), not its others nor its teardowns.
 *
 * @param selected The selected ids.
 * @param nodes The catalog (with each fixture's `skipReason`, when its manifest skips it).
 * @param skipped What the catalog skips whatever happens, when known (default: computed).
 * @returns The ids to run (selected and pulled in), and for each pulled-in id why:
 * `needed by api/orders` or `teardown of setup/db`.
 *
 * @example
 * ```ts
 * import { closeOverNeeds } from "./needs.ts";
 * import assert from "node:assert/strict";
 *
 * const nodes = [
 *   { id: "api/orders", needs: ["setup/db"], teardown: false },
 *   { id: "setup/db", needs: [], teardown: false },
 *   { id: "teardown/db", needs: ["setup/db"], teardown: true },
 *   { id: "other", needs: [], teardown: false },
 * ];
 * const closed = closeOverNeeds(["api/orders"], nodes);
 * assert.deepEqual([...closed.ids].sort(), ["api/orders", "setup/db", "teardown/db"]);
 * assert.equal(closed.pulledIn.get("setup/db"), "needed by api/orders");
 * assert.equal(closed.pulledIn.get("teardown/db"), "teardown of setup/db");
 *
 * const skipped = nodes.map((n) => n.id === "api/orders" ? { ...n, skipReason: "off" } : n);
 * assert.deepEqual([...closeOverNeeds(["api/orders"], skipped).ids], ["api/orders"]);
 * const report = { id: "api/report", needs: ["api/orders", "other"], teardown: false };
 * assert.deepEqual([...closeOverNeeds(["api/report"], [...skipped, report]).ids], ["api/report", "api/orders"]);
 * ```
 */
export function closeOverNeeds(
  selected: Iterable<string>,
  nodes: readonly (GraphNode & { skipReason?: string })[],
  skipped: ReadonlySet<string> = skippedWhatever(nodes),
): { ids: Set<string>; pulledIn: Map<string, string> } {
  const related = pullRelation(nodes, skipped);
  const ids = new Set<string>(selected);
  const pulledIn = new Map<string, string>();
  const queue = [...ids];
  for (let next = 0; next < queue.length; next++) {
    const id = queue[next];
    const { needs, teardowns } = related(id);
    const pull = (other: string, why: () => string) => {
      if (ids.has(other)) return;
      ids.add(other);
      pulledIn.set(other, why());
      queue.push(other);
    };
    for (const need of needs) pull(need, () => `needed by ${id}`);
    for (const teardown of teardowns) pull(teardown, () => `teardown of ${id}`);
  }
  return { ids, pulledIn };
}

/**
 * What a run of each fixture alone brings besides it, as
 * {@linkcode closeOverNeeds} closes it: its needs and their teardowns, with
 * theirs. A duration split counts them in the shard that gets the fixture.
 * Each closure is built on those of its needs, so a setup's is walked once
 * however many fixtures need it; the closures of a chain of needs grow with
 * its square, so past `limit` ids in all (by default 65,536, or 8 per fixture
 * when that is more: a chain of needs ~360 long in a catalog of up to 8,192)
 * the answer is undefined, the same for every runner given the same catalog.
 *
 * @param nodes The catalog (with each fixture's `skipReason`, when its manifest skips it).
 * @param skipped What the catalog skips whatever happens, when known (default: computed).
 * @param limit The most ids the closures may hold in all (default: 65,536, or 8 per node).
 * @returns By id, what it brings (never itself); undefined past the limit.
 *
 * @example
 * ```ts
 * import { broughtBy } from "./needs.ts";
 * import assert from "node:assert/strict";
 *
 * const brought = broughtBy([
 *   { id: "api/orders", needs: ["setup/db"], teardown: false },
 *   { id: "setup/db", needs: [], teardown: false },
 *   { id: "teardown/db", needs: ["setup/db"], teardown: true },
 *   { id: "other", needs: [], teardown: false },
 * ])!;
 * assert.deepEqual([...brought.get("api/orders")!].sort(), ["setup/db", "teardown/db"]);
 * assert.deepEqual([...brought.get("setup/db")!], ["teardown/db"]);
 * assert.deepEqual([...brought.get("other")!], []);
 * ```
 */
export function broughtBy(
  nodes: readonly (GraphNode & { skipReason?: string })[],
  skipped: ReadonlySet<string> = skippedWhatever(nodes),
  limit: number = Math.max(1 << 16, 8 * nodes.length),
): Map<string, Set<string>> | undefined {
  const related = pullRelation(nodes, skipped);
  const needs = needIndices(nodes);
  /** Each fixture's closure, itself included. */
  const closed = new Map<string, Set<string>>();
  let size = 0;
  for (const i of dependenciesFirst(nodes.map((_, i) => i), (i) => needs[i])) {
    const id = nodes[i].id;
    if (closed.has(id)) continue;
    const ids = new Set([id]);
    const queue = [id];
    const take = (other: string) => {
      if (ids.has(other)) return;
      // A closure already made is whole: taken as it is, not walked again.
      const done = closed.get(other);
      if (done) { for (const o of done) ids.add(o); }
      else {
        ids.add(other);
        queue.push(other);
      }
    };
    for (let next = 0; next < queue.length; next++) {
      const { needs, teardowns } = related(queue[next]);
      for (const need of needs) take(need);
      for (const teardown of teardowns) take(teardown);
    }
    size += ids.size;
    if (size > limit) return undefined;
    closed.set(id, ids);
  }
  for (const [id, ids] of closed) ids.delete(id);
  return closed;
}

/**
 * What reaching a fixture pulls in: its needs (only those skipped whatever
 * happens, when it is), and the teardowns of it (none when it is so skipped);
 * nothing at all when its manifest skips it. Ids not in the catalog are left
 * out. Each fixture's lists are made once.
 */
function pullRelation(
  nodes: readonly (GraphNode & { skipReason?: string })[],
  skipped: ReadonlySet<string>,
): (id: string) => { needs: readonly string[]; teardowns: readonly string[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const teardownsOf = new Map<string, string[]>();
  for (const node of nodes) {
    if (!node.teardown) continue;
    for (const need of node.needs) {
      const list = teardownsOf.get(need);
      if (list) list.push(node.id);
      else teardownsOf.set(need, [node.id]);
    }
  }
  const none = { needs: [], teardowns: [] };
  const made = new Map<string, { needs: readonly string[]; teardowns: readonly string[] }>();
  return (id) => {
    const node = byId.get(id);
    if (node === undefined || node.skipReason !== undefined) return none;
    let relation = made.get(id);
    if (!relation) {
      const inert = skipped.has(id);
      relation = {
        needs: node.needs.filter((need) => (!inert || skipped.has(need)) && byId.has(need)),
        teardowns: inert ? [] : teardownsOf.get(id) ?? [],
      };
      made.set(id, relation);
    }
    return relation;
  };
}

/**
 * Why each fixture a run skips whatever happens (see
 * {@linkcode skippedWhatever}) is skipped, as the run gives it: its manifest's
 * reason; `needs "X", which is skipped` (its first need so skipped); or, a
 * teardown, `teardown: none of its needs ran`.
 *
 * @param nodes The run's fixtures (an acyclic graph).
 * @returns The reasons, by id; a fixture that may run has none.
 *
 * @example
 * ```ts
 * import { skippedAnyway } from "./needs.ts";
 * import assert from "node:assert/strict";
 *
 * const reasons = skippedAnyway([
 *   { id: "legacy", needs: [], teardown: false, skipReason: "retired" },
 *   { id: "legacy/extra", needs: ["api", "legacy"], teardown: false },
 *   { id: "legacy/clean", needs: ["legacy"], teardown: true },
 *   { id: "api", needs: [], teardown: false },
 * ]);
 * assert.deepEqual([...reasons], [
 *   ["legacy", "retired"],
 *   ["legacy/extra", 'needs "legacy", which is skipped'],
 *   ["legacy/clean", "teardown: none of its needs ran"],
 * ]);
 * ```
 */
export function skippedAnyway(
  nodes: readonly (GraphNode & { skipReason?: string })[],
): Map<string, string> {
  const skipped = skippedWhatever(nodes);
  const reasons = new Map<string, string>();
  for (const node of nodes) {
    if (!skipped.has(node.id)) continue;
    const need = node.needs.find((id) => skipped.has(id));
    reasons.set(
      node.id,
      node.skipReason ??
        (node.teardown ? "teardown: none of its needs ran" : `needs "${need}", which is skipped`),
    );
  }
  return reasons;
}

/**
 * The fixtures a run skips whatever happens: those skipped in their manifest,
 * those with a need so skipped (a skipped need skips its dependants), and the
 * teardowns all of whose needs are so skipped (nothing was set up). This is
 * the needs gate's rule as known before anything runs, and all of it but for
 * a stop: a teardown without needs runs whatever else was skipped.
 *
 * @param nodes The catalog's fixtures (an acyclic graph: see {@linkcode needsProblems}).
 * @returns Their ids.
 *
 * @example
 * ```ts
 * import { skippedWhatever } from "./needs.ts";
 * import assert from "node:assert/strict";
 *
 * const nodes = [
 *   { id: "legacy", needs: [], teardown: false, skipReason: "off" },
 *   { id: "legacy/extra", needs: ["legacy"], teardown: false },
 *   { id: "legacy/clean", needs: ["legacy"], teardown: true },
 *   { id: "api", needs: [], teardown: false },
 * ];
 * assert.deepEqual([...skippedWhatever(nodes)].sort(), ["legacy", "legacy/clean", "legacy/extra"]);
 * ```
 */
export function skippedWhatever(
  nodes: readonly (GraphNode & { skipReason?: string })[],
): Set<string> {
  // Nothing skipped in a manifest: nothing is skipped whatever happens (most catalogs).
  if (!nodes.some((node) => node.skipReason !== undefined)) return new Set();
  const needs = needIndices(nodes);
  // A fixture is decided once its needs are. On a cycle (refused before this), a need still
  // being decided counts as not skipped.
  const skipped = nodes.map(() => false);
  for (const i of dependenciesFirst(nodes.map((_, i) => i), (i) => needs[i])) {
    const node = nodes[i];
    const isSkipped = (n: number) => skipped[n];
    skipped[i] = node.skipReason !== undefined ||
      (node.teardown ? needs[i].length > 0 && needs[i].every(isSkipped) : needs[i].some(isSkipped));
  }
  return new Set(nodes.filter((_, i) => skipped[i]).map((n) => n.id));
}

/**
 * Each node's needs as indices into `nodes`: ids that are not among them,
 * and a node's own id, left out.
 *
 * @param nodes The nodes.
 * @returns For each node, the indices of its needs.
 *
 * @example
 * ```ts
 * import { needIndices } from "./needs.ts";
 * import assert from "node:assert/strict";
 *
 * const nodes = [{ id: "a", needs: ["b", "gone", "a"] }, { id: "b", needs: [] }];
 * assert.deepEqual(needIndices(nodes), [[1], []]);
 * ```
 */
export function needIndices(
  nodes: readonly { id: string; needs: readonly string[] }[],
): number[][] {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  return nodes.map((n, self) =>
    n.needs.map((id) => index.get(id)).filter((i): i is number => i !== undefined && i !== self)
  );
}

/**
 * The indices given, each after those it leads to among them: a graph's
 * post-order, depth first and without recursion (a chain of needs may be
 * thousands long). Edges to indices not given are not followed; on a cycle
 * the order within it is that of the walk.
 *
 * @param indices The nodes, in the order to start walks from.
 * @param next The nodes a node leads to (its needs, or what it waits for).
 * @returns The same indices, each once, each after those it leads to.
 *
 * @example
 * ```ts
 * import { dependenciesFirst } from "./needs.ts";
 * import assert from "node:assert/strict";
 *
 * // 0 needs 1, 1 needs 2; 3 leads to 9, which is not among them.
 * const edges = [[1], [2], [], [9]];
 * assert.deepEqual(dependenciesFirst([0, 1, 2, 3], (i) => edges[i]), [2, 1, 0, 3]);
 * ```
 */
export function dependenciesFirst(
  indices: readonly number[],
  next: (index: number) => readonly number[],
): number[] {
  const among = new Set(indices);
  const seen = new Set<number>();
  const order: number[] = [];
  for (const start of indices) {
    if (seen.has(start)) continue;
    seen.add(start);
    const frames: [number, number][] = [[start, 0]];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const edges = next(frame[0]);
      if (frame[1] < edges.length) {
        const to = edges[frame[1]++];
        if (among.has(to) && !seen.has(to)) {
          seen.add(to);
          frames.push([to, 0]);
        }
      } else order.push(frames.pop()![0]);
    }
  }
  return order;
}
