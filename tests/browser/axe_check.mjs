// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on HTML files in Debian's headless
// Chromium, driven by playwright-core, at the given viewport widths, and measures what
// axe does not: sideways scrolling of the page (reflow, WCAG 1.4.10), the smallest chart
// text as rendered, and the contents links' target sizes.
//
// Usage: node tests/browser/axe_check.mjs WIDTH[,WIDTH...] FILE.html [FILE.html...]
// Prints one JSON object: {"axe": VERSION, "chromium": VERSION, "pages": [...]}.
// Environment: CHROMIUM (default /usr/bin/chromium).
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const [widthsArg, ...files] = process.argv.slice(2);
if (!widthsArg || files.length === 0) {
  console.error("usage: axe_check.mjs WIDTH[,WIDTH...] FILE.html...");
  process.exit(2);
}
const widths = widthsArg.split(",").map(Number);
const profile = mkdtempSync(join(tmpdir(), "hmip-axe-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const out = { chromium: context.browser()?.version() ?? "", pages: [] };
try {
  const page = await context.newPage();
  for (const file of files) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async (tags) => {
        const axeResult = await window.axe.run(document, {
          runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
        });
        const visible = (el) => el.getClientRects().length > 0;
        const chartText = [...document.querySelectorAll("figure svg text")].filter(visible).map((el) => {
          const m = el.getScreenCTM();
          return parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
        });
        const links = [...document.querySelectorAll("nav a")].map((a) => a.getBoundingClientRect());
        const regions = [...document.querySelectorAll(".table-scroll")];
        const root = document.documentElement;
        const wide = [...document.querySelectorAll("body *")]
          .filter((el) => !el.closest(".table-scroll") && visible(el)
                  && el.getBoundingClientRect().right > root.clientWidth + 0.5)
          .slice(0, 10).map((el) => `${el.tagName.toLowerCase()}${el.className?.baseVal !== undefined ? "" : el.className ? "." + el.className : ""}`);
        return {
          axe: window.axe.version,
          violations: axeResult.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
            count: v.nodes.length })),
          scrollWidth: root.scrollWidth,
          clientWidth: root.clientWidth,
          wider: wide,
          chartTextMin: chartText.length ? Math.min(...chartText) : null,
          chartTexts: chartText.length,
          linkMinHeight: links.length ? Math.min(...links.map((r) => r.height)) : null,
          linkMinWidth: links.length ? Math.min(...links.map((r) => r.width)) : null,
          regions: regions.length,
          regionsScrolling: regions.filter((r) => r.scrollWidth > r.clientWidth).length,
          tables: document.querySelectorAll("table").length,
          figures: document.querySelectorAll("figure").length,
          figureAlts: [...document.querySelectorAll("figure")].filter(
            (f) => f.querySelectorAll(":scope > p.alt").length === 1 && f.querySelector("p.alt").textContent.trim()).length,
          svgNotHidden: [...document.querySelectorAll("figure svg")].filter(
            (el) => el.getAttribute("aria-hidden") !== "true").length,
        };
      }, TAGS);
      out.axe = result.axe;
      out.pages.push({ file, width, ...result });
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 1));
