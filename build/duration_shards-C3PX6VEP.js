import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
} from "./chunk-YMCVMD7B.js";
import "./chunk-OKC2SKGY.js";
import "./chunk-KB3BLDOY.js";
import "./chunk-TN5NKFJG.js";
import "./chunk-RHJFCKRE.js";
import "./chunk-OWLOY6LL.js";
import "./chunk-XRNQ5Z2N.js";
import "./chunk-5YSORA25.js";
import "./chunk-PZVWHH52.js";
import "./chunk-PZ427C22.js";
export {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine
};
