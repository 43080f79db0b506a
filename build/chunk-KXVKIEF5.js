// lib/base/json_value.ts
var jsonValue = (function jsonValue(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return void 0;
    throw error;
  }
});

export {
  jsonValue
};
//# sourceMappingURL=chunk-KXVKIEF5.js.map
