import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-XLKS32AH.js";
import "./chunk-LJMEZB3Q.js";
import "./chunk-AQAF4OUQ.js";
import "./chunk-5YS2GWRP.js";
import "./chunk-TRPOQS4B.js";
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
//# sourceMappingURL=duration_shards-FVA7HSZ7.js.map
