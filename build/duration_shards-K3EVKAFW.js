import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-RVM5W7X5.js";
import "./chunk-RPVJAOBW.js";
import "./chunk-RH4CMWFB.js";
import "./chunk-5YS2GWRP.js";
import "./chunk-6WXWT4VZ.js";
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
//# sourceMappingURL=duration_shards-K3EVKAFW.js.map
