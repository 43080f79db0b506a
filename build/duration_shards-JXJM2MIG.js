import {
  durationShardOf,
  durationShards,
  durationsProblem,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-CWWOAZ5I.js";
import "./chunk-A6SH42OA.js";
import "./chunk-3Y7ABDXK.js";
import "./chunk-XO22FQN4.js";
import "./chunk-TKR4AKXV.js";
import "./chunk-H32P5R3O.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  durationShardOf,
  durationShards,
  durationsProblem,
  readTimings,
  shardPlanLine,
  shardRunLine
};
//# sourceMappingURL=duration_shards-JXJM2MIG.js.map
