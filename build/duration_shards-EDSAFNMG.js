import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-SHXWXMCY.js";
import "./chunk-NYSHT2QO.js";
import "./chunk-4NPYDZPR.js";
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
  readTimings,
  shardPlanLine,
  shardRunLine
};
//# sourceMappingURL=duration_shards-EDSAFNMG.js.map
