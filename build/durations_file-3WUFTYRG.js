import {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
} from "./chunk-LS7QLZ2M.js";
import "./chunk-MJ35CS4G.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
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
//# sourceMappingURL=durations_file-3WUFTYRG.js.map
