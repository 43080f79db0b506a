import {
  expectedLine,
  planSchedule,
  readSchedule,
  startOrderLine
} from "./chunk-KOFRQ7PC.js";
import "./chunk-RT5VOQMR.js";
import "./chunk-XTNGIA6P.js";
import "./chunk-6LNJXCP2.js";
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
//# sourceMappingURL=schedule-CCOAKMBZ.js.map
