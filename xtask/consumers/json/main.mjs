// Reads the generated JSON as data, as any language would.
import { readFileSync } from "node:fs";

const catalog = JSON.parse(readFileSync(new URL("../../../generated/json/zego-server-return-codes.json", import.meta.url), "utf8"));
const common = catalog.groups.find((group) => group.name === "Common");
const find = (code) => common.entries.find((entry) => entry.code === code);
console.log(`100000000 ${find(100000000)?.message ?? "-"}`);
console.log(`999999999 ${find(999999999) === undefined ? "unknown" : "known"}`);
const english = find(100000000)?.translations?.en;
console.log(`${english === undefined ? catalog.locale : "en"} ${english?.message ?? find(100000000)?.message}`);
const vendor = JSON.parse(readFileSync(new URL("../../../generated/json/rtc-vendor-error-codes.json", import.meta.url), "utf8"));
const success = vendor.groups[0].entries.find((entry) => entry.code === 0);
console.log(`${success.translations?.en === undefined ? vendor.locale : "en"} ${success.translations?.en?.message ?? success.message}`);
