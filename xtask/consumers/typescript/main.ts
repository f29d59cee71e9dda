// A default `tsc --strict` project (tsconfig.json sets nothing else that matters), ES module side.
import { compare, zegoServerReturnCodes } from "errcat-codes";
import type { CodeValue, Texts, UnknownCode } from "errcat-codes";
import { Common, commonFromCode } from "errcat-codes/zego-server-return-codes";

const known = zegoServerReturnCodes.commonFromCode(100000000);
const message: string | null = known.message;
const unknown: zegoServerReturnCodes.Common | UnknownCode = zegoServerReturnCodes.commonFromCode(999999999);
const code: number = unknown.code;
const english: Texts = zegoServerReturnCodes.textsIn(known, "en");
// A known entry keeps its literal types; a lookup narrows on `isKnown`.
const host: 100000000 = Common.InvalidHost.code;
const looked = commonFromCode(host);
const name: string | null = looked.isKnown ? looked.name : null;
const values: CodeValue<number>[] = [unknown, looked, Common.InvalidHost].sort(compare);
const json: number = Common.InvalidHost.toJSON();
export const locales: string[] = [english.locale];
export const lines: string[] = [
  `${known.code} ${message ?? "-"}`,
  `${code} ${unknown.isKnown ? "known" : "unknown"}`,
  `${name} ${values.length} ${json} ${Common.InvalidHost.displayIn("en")} ${String(unknown)} ${unknown.isSuccess}`,
];
