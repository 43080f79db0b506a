// lib/base/id_list.ts
var MAX_IDS_SHOWN = 10;
var idList = (function idList(ids) {
  const shown = ids.slice(0, MAX_IDS_SHOWN).join(", ");
  return ids.length > MAX_IDS_SHOWN ? `${shown}, ... and ${ids.length - MAX_IDS_SHOWN} more` : shown;
});

export {
  idList
};
//# sourceMappingURL=chunk-2N47EPJ5.js.map
