// @ts-self-types="../../lib/base/batched_writer.ts"
import {
  batchedWriter,
  flushBatches
} from "../chunk-H32P5R3O.js";
export {
  batchedWriter,
  flushBatches
};
//# sourceMappingURL=batched_writer.js.map
