// Single sign-on in a real browser (issue 13.4): the demo's beheerder sets
// up SBO De Watertuin's provider — a real OpenID Provider, oidc-provider
// (web/sso-op/op.mjs), on 127.0.0.1 at a free port — and the Watertuin's
// zorgcoördinator logs in there, back into Schakel (the SameSite=Strict
// session cookie reaches /start through the refresh page), and out again,
// offered the provider's logout. A person nobody invited is refused. Every
// Schakel page on the way: axe-core, 0 violations.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  repo, startDemo, startBrowser, nieuweContext, controleer, inloggen, verstuur, bezocht,
} from "./hulp.mjs";

const ZC = "zorgcoordinator@watertuin.demo";
let server, op, browser, page;

/** The provider, with Schakel as its client and two people. */
async function startOp(adres) {
  const map = mkdtempSync(join(tmpdir(), "schakel-op-"));
  const config = join(map, "op.json");
  writeFileSync(config, JSON.stringify({
    clients: [{
      client_id: "schakel",
      client_secret: "e2e-geheim",
      redirect_uris: [`${adres}/inloggen/sso/terug`],
      post_logout_redirect_uris: [`${adres}/inloggen?uitgelogd=1`],
    }],
    accounts: [
      { sub: "zc", email: ZC, email_verified: true, name: "ZC Watertuin", amr: ["pwd", "otp"] },
      { sub: "onbekend", email: "niemand@watertuin.demo", email_verified: true, name: "Niemand", amr: ["pwd"] },
    ],
  }));
  const kind = spawn(process.execPath, [join(repo, "web/sso-op/op.mjs"), config], { stdio: ["pipe", "pipe", "inherit"] });
  const regels = createInterface({ input: kind.stdout });
  const issuer = await new Promise((ok, mis) => {
    kind.on("exit", (c) => mis(new Error(`op.mjs stopte (${c}); npm ci in web/sso-op?`)));
    regels.on("line", (r) => r.startsWith("oidc-provider http") && ok(r.split(" ")[1]));
  });
  return { issuer, stop() { kind.kill(); rmSync(map, { recursive: true, force: true }); } };
}

/** At 360 px wide the page needs no sideways scrolling. */
async function geenZijwaartsScrollen(page) {
  const oud = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 800 });
  const breedte = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(oud);
  assert.ok(breedte <= 360, `${page.url()}: ${breedte} px wide at 360 px`);
}

before(async () => {
  server = await startDemo(["--sso-http-toestaan"]);
  op = await startOp(server.adres);
  browser = await startBrowser();
  page = await (await nieuweContext(browser)).newPage();
});

after(async () => {
  await browser?.close();
  op?.stop();
  server?.stop();
  const fouten = bezocht.reduce((n, b) => n + b.overtredingen, 0);
  console.log(`axe: ${bezocht.length} pages checked, ${fouten} violations`);
  for (const b of bezocht) console.log(`  ${b.overtredingen} violations  ${b.naam}  ${b.url}`);
});

describe("single sign-on", () => {
  it("de beheerder stelt de inlogdienst van de Watertuin in", async () => {
    await inloggen(page, server, "beheer@schakel.demo");
    await page.click("main a:has-text('SBO De Watertuin')");
    await verstuur(page, "main a:has-text('instellen')");
    await controleer(page, "beheerder: single sign-on instellen");
    await page.selectOption("#actief", "ja");
    await page.fill("#issuer", op.issuer);
    await page.fill("#client_id", "schakel");
    await page.fill("#client_secret", "e2e-geheim");
    await page.fill("#domeinen", "watertuin.demo\nwater tuin");
    await verstuur(page, "button:has-text('Opslaan')");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "foutoverzicht");
    assert.equal(await page.getAttribute("#domeinen", "aria-invalid"), "true");
    await controleer(page, "beheerder: single sign-on (fout in een domein)");
    await page.fill("#domeinen", "watertuin.demo");
    await page.fill("#client_secret", "e2e-geheim");
    await verstuur(page, "button:has-text('Opslaan')");
    assert.match(await page.textContent("main"), /Opgeslagen/);
    assert.match(await page.textContent("main"), /Er is een geheim bewaard/);
    assert.doesNotMatch(await page.content(), /e2e-geheim/);
    await controleer(page, "beheerder: single sign-on opgeslagen");
    await geenZijwaartsScrollen(page);
    await verstuur(page, "header button:has-text('Uitloggen')");
  });

  it("de zorgcoördinator logt in bij haar organisatie en weer uit", async () => {
    await page.context().clearCookies();
    await page.goto(`${server.adres}/inloggen`);
    await verstuur(page, "main a:has-text('Inloggen met uw organisatie')");
    await controleer(page, "inloggen met uw organisatie");
    await geenZijwaartsScrollen(page);
    await verstuur(page, "main a:has-text('SBO De Watertuin')");
    assert.ok(page.url().startsWith(op.issuer), page.url());
    await page.check("input[value=zc]");
    await Promise.all([page.waitForURL(/\/werk$/), page.click("button:has-text('Inloggen')")]);
    assert.match(await page.textContent("header"), /Zorgcoördinator · SBO De Watertuin/);
    await controleer(page, "zorgcoördinator: ingelogd via de organisatie");
    await verstuur(page, "header button:has-text('Uitloggen')");
    assert.match(page.url(), /\/inloggen\/sso\/uitgelogd$/);
    const uit = await page.getAttribute("main a:has-text('Ook uitloggen bij uw organisatie')", "href");
    assert.ok(uit.startsWith(`${op.issuer}/session/end?client_id=schakel`), uit);
    await controleer(page, "uitgelogd, met uitloggen bij de organisatie");
  });

  it("wie niemand uitnodigde, komt er niet in", async () => {
    await page.context().clearCookies();
    await page.goto(`${server.adres}/inloggen/sso`);
    await page.fill("#email", "niemand@watertuin.demo");
    await Promise.all([page.waitForURL((u) => u.href.startsWith(op.issuer)), page.click("button:has-text('Zoek mijn organisatie')")]);
    await page.check("input[value=onbekend]");
    await Promise.all([page.waitForURL(/\/inloggen\/sso\/terug/), page.click("button:has-text('Inloggen')")]);
    assert.match(await page.textContent("main"), /Er is geen account voor u in Schakel/);
    await controleer(page, "inloggen met de organisatie geweigerd");
  });
});
