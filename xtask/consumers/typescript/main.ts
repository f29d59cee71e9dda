// A default `tsc --strict` project (tsconfig.json sets nothing else that matters).
import { zegoServerReturnCodes } from "errcat-codes";
import type { Texts, UnknownCode } from "errcat-codes";

const known = zegoServerReturnCodes.commonFromCode(100000000);
const message: string | null = known.message;
const unknown: zegoServerReturnCodes.Common | UnknownCode = zegoServerReturnCodes.commonFromCode(999999999);
const code: number = unknown.code;
const english: Texts = zegoServerReturnCodes.textsIn(known, "en");
export const locales: string[] = [english.locale];
export const lines: string[] = [`${known.code} ${message ?? "-"}`, `${code} ${unknown.name === null ? "unknown" : "known"}`];
