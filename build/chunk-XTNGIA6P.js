// lib/base/_suggest.ts
var distance = (function distance(a, b) {
  const row = Array.from({
    length: b.length + 1
  }, ((_, i) => i));
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
});
var MAX_SUGGESTED_LENGTH = 256;
var closest = (function closest(input, candidates) {
  if (input.length > MAX_SUGGESTED_LENGTH) return void 0;
  const limit = Math.max(2, Math.ceil(input.length / 2));
  let best;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const apart = Math.abs(candidate.length - input.length);
    if (apart > limit && !candidate.includes(input)) continue;
    const score = candidate.includes(input) || input.includes(candidate) ? apart / 2 : distance(input, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= limit ? best : void 0;
});

// lib/catalog/needs.ts
var needsProblems = (function needsProblems(nodes) {
  const needing = nodes.filter(((n) => n.needs.length > 0));
  if (needing.length === 0) return [];
  const byId = new Map(nodes.map(((n) => [
    n.id,
    n
  ])));
  const ids = [
    ...byId.keys()
  ];
  const problems = [];
  for (const node of needing) {
    for (const need of node.needs) {
      if (need === node.id) {
        problems.push({
          id: node.id,
          message: "needs itself",
          hint: `Remove "${need}" from its "needs".`
        });
      } else if (!byId.has(need)) {
        const near = closest(need, ids);
        problems.push({
          id: node.id,
          message: `needs "${need}", which is not a fixture${near ? ` (did you mean "${near}"?)` : ""}`,
          hint: "needs takes fixture ids, as --list shows them (not patterns)."
        });
      } else if (byId.get(need).teardown) {
        problems.push({
          id: node.id,
          message: `needs "${need}", a teardown (teardowns run last; nothing can need one)`,
          hint: `Remove "${need}" from its "needs", or make "${need}" a fixture of its own.`
        });
      }
    }
  }
  const state = /* @__PURE__ */ new Map();
  const reported = /* @__PURE__ */ new Set();
  const path = [];
  const frames = [];
  const enter = ((id) => {
    state.set(id, "open");
    path.push(id);
    frames.push({
      id,
      needs: [
        ...byId.get(id)?.needs ?? []
      ].sort(),
      next: 0
    });
  });
  const visit = ((root) => {
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
        const start = cycle.indexOf([
          ...cycle
        ].sort()[0]);
        const turned = [
          ...cycle.slice(start),
          ...cycle.slice(0, start)
        ];
        const key = [
          ...turned
        ].sort().join("\0");
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({
            id: turned[0],
            message: `its needs form a cycle: ${[
              ...turned,
              turned[0]
            ].join(" -> ")}`,
            hint: "Remove one of these needs: a fixture cannot run before itself."
          });
        }
      } else if (!state.has(need)) enter(need);
    }
  });
  for (const id of needing.map(((n) => n.id)).sort()) if (!state.has(id)) visit(id);
  return problems.sort(((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
});
var closeOverNeeds = (function closeOverNeeds(selected, nodes, skipped = skippedWhatever(nodes)) {
  const related = pullRelation(nodes, skipped);
  const ids = new Set(selected);
  const pulledIn = /* @__PURE__ */ new Map();
  const queue = [
    ...ids
  ];
  for (let next = 0; next < queue.length; next++) {
    const id = queue[next];
    const { needs, teardowns } = related(id);
    const pull = ((other, why) => {
      if (ids.has(other)) return;
      ids.add(other);
      pulledIn.set(other, why());
      queue.push(other);
    });
    for (const need of needs) pull(need, (() => `needed by ${id}`));
    for (const teardown of teardowns) pull(teardown, (() => `teardown of ${id}`));
  }
  return {
    ids,
    pulledIn
  };
});
var broughtBy = (function broughtBy(nodes, skipped = skippedWhatever(nodes), limit = Math.max(1 << 16, 8 * nodes.length)) {
  const related = pullRelation(nodes, skipped);
  const needs = needIndices(nodes);
  const closed = /* @__PURE__ */ new Map();
  let size = 0;
  for (const i of dependenciesFirst(nodes.map(((_, i2) => i2)), ((i2) => needs[i2]))) {
    const id = nodes[i].id;
    if (closed.has(id)) continue;
    const ids = /* @__PURE__ */ new Set([
      id
    ]);
    const queue = [
      id
    ];
    const take = ((other) => {
      if (ids.has(other)) return;
      const done = closed.get(other);
      if (done) {
        for (const o of done) ids.add(o);
      } else {
        ids.add(other);
        queue.push(other);
      }
    });
    for (let next = 0; next < queue.length; next++) {
      const { needs: needs2, teardowns } = related(queue[next]);
      for (const need of needs2) take(need);
      for (const teardown of teardowns) take(teardown);
    }
    size += ids.size;
    if (size > limit) return void 0;
    closed.set(id, ids);
  }
  for (const [id, ids] of closed) ids.delete(id);
  return closed;
});
var pullRelation = (function pullRelation(nodes, skipped) {
  const byId = new Map(nodes.map(((n) => [
    n.id,
    n
  ])));
  const teardownsOf = /* @__PURE__ */ new Map();
  for (const node of nodes) {
    if (!node.teardown) continue;
    for (const need of node.needs) {
      const list = teardownsOf.get(need);
      if (list) list.push(node.id);
      else teardownsOf.set(need, [
        node.id
      ]);
    }
  }
  const none = {
    needs: [],
    teardowns: []
  };
  const made = /* @__PURE__ */ new Map();
  return ((id) => {
    const node = byId.get(id);
    if (node === void 0 || node.skipReason !== void 0) return none;
    let relation = made.get(id);
    if (!relation) {
      const inert = skipped.has(id);
      relation = {
        needs: node.needs.filter(((need) => (!inert || skipped.has(need)) && byId.has(need))),
        teardowns: inert ? [] : teardownsOf.get(id) ?? []
      };
      made.set(id, relation);
    }
    return relation;
  });
});
var skippedAnyway = (function skippedAnyway(nodes) {
  const skipped = skippedWhatever(nodes);
  const reasons = /* @__PURE__ */ new Map();
  for (const node of nodes) {
    if (!skipped.has(node.id)) continue;
    const need = node.needs.find(((id) => skipped.has(id)));
    reasons.set(node.id, node.skipReason ?? (node.teardown ? "teardown: none of its needs ran" : `needs "${need}", which is skipped`));
  }
  return reasons;
});
var skippedWhatever = (function skippedWhatever(nodes) {
  if (!nodes.some(((node) => node.skipReason !== void 0))) return /* @__PURE__ */ new Set();
  const needs = needIndices(nodes);
  const skipped = nodes.map((() => false));
  for (const i of dependenciesFirst(nodes.map(((_, i2) => i2)), ((i2) => needs[i2]))) {
    const node = nodes[i];
    const isSkipped = ((n) => skipped[n]);
    skipped[i] = node.skipReason !== void 0 || (node.teardown ? needs[i].length > 0 && needs[i].every(isSkipped) : needs[i].some(isSkipped));
  }
  return new Set(nodes.filter(((_, i) => skipped[i])).map(((n) => n.id)));
});
var needIndices = (function needIndices(nodes) {
  const index = new Map(nodes.map(((n, i) => [
    n.id,
    i
  ])));
  return nodes.map(((n, self) => n.needs.map(((id) => index.get(id))).filter(((i) => i !== void 0 && i !== self))));
});
var dependenciesFirst = (function dependenciesFirst(indices, next) {
  const among = new Set(indices);
  const seen = /* @__PURE__ */ new Set();
  const order = [];
  for (const start of indices) {
    if (seen.has(start)) continue;
    seen.add(start);
    const frames = [
      [
        start,
        0
      ]
    ];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const edges = next(frame[0]);
      if (frame[1] < edges.length) {
        const to = edges[frame[1]++];
        if (among.has(to) && !seen.has(to)) {
          seen.add(to);
          frames.push([
            to,
            0
          ]);
        }
      } else order.push(frames.pop()[0]);
    }
  }
  return order;
});

export {
  closest,
  needsProblems,
  closeOverNeeds,
  broughtBy,
  skippedAnyway,
  skippedWhatever,
  needIndices,
  dependenciesFirst
};
//# sourceMappingURL=chunk-XTNGIA6P.js.map
