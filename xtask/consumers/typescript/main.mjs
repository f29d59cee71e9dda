// Plain Node: no TypeScript, no flags; the ES module build.
import { compare } from "errcat-codes";
import { Common, commonFromCode, textsIn } from "errcat-codes/zego-server-return-codes";
import { errorCodeFromCode, textsIn as vendorTextsIn } from "errcat-codes/rtc-vendor-error-codes";

const known = commonFromCode(100000000);
console.log(`${known.code} ${known.message ?? "-"}`);
const unknown = commonFromCode(999999999);
console.log(`${unknown.code} ${unknown.isKnown ? "known" : "unknown"}`);
const english = textsIn(known, "en");
console.log(`${english.locale} ${english.message ?? "-"}`);
const fallback = vendorTextsIn(errorCodeFromCode(0), "en");
console.log(`${fallback.locale} ${fallback.message ?? "-"}`);

// The code contract.
console.log(`equal ${known === Common.InvalidHost} ${new Set([known, Common.InvalidHost]).size}`);
const again = commonFromCode(unknown.code);
console.log(`unknown ${again.code} ${again.isKnown}`);
const sorted = [unknown, commonFromCode(100000001), Common.InvalidHost].sort(compare);
console.log(`order ${sorted.map((value) => value.code).join(" ")}`);
console.log(`json ${JSON.stringify([Common.InvalidHost, unknown])}`);
console.log(`display ${Common.InvalidHost}`);
console.log(`display en ${Common.InvalidHost.displayIn("en")}`);
console.log(`display ${unknown}`);
console.log(`success ${errorCodeFromCode(0).isSuccess} ${Common.InvalidHost.isSuccess}`);
