// Plain Node: no TypeScript, no flags.
import { zegoServerReturnCodes } from "errcat-codes";

const known = zegoServerReturnCodes.commonFromCode(100000000);
console.log(`${known.code} ${known.message ?? "-"}`);
const unknown = zegoServerReturnCodes.commonFromCode(999999999);
console.log(`${unknown.code} ${unknown.name === null ? "unknown" : "known"}`);
