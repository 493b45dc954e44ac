// Sessions that do not lose work (issue 16.7), in a real browser against a
// server whose sessions end after 12 seconds without activity
// (`serve --sessie-inactief-seconden 12`): the warning before the time-out
// stays in view with "Blijf ingelogd", which really extends the session;
// a form sent after the time-out is kept through the new login and comes
// back filled in, with the message, and can then be sent.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startDemo, startBrowser, nieuweContext, controleer, inloggen, verstuur, kiesOptie, axeOverzicht, schermafdruk,
} from "./hulp.mjs";

const INACTIEF = 12;
let server, browser, context, page;

before(async () => {
  server = await startDemo(["--sessie-inactief-seconden", String(INACTIEF)]);
  browser = await startBrowser();
  context = await nieuweContext(browser);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  server?.stop();
  axeOverzicht(" — sessie");
});

const wacht = (ms) => new Promise((ok) => setTimeout(ok, ms));
const OMSCHRIJVING = "Komt sinds de herfstvakantie vaak te laat; moeder vraagt om hulp & advies.";

describe("sessies die geen werk kwijtraken", () => {
  it("waarschuwt vóór de time-out en 'Blijf ingelogd' verlengt de sessie echt", async () => {
    await inloggen(page, server, "zorgcoordinator@watertuin.demo");
    await page.goto(`${server.adres}/hulpvragen/nieuw`);
    const geladen = Date.now();
    const melding = page.locator("#sessiemelding");
    assert.equal(await melding.isVisible(), false);
    // Half the idle time before its end (two minutes on a real server).
    await melding.waitFor({ state: "visible", timeout: INACTIEF * 1000 });
    assert.equal(await melding.getAttribute("role"), "alertdialog");
    assert.match(await melding.textContent(), /uw sessie verloopt over 6 seconden/);
    // Nobody was typing: the button has the focus.
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Blijf ingelogd");
    // In view, also at the foot of a phone's screen.
    await page.setViewportSize({ width: 360, height: 740 });
    const vak = await melding.boundingBox();
    assert.ok(vak.y + vak.height <= 740 && vak.x >= 0 && vak.x + vak.width <= 360, JSON.stringify(vak));
    await schermafdruk(page, "sessie-waarschuwing-360.png", { fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    await controleer(page, "sessie: waarschuwing vóór de time-out");
    await page.click("#sessiemelding button:has-text('Blijf ingelogd')");
    await melding.waitFor({ state: "hidden" });
    assert.equal(await page.textContent("#sessiemelding-status"), "U blijft ingelogd.");
    // Past the time-out counted from the page's load: still logged in,
    // because the button reached the server.
    await wacht(Math.max(0, geladen + (INACTIEF + 2) * 1000 - Date.now()));
    await page.goto(`${server.adres}/werk`);
    assert.match(new URL(page.url()).pathname, /^\/werk$/, "the session was extended");
  });

  it("houdt een formulier vast dat na de time-out is verstuurd, tot na opnieuw inloggen", async () => {
    await page.goto(`${server.adres}/hulpvragen/nieuw`);
    await kiesOptie(page, "#jeugdige", "Yasmina");
    await page.fill("#omschrijving", OMSCHRIJVING);
    // Typing sends nothing: the session ends, and the warning says so.
    await page.locator("#sessiemelding-inloggen").waitFor({ state: "visible", timeout: (INACTIEF + 3) * 1000 });
    assert.match(await page.textContent("#sessiemelding"), /Uw sessie is verlopen/);
    await wacht(1000);
    await verstuur(page, "button:has-text('Hulpvraag registreren')");
    assert.match(page.url(), /\/inloggen\?verlopen=1&bewaard=1$/);
    assert.match(await page.textContent("main"), /wat u net verstuurde nog niet opgeslagen\. We hebben het wel bewaard/);
    // Nothing of the form in the URL.
    assert.ok(!page.url().includes("Yasmina") && !page.url().includes("herfstvakantie"));
    await controleer(page, "sessie: inloggen na de time-out, formulier bewaard");

    // The new login lands on the form, filled in again, with the message.
    await page.fill("#email", "zorgcoordinator@watertuin.demo");
    await page.fill("#wachtwoord", server.accounts["zorgcoordinator@watertuin.demo"].wachtwoord);
    await verstuur(page, "button[type=submit]:has-text('Inloggen')");
    assert.match(new URL(page.url()).pathname, /^\/hulpvragen\/nieuw$/);
    assert.match(await page.textContent("#sessie-hervat"), /Uw sessie was verlopen; controleer en verstuur opnieuw/);
    assert.equal(await page.inputValue("#omschrijving"), OMSCHRIJVING);
    const gekozen = await page.$eval("#jeugdige", (s) => s.options[s.selectedIndex].textContent);
    assert.match(gekozen, /Yasmina/);
    await controleer(page, "sessie: formulier terug na opnieuw inloggen");

    // It is sent only now, by the user, with the new session's CSRF token.
    await verstuur(page, "button:has-text('Hulpvraag registreren')");
    assert.match(page.url(), /\/hulpvragen\/\d+\?gelukt=geregistreerd$/);
    // Kept once: the form page is blank again.
    await page.goto(`${server.adres}/hulpvragen/nieuw`);
    assert.equal(await page.locator("#sessie-hervat").count(), 0);
    assert.equal(await page.inputValue("#omschrijving"), "");
  });

  it("geeft een bewaard formulier nooit aan een ander account", async () => {
    await page.goto(`${server.adres}/hulpvragen/nieuw`);
    await kiesOptie(page, "#jeugdige", "Yasmina");
    await page.fill("#omschrijving", OMSCHRIJVING);
    await wacht((INACTIEF + 2) * 1000);
    await verstuur(page, "button:has-text('Hulpvraag registreren')");
    assert.match(page.url(), /bewaard=1$/);
    // Another person logs in on this browser: the start page, not the form.
    const cookies = await context.cookies();
    assert.ok(cookies.some((c) => c.name === "schakel_bewaard"));
    await page.fill("#email", "casusregisseur@wijkteam.demo");
    await page.fill("#wachtwoord", server.accounts["casusregisseur@wijkteam.demo"].wachtwoord);
    await verstuur(page, "button[type=submit]:has-text('Inloggen')");
    assert.match(new URL(page.url()).pathname, /^\/werk$/);
    await page.goto(`${server.adres}/hulpvragen/nieuw`);
    assert.equal(await page.locator("#sessie-hervat").count(), 0);
    assert.ok(!(await page.textContent("main")).includes("herfstvakantie"));
  });
});
