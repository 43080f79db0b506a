// @ts-self-types="../../lib/base/batched_writer.ts"
import {
  batchedWriter,
  flushBatches
} from "../chunk-VB43T7UN.js";
import "../chunk-ANYOMBVL.js";
export {
  batchedWriter,
  flushBatches
};
//# sourceMappingURL=batched_writer.js.map
