import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-DVZAKUHB.js";
import "./chunk-PF2WMHEW.js";
import "./chunk-M2SULWKM.js";
import "./chunk-5YS2GWRP.js";
import "./chunk-L6MCXCCI.js";
import "./chunk-X254MOJK.js";
import "./chunk-UJ3DNAZI.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-LB2RVQEI.js";
import "./chunk-GTHP53V7.js";
export {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
};
//# sourceMappingURL=duration_shards-VS2YVWXN.js.map
