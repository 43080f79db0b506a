import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-L77MRUNZ.js";
import "./chunk-RPVJAOBW.js";
import "./chunk-DLRIICSI.js";
import "./chunk-5YS2GWRP.js";
import "./chunk-IGHE5Y5Q.js";
import "./chunk-X254MOJK.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
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
//# sourceMappingURL=duration_shards-IO57W6SH.js.map
