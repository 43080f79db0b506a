import {
  expectedLine,
  planSchedule,
  readSchedule,
  startOrderLine
} from "./chunk-BYNWMS2P.js";
import "./chunk-RT5VOQMR.js";
import "./chunk-XTNGIA6P.js";
import "./chunk-WOKH3AFD.js";
import "./chunk-XO22FQN4.js";
import "./chunk-KXVKIEF5.js";
import "./chunk-ANYOMBVL.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
export {
  expectedLine,
  planSchedule,
  readSchedule,
  startOrderLine
};
//# sourceMappingURL=schedule-NHZ4QBOD.js.map
