import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-BRQLOGDW.js";
import "./chunk-I6OP5QHC.js";
import "./chunk-43PD62QX.js";
import "./chunk-XTNGIA6P.js";
import "./chunk-LYNSEBNC.js";
import "./chunk-X254MOJK.js";
import "./chunk-AYTCNA3K.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-Z7FRQMOA.js";
import "./chunk-GTHP53V7.js";
export {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
};
//# sourceMappingURL=duration_shards-KAC4DJEN.js.map
