import {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
} from "./chunk-H6QLQZM2.js";
import "./chunk-UFL2JPTG.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-6XRGET65.js";
import "./chunk-XO22FQN4.js";
import "./chunk-KXVKIEF5.js";
import "./chunk-ANYOMBVL.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-GTHP53V7.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
export {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
};
//# sourceMappingURL=durations_file-2TNGUGM2.js.map
