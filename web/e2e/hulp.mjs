// Shared helpers for the browser tests: start the real `schakel serve
// --demo`, drive Debian's Chromium through playwright-core, and run axe-core
// on every page visited.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { createHmac } from "node:crypto";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const hier = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(hier, "../..");
const axeBron = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.1 A and AA, as the issue asks. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Starts `schakel serve --demo` (with `extra` options) on a free port in a
 * fresh data directory and reads the address and the demo accounts from
 * what it prints. */
export async function startDemo(extra = []) {
  const bin = process.env.SCHAKEL_BIN || join(repo, "target/debug/schakel");
  const data = mkdtempSync(join(tmpdir(), "schakel-e2e-"));
  // The shipped data holds several regions; as in the README's quick start,
  // Almere is the default region for a question that names no gemeente
  // (the public advisor, an anonymous API call).
  const kind = spawn(bin, ["--regio", "almere", "serve", "--demo", "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--data-dir", data, ...extra], {
    cwd: repo,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let fouten = "";
  kind.stderr.on("data", (d) => (fouten += d));
  const regels = createInterface({ input: kind.stdout });
  const accounts = {};
  let adres;
  const klaar = new Promise((ok, mis) => {
    const tijd = setTimeout(() => mis(new Error(`schakel serve gaf geen adres: ${fouten}`)), 60_000);
    kind.on("exit", (c) => mis(new Error(`schakel serve stopte (${c}): ${fouten}`)));
    kind.on("error", (e) => mis(new Error(`kan ${bin} niet starten (cargo build -p schakel; of zet SCHAKEL_BIN): ${e.message}`)));
    regels.on("line", (regel) => {
      const m = regel.match(/^Schakel luistert op (http:\/\/\S+)/);
      if (m) adres = m[1];
      const a = regel.trim().match(/^(\S+@\S+)\s+(\S+)\s+.*wachtwoord: (\S+)$/);
      if (a) accounts[a[1]] = { rol: a[2], wachtwoord: a[3] };
      if (regel.includes("beheer@schakel.demo")) {
        clearTimeout(tijd);
        ok();
      }
    });
  });
  await klaar;
  assert.ok(adres, "address printed");
  return {
    adres,
    accounts,
    stop() {
      kind.kill("SIGINT");
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs;
 * Playwright gives it a fresh --user-data-dir of its own. */
export async function startBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function nieuweContext(browser, opties = {}) {
  const context = await browser.newContext({
    locale: "nl-NL",
    viewport: { width: 1280, height: 900 },
    ...opties,
  });
  // Fail fast: a page here answers in milliseconds.
  context.setDefaultTimeout(15_000);
  return context;
}

/** Every page visited: 0 axe violations at WCAG 2.1 AA, no name or BSN in the
 * title or the URL, and the security headers in place. */
export const bezocht = [];
export async function controleer(page, naam) {
  const titel = await page.title();
  for (const verboden of ["Sem", "Lotte", "Yasmina", "Vries", "Amrani"]) {
    assert.ok(!titel.includes(verboden), `${naam}: page title "${titel}" holds personal data`);
    assert.ok(!page.url().includes(verboden), `${naam}: URL ${page.url()} holds personal data`);
  }
  // A test BSN (9999xxxxx) as a number of its own; a random hex secret in
  // an activation link may hold "9999" by chance.
  const bsn = /(^|[^0-9a-f])9999\d{5}(?![0-9a-f])/i;
  assert.ok(!bsn.test(titel), `${naam}: page title "${titel}" holds a BSN`);
  assert.ok(!bsn.test(page.url()), `${naam}: URL ${page.url()} holds a BSN`);
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    // Injected through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeBron);
  }
  const uitkomst = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    AXE_TAGS,
  );
  const overtredingen = uitkomst.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  bezocht.push({ naam, url: new URL(page.url()).pathname, overtredingen: overtredingen.length, regels: uitkomst.passes.length });
  // SCHAKEL_E2E_ALLE=<dir>: a screenshot of every page state, for a review by eye
  // (axe cannot judge everything: it passed a link the colour of its background).
  if (process.env.SCHAKEL_E2E_ALLE) {
    mkdirSync(process.env.SCHAKEL_E2E_ALLE, { recursive: true });
    const bestand = `${String(bezocht.length).padStart(2, "0")}-${naam.replace(/[^a-z0-9]+/gi, "-")}.png`;
    await page.screenshot({ path: join(process.env.SCHAKEL_E2E_ALLE, bestand), fullPage: true });
  }
  assert.deepEqual(overtredingen, [], `${naam}: axe violations`);
  // Every state axe sees is also seen on a 360 px phone (issue 16.8).
  await geenZijwaartsScrollen(page, naam);
  // ... and shows names, not internal keys or CBS codes (issue 16.3).
  await geenSleutels(page, naam);
}

/** What a page's visible text may not show outside a "Bronnen"
 * disclosure (issue 16.3): CBS codes of areas (GM0034, WK003403,
 * BU00340301), internal dotted keys and rule ids (plan.doel.deadline,
 * almere.rij.volledig_onderwijs.optie.1), and ids as numbers ("nr. 195",
 * "wijkteam 4"). Addresses and e-mail domains are no keys. */
export const SLEUTELPATRONEN = [
  /\b(?:GM|WK|BU)\d{4,8}\b/,
  /(?<![@/\w.-])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+){2,}\b(?![@/])/,
  /\bnr\.\s*\d+/i,
  /\b(?:wijkteam|organisatie|school|aanbieder|jeugdige|huishouden)\s+\d+\b/i,
];

export const sleutelsGezien = [];
export async function geenSleutels(page, naam) {
  const gevonden = await page.evaluate((bronnen) => {
    const patronen = bronnen.map((b) => new RegExp(b));
    const uit = [];
    const lopen = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (lopen.nextNode()) {
      const tekst = lopen.currentNode;
      const el = tekst.parentElement;
      if (!el || el.closest("script, style, [hidden], svg title")) continue;
      const details = el.closest("details");
      if (details && /^\s*Bron/.test(details.querySelector("summary")?.textContent ?? "")) continue;
      // Where codes are what a beheerder edits (a werkgebied of buurtcodes).
      if (el.closest(".schakel-codes")) continue;
      for (const p of patronen) {
        const m = tekst.textContent.match(p);
        if (m) uit.push(`"${m[0]}" in "${tekst.textContent.trim().slice(0, 80)}"`);
      }
    }
    return uit;
  }, SLEUTELPATRONEN.map((p) => p.source));
  sleutelsGezien.push(...gevonden.map((g) => `${naam} ${new URL(page.url()).pathname}: ${g}`));
  if (process.env.SCHAKEL_E2E_SLEUTEL_LIJST) {
    for (const g of gevonden) console.log(`SLEUTEL ${naam} ${new URL(page.url()).pathname}: ${g}`);
    return;
  }
  assert.deepEqual(gevonden, [], `${naam}: internal keys or codes on the page outside "Bronnen"`);
}

/** Prints what axe-core found on every page state this run visited. */
export function axeOverzicht(wat = "") {
  const fouten = bezocht.reduce((n, b) => n + b.overtredingen, 0);
  console.log(`axe (${AXE_TAGS.join(", ")})${wat}: ${bezocht.length} pages checked, ${fouten} violations`);
  for (const b of bezocht) console.log(`  ${b.overtredingen} violations, ${b.regels} rules passed  ${b.naam}  ${b.url}`);
}

// Into target/ unless asked for docs/screenshots: a test run must not
// leave the clone's committed screenshots changed (their dates move daily).
export async function schermafdruk(page, bestand, opties = {}) {
  const map = resolve(repo, process.env.SCHAKEL_SCHERMAFDRUKKEN ?? "target/schermafdrukken");
  mkdirSync(map, { recursive: true });
  await page.screenshot({ path: join(map, bestand), fullPage: true, ...opties });
}

export async function inloggen(page, server, email) {
  // Each role in a clean browser state: no session of the previous one.
  await page.context().clearCookies();
  await page.goto(`${server.adres}/inloggen`);
  await page.fill("#email", email);
  await page.fill("#wachtwoord", server.accounts[email].wachtwoord);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]:has-text('Inloggen')")]);
  assert.ok(!page.url().endsWith("/inloggen"), `login as ${email} failed`);
}

export async function uitloggen(page) {
  await Promise.all([page.waitForNavigation(), page.click("header button:has-text('Uitloggen')")]);
  assert.match(page.url(), /\/inloggen\?uitgelogd=1$/);
}

/** Submits the form holding `knop` and waits for the next page. */
export async function verstuur(page, knop) {
  await Promise.all([page.waitForNavigation(), page.click(knop)]);
}

/** Today in the Netherlands, as YYYY-MM-DD. */
export function vandaag() {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date());
}

/** The last day (31 July) of the school year of `datum` (YYYY-MM-DD). */
export function schooljaarEinde(datum) {
  const [jaar, maand] = datum.split("-").map(Number);
  return `${maand >= 8 ? jaar + 1 : jaar}-07-31`;
}

/**
 * A referral's start for tests that refer "now": a week ago, within today's
 * school year, at the latest 15 June (a start in the summer holiday belongs
 * to the next school year's option) — as `verwijsdatum` in
 * crates/schakel-http/tests/api.rs.
 */
export function verwijsdatum() {
  const iso = (d) => d.toISOString().slice(0, 10);
  const einde = schooljaarEinde(vandaag());
  const jaar = Number(einde.slice(0, 4));
  const weekGeleden = new Date(`${vandaag()}T00:00:00Z`);
  weekGeleden.setUTCDate(weekGeleden.getUTCDate() - 7);
  const kandidaten = [iso(weekGeleden), `${jaar}-06-15`].sort();
  const begin = `${jaar - 1}-08-01`;
  return kandidaten[0] < begin ? begin : kandidaten[0];
}

/**
 * The period the normenkader's first option gives a child of `geboortedatum`
 * in full-time education today (the public advice API): a referral "from
 * today" on a page that checks against today starts and ends there, also
 * in the summer holiday, when the option is already next school year's.
 */
export async function optiePeriode(server, geboortedatum) {
  const antwoord = await fetch(`${server.adres}/api/v1/normenkader/adviezen`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ geboortedatum, peildatum: vandaag(), onderwijssituatie: "volledig_onderwijs" }),
  });
  assert.equal(antwoord.status, 200);
  const advies = await antwoord.json();
  const { ingangsdatum, einddatum } = advies.opties[0];
  return { ingangsdatum, einddatum };
}

/** Selects the option of `select` whose text contains `tekst`. */
export async function kiesOptie(page, select, tekst) {
  const waarde = await page.$$eval(
    `${select} option`,
    (opties, t) => opties.find((o) => o.textContent.includes(t))?.value,
    tekst,
  );
  assert.ok(waarde !== undefined, `no option "${tekst}" in ${select}`);
  await page.selectOption(select, waarde);
}

// --- a region from an empty database (issue 13) ------------------------------

const bin = () => process.env.SCHAKEL_BIN || join(repo, "target/debug/schakel");

/** Runs the `schakel` command line on `data` and returns what it printed;
 * fails on a non-zero exit. */
export async function schakelCli(data, args) {
  const kind = spawn(bin(), [...args, "--data-dir", data], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
  let uit = "";
  let fout = "";
  kind.stdout.on("data", (d) => (uit += d));
  kind.stderr.on("data", (d) => (fout += d));
  const code = await new Promise((ok) => kind.on("exit", ok));
  assert.equal(code, 0, `schakel ${args.join(" ")}: ${fout}`);
  return uit;
}

/** `schakel account uitnodigen`: the activation link's path it printed. */
export async function nodigUit(data, email, rol, organisatie) {
  // The shipped data holds several regions: the account is Almere's.
  const uit = await schakelCli(data, ["--regio", "almere", "account", "uitnodigen", "--email", email, "--rol", rol, "--organisatie", organisatie]);
  const m = uit.match(/\/activeren\/[0-9a-f]{64}/);
  assert.ok(m, `no activation link in: ${uit}`);
  return m[0];
}

/** A fresh, empty data directory: no demo, no accounts. */
export function legeDataMap() {
  return mkdtempSync(join(tmpdir(), "schakel-leeg-"));
}

/** Starts `schakel serve` without --demo on `data`, on a free port. Pages
 * are opened at http://localhost:PORT: the default public URL on loopback,
 * and what passkeys need (a browser takes no IP address as their relying
 * party). */
export async function startLeeg(data) {
  const kind = spawn(bin(), ["serve", "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--data-dir", data], {
    cwd: repo,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let fouten = "";
  kind.stderr.on("data", (d) => (fouten += d));
  const regels = createInterface({ input: kind.stdout });
  const adres = await new Promise((ok, mis) => {
    const tijd = setTimeout(() => mis(new Error(`schakel serve gaf geen adres: ${fouten}`)), 60_000);
    kind.on("exit", (c) => mis(new Error(`schakel serve stopte (${c}): ${fouten}`)));
    regels.on("line", (regel) => {
      const m = regel.match(/^Schakel luistert op http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(tijd);
        ok(`http://localhost:${m[1]}`);
      }
    });
  });
  return {
    adres,
    accounts: {},
    stop() {
      kind.kill("SIGINT");
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** A TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret at
 * `tijd` (ms), as an authenticator app computes it. */
export function totp(geheim, tijd = Date.now()) {
  const alfabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let waarde = 0;
  const bytes = [];
  for (const c of geheim.replace(/=+$/, "").toUpperCase()) {
    waarde = ((waarde << 5) | alfabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((waarde >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const teller = Buffer.alloc(8);
  teller.writeBigUInt64BE(BigInt(Math.floor(tijd / 30_000)));
  const h = createHmac("sha1", Buffer.from(bytes)).update(teller).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The page has no sideways scroll at 360 px wide (WCAG 1.4.10 reflow),
 * and what scrolls inside itself there can be reached by keyboard (axe's
 * scrollable-region-focusable at that width). */
export const smalBezocht = [];
export async function geenZijwaartsScrollen(page, naam) {
  const oud = page.viewportSize();
  if (oud.width !== 360) await page.setViewportSize({ width: 360, height: 740 });
  const breedte = await page.evaluate(() => document.documentElement.scrollWidth);
  const regio = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "rule", values: ["scrollable-region-focusable"] } }),
  );
  const regios = regio.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")));
  // What sticks out, for the message.
  const te_breed = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > 361 && e.parentElement.getBoundingClientRect().right <= 361)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${e.className}: ${(e.textContent || "").trim().slice(0, 40)}`),
  );
  if (oud.width !== 360) await page.setViewportSize(oud);
  smalBezocht.push({ naam, url: new URL(page.url()).pathname, breedte, regios });
  if (process.env.SCHAKEL_E2E_SMAL_LIJST) {
    if (breedte > 360 || regios.length) console.log(`SMAL ${naam} ${new URL(page.url()).pathname}: ${breedte} px; ${te_breed.join(" | ")}; regions ${regios.join(", ")}`);
    return;
  }
  assert.ok(breedte <= 360, `${naam}: ${breedte} px wide at 360 px: ${te_breed.join(" | ")}`);
  assert.deepEqual(regios, [], `${naam}: at 360 px a region scrolls but cannot be reached by keyboard`);
}
