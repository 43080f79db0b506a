import {
  durationShardOf,
  durationShards,
  durationsProblem,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-6LZQP5TN.js";
import "./chunk-5UOTSCRS.js";
import "./chunk-5CDFVK3M.js";
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
//# sourceMappingURL=duration_shards-6GQ2JXSI.js.map
