// The error index in a real browser: Debian's Chromium, headless, driven by
// Playwright (playwright-core, which downloads no browser of its own).
// Usage: node browse.mjs <base URL> <code> <name> <anchor>
// The base URL serves the index at /index.html and an index of hostile
// texts at /hostile/index.html. Prints one JSON object of what the browser
// shows; xtask/tests/site.rs judges it.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.ERRCAT_PLAYWRIGHT);
const [base, code, name, anchor] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.ERRCAT_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const out = { errors: [], dialogs: [] };

async function open(url) {
  const page = await browser.newPage();
  page.on("pageerror", (error) => out.errors.push(`${url}: ${error}`));
  page.on("console", (message) => {
    if (message.type() === "error") out.errors.push(`${url}: ${message.text()}`);
  });
  page.on("dialog", async (dialog) => {
    out.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]", { state: "attached" });
  return page;
}

const visibleIds = (page) =>
  page.locator("article.entry:visible").evaluateAll((entries) => entries.map((entry) => entry.id));

async function search(page, text) {
  await page.fill("#q", text);
  return { visible: await visibleIds(page), count: await page.textContent("#count") };
}

try {
  const page = await open(`${base}/index.html`);
  out.total = await page.locator("article.entry").count();
  // Accessibility: labelled controls, a skip link first in tab order, and
  // text contrast (WCAG 2) in the light and the dark scheme.
  out.unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll("input, select")).filter((control) => control.labels.length === 0)
      .map((control) => control.id));
  await page.keyboard.press("Tab");
  out.firstTab = await page.evaluate(() => document.activeElement.className);
  out.contrast = {};
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    out.contrast[scheme] = await page.evaluate(() => {
      const channel = (value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      const rgb = (text) => text.match(/[\d.]+/g).slice(0, 4).map(Number);
      const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      const background = (element) => {
        for (let at = element; at; at = at.parentElement) {
          const color = rgb(getComputedStyle(at).backgroundColor);
          if (color.length < 4 || color[3] > 0) return color;
        }
        return [255, 255, 255];
      };
      const ratio = (element) => {
        const fg = luminance(rgb(getComputedStyle(element).color));
        const bg = luminance(background(element));
        return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      };
      const selectors = ["body", "h1", ".meta", "nav a", ".permalink", ".name", "dt", "dd", ".source", "#count", "label", "input", "select"];
      return Object.fromEntries(selectors.map((selector) => {
        const element = document.querySelector(selector);
        return [selector, element === null ? null : Math.round(ratio(element) * 100) / 100];
      }));
    });
  }
  await page.emulateMedia({ colorScheme: "light" });
  out.countBefore = await page.textContent("#count");
  // The keyboard: "/" focuses the search field, typing searches.
  await page.keyboard.press("/");
  out.focused = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.type(code);
  out.byCode = { visible: await visibleIds(page), count: await page.textContent("#count") };
  out.byCode.texts = await page
    .locator(`[id="${anchor}"] dd.text`)
    .evaluateAll((texts) => texts.map((text) => text.textContent));
  out.byName = await search(page, name);
  out.nothing = await search(page, "no code has this text \u2603");
  // The catalog filter alone.
  await page.fill("#q", "");
  const catalog = await page.locator(`[id="${anchor}"]`).evaluate((entry) =>
    entry.closest("section.catalog").getAttribute("data-catalog"));
  await page.selectOption("#catalog", catalog);
  out.filtered = {
    catalog,
    catalogs: await page.locator("section.catalog:visible").evaluateAll((sections) =>
      sections.map((section) => section.getAttribute("data-catalog"))),
    visible: (await visibleIds(page)).length,
  };
  await page.close();

  // A permalink, opened with a search that hides its entry: the entry is
  // shown anyway, is the :target, and is scrolled into view.
  const linked = await open(`${base}/index.html?q=${encodeURIComponent("no such text")}#${anchor}`);
  out.permalink = await linked.evaluate((id) => {
    const entry = document.getElementById(id);
    const box = entry.getBoundingClientRect();
    return {
      hidden: entry.closest("[hidden]") !== null,
      target: entry.matches(":target"),
      inView: box.bottom > 0 && box.top < window.innerHeight && Math.abs(box.top) < 2,
      top: box.top, scrollY: window.scrollY, height: window.innerHeight,
      search: document.getElementById("q").value,
    };
  }, anchor);
  // Following a row-mate or navigation link is a permalink too.
  await linked.close();

  // Hostile texts stay text: nothing they contain runs or becomes markup.
  const hostile = await open(`${base}/hostile/index.html`);
  out.hostile = await hostile.evaluate(() => ({
    pwned: window.__errcatPwned ?? null,
    scripts: document.scripts.length,
    injected: document.querySelectorAll("main img, main svg, main iframe, main script, main object, main style, main b")
      .length,
    title: document.querySelector("section.catalog h2").textContent,
    entries: Array.from(document.querySelectorAll("article.entry")).map((entry) => ({
      id: entry.id,
      code: entry.querySelector(".code").textContent,
      texts: Array.from(entry.querySelectorAll(":scope > dl > dd.text")).map((text) => text.textContent),
    })),
  }));
  out.hostile.search = await search(hostile, "<img");
  out.hostile.pwnedAfter = await hostile.evaluate(() => window.__errcatPwned ?? null);
  await hostile.close();
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
