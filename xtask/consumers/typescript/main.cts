// The same project's CommonJS side: `import` in a `.cts` file compiles to `require`, which gets the CommonJS types.
import { compare, zegoServerReturnCodes } from "errcat-codes";
import type { UnknownCode } from "errcat-codes";
import { Common, commonFromCode } from "errcat-codes/zego-server-return-codes";
import manifest = require("errcat-codes/package.json");

const unknown: zegoServerReturnCodes.Common | UnknownCode = commonFromCode(999999999);
const order: number = compare(unknown, Common.InvalidHost);
export const lines: string[] = [`${String(unknown)} ${order} ${Common.InvalidHost.isSuccess}`, String(manifest)];
