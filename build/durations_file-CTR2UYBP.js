import {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
} from "./chunk-XFE7AFUE.js";
import "./chunk-YHN6PYAE.js";
import "./chunk-F3HFUYG6.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-LZ3R4KLX.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-HKPNVSMW.js";
import "./chunk-ANYOMBVL.js";
export {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
};
//# sourceMappingURL=durations_file-CTR2UYBP.js.map
