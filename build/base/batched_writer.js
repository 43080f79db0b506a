import {
  batchedWriter,
  flushBatches
} from "../chunk-OWLOY6LL.js";
export {
  batchedWriter,
  flushBatches
};
