// Reads the generated JSON as data, as any language would: the index names
// each catalog's file; every answer is computed from the documents.
import { readFileSync } from "node:fs";

const read = (file) => JSON.parse(readFileSync(new URL(`../../../generated/json/${file}`, import.meta.url), "utf8"));
const index = read("index.json");
const catalog = (id) => read(index.catalogs.find((listed) => listed.id === id).file);

const server = catalog("zego-server-return-codes");
const common = server.groups.find((group) => group.name === "Common");
// A known code: an entry of the group, or one of its retired codes.
const find = (group, code) => group.entries.find((entry) => entry.code === code);
const isKnown = (group, code) => find(group, code) !== undefined || (group.retired ?? []).some((retired) => retired.code === code);
// The text to show: `message (code)` in `locale` where the entry has that edition, else its own; `error code N` without one.
const texts = (catalog, entry, locale) =>
  entry?.translations?.[locale] === undefined
    ? { locale: catalog.locale, message: entry?.message }
    : { locale, message: entry.translations[locale].message };
const display = (catalog, group, code, locale) => {
  const message = texts(catalog, find(group, code), locale).message;
  return message === undefined ? `error code ${code}` : `${message} (${code})`;
};

console.log(`100000000 ${find(common, 100000000)?.message ?? "-"}`);
console.log(`999999999 ${isKnown(common, 999999999) ? "known" : "unknown"}`);
const english = texts(server, find(common, 100000000), "en");
console.log(`${english.locale} ${english.message ?? "-"}`);
const vendor = catalog("rtc-vendor-error-codes");
const vendorCodes = vendor.groups[0];
const success = texts(vendor, find(vendorCodes, 0), "en");
console.log(`${success.locale} ${success.message ?? "-"}`);

// The code contract, on the data: values are their codes.
const host = common.entries.find((entry) => entry.name === "InvalidHost");
console.log(`equal ${find(common, 100000000) === host} ${new Set([find(common, 100000000).code, host.code]).size}`);
const unknown = 999999999;
console.log(`unknown ${unknown} ${isKnown(common, unknown)}`);
console.log(`order ${[unknown, 100000001, host.code].sort((a, b) => a - b).join(" ")}`);
console.log(`json ${JSON.stringify([host.code, unknown])}`);
console.log(`display ${display(server, common, host.code, server.locale)}`);
console.log(`display en ${display(server, common, host.code, "en")}`);
console.log(`display ${display(server, common, unknown, server.locale)}`);
// Code 0 (`"0"` in a group of string codes) is the success code.
const isSuccess = (code) => code === 0 || code === "0";
console.log(`success ${isSuccess(find(vendorCodes, 0).code)} ${isSuccess(host.code)}`);
