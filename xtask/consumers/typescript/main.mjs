// Plain Node: no TypeScript, no flags.
import { rtcVendorErrorCodes, zegoServerReturnCodes } from "errcat-codes";

const known = zegoServerReturnCodes.commonFromCode(100000000);
console.log(`${known.code} ${known.message ?? "-"}`);
const unknown = zegoServerReturnCodes.commonFromCode(999999999);
console.log(`${unknown.code} ${unknown.name === null ? "unknown" : "known"}`);
const english = zegoServerReturnCodes.textsIn(known, "en");
console.log(`${english.locale} ${english.message ?? "-"}`);
const fallback = rtcVendorErrorCodes.textsIn(rtcVendorErrorCodes.errorCodeFromCode(0), "en");
console.log(`${fallback.locale} ${fallback.message ?? "-"}`);
