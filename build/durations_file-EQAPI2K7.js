import {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
} from "./chunk-2RX5Z26A.js";
import "./chunk-MRJAKDEU.js";
import "./chunk-4KSUE2PB.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-IXBMMCNU.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-THX6NA7T.js";
export {
  DURATIONS_FILE,
  durationsLeftOut,
  durationsNotSaved,
  durationsStamp,
  durationsUnreadable,
  readDurationsFile,
  writeDurations
};
//# sourceMappingURL=durations_file-EQAPI2K7.js.map
