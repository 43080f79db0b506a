import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-FO3VFBSP.js";
import "./chunk-I6OP5QHC.js";
import "./chunk-OB3R5JU4.js";
import "./chunk-XTNGIA6P.js";
import "./chunk-MQ2XCXUK.js";
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
//# sourceMappingURL=duration_shards-A5GFIYYJ.js.map
