// @ts-self-types="../../lib/base/batched_writer.ts"
import {
  batchedWriter,
  flushBatches
} from "../chunk-KBS467BX.js";
export {
  batchedWriter,
  flushBatches
};
//# sourceMappingURL=batched_writer.js.map
