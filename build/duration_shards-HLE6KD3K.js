import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-EFADOOZE.js";
import "./chunk-QJTZM2M3.js";
import "./chunk-26MS6YQU.js";
import "./chunk-XO22FQN4.js";
import "./chunk-UKED4ASC.js";
import "./chunk-H32P5R3O.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-IRQBML7B.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-GTHP53V7.js";
export {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
};
//# sourceMappingURL=duration_shards-HLE6KD3K.js.map
