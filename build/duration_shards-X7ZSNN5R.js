import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-HIVMYYUG.js";
import "./chunk-RPVJAOBW.js";
import "./chunk-LVT663C5.js";
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
//# sourceMappingURL=duration_shards-X7ZSNN5R.js.map
