import {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  summaryToAddTo,
  writeDurations
} from "./chunk-43T5EGVL.js";
import "./chunk-YHN6PYAE.js";
import "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";
export {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  summaryToAddTo,
  writeDurations
};
//# sourceMappingURL=durations_file-63SSKJO7.js.map
