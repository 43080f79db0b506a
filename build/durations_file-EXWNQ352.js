import {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
} from "./chunk-JMCFBTQN.js";
import "./chunk-MRJAKDEU.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
};
//# sourceMappingURL=durations_file-EXWNQ352.js.map
