// Accounts in a real browser (issue 13.2), with axe-core on every page and
// no sideways scrolling at 360 px: the demo's accountbeheerder of De
// Watertuin lists the school's staff, opens a person, makes a reset link,
// invites a colleague (the form's errors first), and changes the own
// password.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, startBrowser, nieuweContext, controleer, inloggen, verstuur } from "./hulp.mjs";

let server, browser, context, page;

before(async () => {
  server = await startDemo();
  browser = await startBrowser();
  context = await nieuweContext(browser, { viewport: { width: 360, height: 800 } });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** axe, and nothing wider than the 360 px screen. */
async function bekijk(naam) {
  await controleer(page, naam);
  const breedte = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(breedte <= 360, `${naam}: ${breedte} px wide at 360 px`);
}

describe("accountbeheer", () => {
  it("de accountbeheerder beheert de medewerkers van de eigen school", async () => {
    await inloggen(page, server, "accounts@watertuin.demo");
    assert.match(page.url(), /\/beheer\/medewerkers$/, "the accountbeheerder starts at Medewerkers");
    await bekijk("medewerkers (accountbeheerder)");
    const lijst = await page.textContent("#medewerkers");
    assert.match(lijst, /zorgcoordinator@watertuin\.demo/);
    assert.doesNotMatch(lijst, /bombardon/, "only the own school's staff");

    await verstuur(page, "#medewerkers a:has-text('Zorgcoördinator Watertuin')");
    await bekijk("medewerker");
    await verstuur(page, "button:has-text('Herstellink maken')");
    assert.match(await page.textContent("#link"), /\/activeren\/[0-9a-f]{64}$/);
    await bekijk("medewerker (herstellink)");

    await page.goto(`${server.adres}/beheer/medewerkers/nieuw`);
    await bekijk("medewerker uitnodigen");
    await verstuur(page, "button:has-text('Uitnodigen')");
    await bekijk("medewerker uitnodigen (fouten)");
    await page.fill("#naam", "Nieuwe Collega");
    await page.fill("#email", "collega@watertuin.demo");
    await page.selectOption("#rol", "zorgcoordinator");
    await verstuur(page, "button:has-text('Uitnodigen')");
    assert.match(await page.textContent("#link"), /\/activeren\/[0-9a-f]{64}$/);
    await bekijk("medewerker (uitgenodigd)");
  });

  it("een medewerker wijzigt het eigen wachtwoord", async () => {
    await page.goto(`${server.adres}/account/wachtwoord`);
    await bekijk("wachtwoord wijzigen");
    await page.fill("#huidig", "niet het goede wachtwoord");
    await page.fill("#nieuw", "een nieuwe lange zin");
    await page.fill("#herhaling", "een nieuwe lange zin");
    await verstuur(page, "button:has-text('Wachtwoord wijzigen')");
    assert.match(await page.textContent("main"), /niet uw huidige wachtwoord/);
    await bekijk("wachtwoord wijzigen (fout)");
    await page.fill("#huidig", server.accounts["accounts@watertuin.demo"].wachtwoord);
    await page.fill("#nieuw", "een nieuwe lange zin");
    await page.fill("#herhaling", "een nieuwe lange zin");
    await verstuur(page, "button:has-text('Wachtwoord wijzigen')");
    assert.match(await page.textContent("main"), /Uw wachtwoord is gewijzigd/);
    await bekijk("wachtwoord gewijzigd");
  });
});
