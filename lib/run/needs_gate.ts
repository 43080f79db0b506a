/**
 * Which fixture may start next under the `needs` graph. Pure bookkeeping for
 * the scheduler: a fixture starts once every fixture it needs has passed in
 * this run; it is blocked (never started) once one of them ended otherwise
 * (unless its manifest skips it: a choice, it is skipped whatever they did);
 * a teardown starts once its needs and everything that needs them have
 * ended, whatever their outcome, if one of its needs ran (else it is skipped
 * when they were skipped, blocked when a failure kept them from running).
 * Fixtures with no needs start as before, in the order given, so concurrency
 * is kept for all independent work.
 *
 * @module
 */
import { dependenciesFirst, skippedAnyway } from "../catalog/needs.ts";

/** What the gate knows of a fixture. */
export interface GateNode {
  /** The id. */
  id: string;
  /** Ids it needs (ids outside the run are ignored). */
  needs: readonly string[];
  /** Whether it is a teardown. */
  teardown: boolean;
  /**
   * Why its manifest skips it, if it does: it is skipped whatever its needs
   * did (a choice, never blocked and so never owed).
   */
  skipReason?: string | undefined;
}

/** How a fixture ended, as the gate needs it. */
export type Ending = "passed" | "failed" | "skipped" | "blocked" | "interrupted";

/** How a fixture a stopped run never started ends, when the run can tell (see `settleStopped`). */
export type Settled =
  | { kind: "skip"; reason: string }
  | { kind: "block"; by: string; because: Ending };

/** What to do next. */
export type Step =
  | { kind: "start"; index: number }
  | { kind: "block"; index: number; by: string; because: Ending }
  | { kind: "skip"; index: number; reason: string }
  | { kind: "wait" }
  | { kind: "done" };

/**
 * The scheduler's view of the graph.
 *
 * @example
 * ```ts
 * import { NeedsGate } from "./needs_gate.ts";
 * import assert from "node:assert/strict";
 *
 * const gate = new NeedsGate([
 *   { id: "setup", needs: [], teardown: false },
 *   { id: "api", needs: ["setup"], teardown: false },
 *   { id: "other", needs: [], teardown: false },
 * ]);
 * const order = [0, 1, 2];
 * assert.deepEqual(gate.next(order), { kind: "start", index: 0 });
 * gate.start(0);
 * // api waits for setup; other is independent and starts.
 * assert.deepEqual(gate.next(order), { kind: "start", index: 2 });
 * gate.start(2);
 * assert.deepEqual(gate.next(order), { kind: "wait" });
 * gate.end(0, "failed");
 * assert.deepEqual(gate.next(order), { kind: "block", index: 1, by: "setup", because: "failed" });
 *
 * // What the manifests skip, and why, for a run stopped before it got there.
 * const skips = new NeedsGate([
 *   { id: "legacy", needs: [], teardown: false, skipReason: "retired" },
 *   { id: "legacy/extra", needs: ["legacy"], teardown: false },
 * ]);
 * assert.equal(skips.skippedAnyway(0), "retired");
 * assert.equal(skips.skippedAnyway(1), 'needs "legacy", which is skipped');
 * assert.equal(gate.skippedAnyway(1), undefined);
 * ```
 */
export class NeedsGate {
  #nodes: readonly GateNode[];
  /** Each fixture's needs, as indices into the run. */
  #needs: number[][];
  /** For each teardown, what must have ended before it starts. */
  #watch: Map<number, number[]>;
  #state: ("pending" | "running" | Ending)[];
  /** Whether each fixture's process ran (a blocked or skipped one did not). */
  #ran: boolean[];
  /** The order last asked about, and the first position in it that may still be pending. */
  #order: readonly number[] | undefined;
  #cursor = 0;
  /** How many fixtures are running. */
  #running = 0;
  /** Why the fixtures skipped whatever happens are (see skippedAnyway), once asked. */
  #anyway: Map<string, string> | undefined;

  /**
   * @param nodes The run's fixtures, in the order results are kept.
   */
  constructor(nodes: readonly GateNode[]) {
    this.#nodes = nodes;
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    this.#needs = nodes.map((n) =>
      n.needs.map((id) => index.get(id)).filter((i): i is number => i !== undefined)
    );
    this.#state = nodes.map(() => "pending");
    this.#ran = nodes.map(() => false);
    this.#watch = new Map();
    // Who needs each fixture, to find what depends on a teardown's needs in one search each.
    const dependants: number[][] = nodes.map(() => []);
    this.#needs.forEach((needs, i) => needs.forEach((n) => dependants[n].push(i)));
    nodes.forEach((node, t) => {
      if (!node.teardown) return;
      const needs = this.#needs[t];
      if (needs.length === 0) {
        // Without needs: every other fixture, the other teardowns included (but those without
        // needs).
        this.#watch.set(
          t,
          nodes.map((_, i) => i).filter((i) =>
            i !== t && !(nodes[i].teardown && this.#needs[i].length === 0)
          ),
        );
        return;
      }
      // With needs: them, everything that needs them (directly or not), and the teardowns of
      // what needs them: setups are undone in reverse (teardown/seed, of setup/seed, which needs
      // setup/db, before teardown/db; not another teardown of setup/db itself).
      const depends = new Set<number>();
      const stack = [...needs];
      while (stack.length > 0) {
        for (const d of dependants[stack.pop()!]) {
          if (!depends.has(d)) {
            depends.add(d);
            stack.push(d);
          }
        }
      }
      const watched = new Set(needs);
      for (const d of depends) {
        // A teardown counts when it depends on them through a need of its own (one needing one
        // of the same needs is reached directly, and does not count).
        if (!nodes[d].teardown || this.#needs[d].some((n) => depends.has(n))) watched.add(d);
      }
      watched.delete(t);
      this.#watch.set(t, [...watched].sort((a, b) => a - b));
    });
    this.#dropWaitCycles();
  }

  /**
   * Two teardowns that would wait for each other (each cleans up after what
   * needs the other's setup, through needs of several fixtures) do not: they
   * run in any order, as before teardowns waited for teardowns. Only waits
   * within such a cycle (a strongly connected set, found in one pass) go; the
   * rest of the order stands.
   */
  #dropWaitCycles(): void {
    const teardowns = [...this.#watch.keys()].filter((t) => this.#needs[t].length > 0);
    const waitsOn = new Map(
      teardowns.map((t) => [t, this.#watch.get(t)!.filter((u) => this.#nodes[u].teardown)]),
    );
    if (![...waitsOn.values()].some((w) => w.length > 0)) return;
    // Tarjan's strongly connected components, without recursion.
    const order = new Map<number, number>();
    const low = new Map<number, number>();
    const component = new Map<number, number>();
    const onStack = new Set<number>();
    const stack: number[] = [];
    let counter = 0;
    for (const root of teardowns) {
      if (order.has(root)) continue;
      const frames: [number, number][] = [[root, 0]];
      order.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const [v, k] = frame;
        const next = waitsOn.get(v)!;
        if (k < next.length) {
          frame[1]++;
          const w = next[k];
          if (!order.has(w)) {
            order.set(w, counter);
            low.set(w, counter++);
            stack.push(w);
            onStack.add(w);
            frames.push([w, 0]);
          } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
          continue;
        }
        frames.pop();
        if (frames.length > 0) {
          const parent = frames[frames.length - 1][0];
          low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
        }
        if (low.get(v) === order.get(v)) {
          let w: number;
          do {
            w = stack.pop()!;
            onStack.delete(w);
            component.set(w, v);
          } while (w !== v);
        }
      }
    }
    for (const t of teardowns) {
      const own = component.get(t);
      if (!waitsOn.get(t)!.some((u) => component.get(u) === own)) continue;
      this.#watch.set(
        t,
        this.#watch.get(t)!.filter((u) => !(this.#nodes[u].teardown && component.get(u) === own)),
      );
    }
  }

  #ended(i: number): boolean {
    const s = this.#state[i];
    return s !== "pending" && s !== "running";
  }

  /**
   * The next step: the first fixture in `order` that may start or must be
   * blocked; else wait (something runs that others wait for); else done.
   *
   * @param order Indices in start order.
   * @returns The step.
   */
  next(order: readonly number[]): Step {
    // Everything before the cursor has started: a run of thousands of fixtures does not scan
    // them again for every pick.
    if (this.#order !== order) {
      this.#order = order;
      this.#cursor = 0;
    }
    while (this.#cursor < order.length && this.#state[order[this.#cursor]] !== "pending") {
      this.#cursor++;
    }
    let running = this.#running > 0;
    for (let k = this.#cursor; k < order.length; k++) {
      const i = order[k];
      const state = this.#state[i];
      if (state === "running") running = true;
      if (state !== "pending") continue;
      if (this.#nodes[i].teardown) {
        const watched = this.#watch.get(i) ?? [];
        if (!watched.every((w) => this.#ended(w))) continue;
        // Skipped in its manifest, it would not have run either way: it starts, and is skipped
        // with its own reason, whatever its needs did.
        if (this.#nodes[i].skipReason !== undefined) return { kind: "start", index: i };
        // Nothing was set up, so there is nothing to clean up. A teardown without needs cleans
        // up after the run whatever ran: fixtures that were skipped do not hold it back (chosen
        // alone, by `--fixture` or the rerun of its failure, it runs); only fixtures that were to
        // run and ended without running (a stop before any started) do.
        const needs = this.#needs[i];
        const anyRan = needs.length
          ? needs.some((n) => this.#ran[n])
          : watched.every((w) => this.#state[w] === "skipped") ||
            watched.some((w) => this.#ran[w]);
        if (!anyRan) {
          // Needs that a failure kept from running (blocked in turn, or stopped) leave the
          // teardown blocked, not skipped: it did not run, so a failure it owes stays owed (its
          // rerun comes with theirs). Needs skipped by choice leave it skipped.
          const kept = this.#keptNeed(i);
          if (kept !== undefined) {
            return { kind: "block", index: i, ...this.#unmet(kept) };
          }
          return {
            kind: "skip",
            index: i,
            reason: needs.length ? "teardown: none of its needs ran" : "teardown: nothing ran",
          };
        }
        return { kind: "start", index: i };
      }
      const needs = this.#needs[i];
      if (!needs.every((n) => this.#ended(n))) continue;
      if (this.#nodes[i].skipReason !== undefined) return { kind: "start", index: i };
      // A need skipped (by its manifest, or because its own need was) skips its dependants: a
      // skip is a choice, not a failure.
      const skipped = needs.find((n) => this.#state[n] === "skipped");
      if (skipped !== undefined) {
        return {
          kind: "skip",
          index: i,
          reason: `needs "${this.#nodes[skipped].id}", which is skipped`,
        };
      }
      const unmet = needs.find((n) => this.#state[n] !== "passed");
      if (unmet !== undefined) {
        return { kind: "block", index: i, ...this.#unmet(unmet) };
      }
      return { kind: "start", index: i };
    }
    return running ? { kind: "wait" } : { kind: "done" };
  }

  /**
   * Marks a fixture started.
   *
   * @param index Its index.
   */
  start(index: number): void {
    this.#state[index] = "running";
    this.#running++;
  }

  /**
   * Marks a fixture ended.
   *
   * @param index Its index.
   * @param ending How it ended.
   * @param ran Whether its process ran (it made at least one attempt).
   */
  end(index: number, ending: Ending, ran = ending === "passed" || ending === "failed"): void {
    if (this.#state[index] === "running") this.#running--;
    this.#state[index] = ending;
    this.#ran[index] = ran;
  }

  /** A need that did not pass, as a block names it. */
  #unmet(need: number): { by: string; because: Ending } {
    return { by: this.#nodes[need].id, because: this.#state[need] as Ending };
  }

  /**
   * The need a failure kept from running that blocks a teardown whose needs
   * have all ended: none of them ran, and one was not skipped.
   */
  #keptNeed(t: number): number | undefined {
    const needs = this.#needs[t];
    if (needs.length === 0 || needs.some((n) => this.#ran[n])) return undefined;
    return needs.find((n) => this.#state[n] !== "skipped");
  }

  /**
   * What the fixtures a stopped run never started are, as far as the run got:
   * skipped when their manifests skip them (see {@linkcode skippedAnyway});
   * blocked when a need ended without passing (a teardown: when its needs
   * all ended, none ran, and a failure kept one from running), in turn, as
   * in a run that was not stopped. The rest were kept from starting by the
   * stop. Marks the blocked ones ended.
   *
   * @returns For each fixture so decided, by index: its skip reason, or the
   * need that blocked it and how that need ended.
   */
  settleStopped(): Map<number, Settled> {
    const settled = new Map<number, Settled>();
    const pending = this.#nodes.map((_, i) => i).filter((i) => this.#state[i] === "pending");
    for (const i of pending) {
      const reason = this.skippedAnyway(i);
      if (reason === undefined) continue;
      settled.set(i, { kind: "skip", reason });
      // Ended, for the teardowns that need it.
      this.end(i, "skipped", false);
    }
    // Needs first (a block can block in turn), so each fixture is looked at once, when all of
    // its needs the run can decide are decided: a chain of thousands takes one pass.
    const open = pending.filter((i) => !settled.has(i));
    for (const i of dependenciesFirst(open, (i) => this.#needs[i])) {
      const needs = this.#needs[i];
      const unmet = !this.#nodes[i].teardown
        ? needs.find((n) =>
          this.#ended(n) && this.#state[n] !== "passed" && this.#state[n] !== "skipped"
        )
        : needs.every((n) => this.#ended(n))
        ? this.#keptNeed(i)
        : undefined;
      if (unmet === undefined) continue;
      settled.set(i, { kind: "block", ...this.#unmet(unmet) });
      this.end(i, "blocked");
    }
    return settled;
  }

  /**
   * Why a fixture the run never got to is skipped all the same, if it is: its
   * manifest skips it, a need of it is skipped whatever happens, or (a
   * teardown) all its needs are. After a stop such a fixture is skipped, as
   * in any run, not owed: it would not have run either way.
   *
   * @param index The fixture's index.
   * @returns The skip reason, as the run would have given it; undefined if it could have run.
   */
  skippedAnyway(index: number): string | undefined {
    this.#anyway ??= skippedAnyway(this.#nodes);
    return this.#anyway.get(this.#nodes[index].id);
  }

  /**
   * The teardowns still to run once the run stops early (an interrupt, the
   * failure limit): those one of whose needs ran (or, without needs, when
   * anything ran), so what was set up is cleaned up; those without needs
   * last.
   *
   * @param ran Whether the fixture at an index ran (it has attempts).
   * @returns Their indices.
   */
  pendingTeardowns(ran: (index: number) => boolean): number[] {
    const result: number[] = [];
    const last: number[] = [];
    this.#nodes.forEach((node, t) => {
      // One skipped in its manifest has nothing to run (see skippedAnyway).
      if (!node.teardown || this.#state[t] !== "pending" || node.skipReason !== undefined) return;
      const needs = this.#needs[t];
      const anyRan = needs.length
        ? needs.some(ran)
        : this.#nodes.some((n, i) => !n.teardown && ran(i));
      // Those without needs after the others, as in a run that was not stopped.
      if (anyRan) (needs.length ? result : last).push(t);
    });
    // One at a time, each after the teardowns among them it waits for (see the constructor; the
    // waits have no cycle).
    return [...dependenciesFirst(result, (t) => this.#watch.get(t)!), ...last];
  }
}
