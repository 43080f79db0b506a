// lib/artifact/outcome_history.ts
var MAX_OUTCOMES = 10;
var OUTCOMES_PATTERN = /^[PF]{1,10}$/;
var flipRate = (function flipRate(outcomes) {
  let flips = 0;
  let runs = 0;
  let previous = "";
  for (const outcome of outcomes) {
    if (outcome !== "P" && outcome !== "F") continue;
    if (previous && outcome !== previous) flips++;
    previous = outcome;
    runs++;
  }
  return {
    flips,
    runs
  };
});
var addOutcome = (function addOutcome(before, status) {
  return `${status === "passed" ? "P" : "F"}${before ?? ""}`.slice(0, MAX_OUTCOMES);
});
var parseOutcomes = (function parseOutcomes(value, validId) {
  const outcomes = /* @__PURE__ */ new Map();
  if (typeof value !== "object" || value === null || Array.isArray(value)) return outcomes;
  for (const [id, text] of Object.entries(value)) {
    if (!validId(id) || typeof text !== "string") continue;
    const newest = text.slice(0, MAX_OUTCOMES);
    if (OUTCOMES_PATTERN.test(newest)) outcomes.set(id, newest);
  }
  return outcomes;
});
var LIKELY_FLAKY_FLIPS = 2;
var unchangedRecoveryNote = (function unchangedRecoveryNote(id, outcomes) {
  const { flips, runs } = flipRate(outcomes ?? "");
  if (flips >= LIKELY_FLAKY_FLIPS) {
    return `${id} passed unchanged: likely flaky, it flipped ${flips} times in its last ${runs} runs`;
  }
  const first = flips === 1 ? `, its first flip in its last ${runs} runs` : "";
  return `${id} passed unchanged: a flake or a fix outside its files${first}`;
});

export {
  addOutcome,
  parseOutcomes,
  unchangedRecoveryNote
};
//# sourceMappingURL=chunk-XO22FQN4.js.map
