import {
  expectedLine,
  planSchedule,
  readSchedule,
  startOrderLine
} from "./chunk-FZ6GXYCF.js";
import "./chunk-RT5VOQMR.js";
import "./chunk-XTNGIA6P.js";
import "./chunk-6XRGET65.js";
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
//# sourceMappingURL=schedule-EDQ55YER.js.map
