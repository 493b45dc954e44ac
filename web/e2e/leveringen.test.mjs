// The provider's hours beyond one day (issue 16 item 6): a week in one
// form with hours per day, errors for every wrong day in one round, the
// referral's deliveries listed, and a delivery corrected with a reason
// that is kept beside the original. axe-core, 360 px and no internal keys
// on every state (controleer).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startDemo, startBrowser, nieuweContext, controleer, inloggen, uitloggen, verstuur, axeOverzicht,
} from "./hulp.mjs";

let server, browser, context, page;

before(async () => {
  server = await startDemo();
  browser = await startBrowser();
  context = await nieuweContext(browser);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  server?.stop();
  axeOverzicht();
});

describe("aanbieder registreert een week en corrigeert een levering", () => {
  it("week, lijst en correctie met reden", async () => {
    // The demo history's provider: a referral with three weeks or more to
    // choose from (so last week is whole) and six hours or more left.
    await inloggen(page, server, "aanbieder@kompas.demo");
    await verstuur(page, "nav >> text=Mijn verwijzingen");
    const links = await page.locator("main a[href^='/verwijzingen/']").evaluateAll(
      (a) => [...new Set(a.map((x) => x.getAttribute("href")).filter((h) => /^\/verwijzingen\/\d+$/.test(h)))],
    );
    let verwijzing;
    for (const link of links.slice(0, 60)) {
      await page.goto(`${server.adres}${link}`);
      const weken = await page.locator("#week option").count();
      const rest = await page.locator("dt:has-text('Resterend') + dd").textContent();
      if (weken >= 3 && Number(rest.split(" ")[0].replace(",", ".")) >= 6) {
        verwijzing = page.url();
        break;
      }
    }
    assert.ok(verwijzing, `a referral to register a week on, among ${links.length}`);
    await controleer(page, "aanbieder: verwijzing met weekformulier");
    // Last week when the referral ran then, else this week.
    const weken = await page.locator("#week option").evaluateAll((o) => o.map((x) => x.value));
    const week = weken[1];
    await page.selectOption("#week", week);
    await page.fill("#uren_ma", "30");
    await page.fill("#uren_di", "anderhalf");
    await verstuur(page, "button:has-text('Week registreren')");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "foutoverzicht");
    assert.equal(await page.getAttribute("#uren_di", "aria-invalid"), "true", "a word is no number");
    assert.equal(await page.inputValue("#uren_di"), "anderhalf", "the input is kept");
    await controleer(page, "aanbieder: week (fout)");
    // Both wrong days in one round: the number is checked after the word is fixed.
    await page.fill("#uren_di", "1,5");
    await verstuur(page, "button:has-text('Week registreren')");
    assert.equal(await page.getAttribute("#uren_ma", "aria-invalid"), "true", "30 hours on one day");
    assert.match(await page.textContent(".utrecht-form-field--invalid"), /ten hoogste 24/);
    await page.fill("#uren_ma", "2");
    await page.fill("#uren_wo", "2");
    await verstuur(page, "button:has-text('Week registreren')");
    assert.match(page.url(), /\?gelukt=week$/);
    const rijen = page.locator("table:has(th:has-text('Telt nu')) tbody tr");
    assert.ok((await rijen.count()) >= 3, "the three days are listed");
    assert.match(await page.textContent("main"), /De uren van de week zijn geregistreerd/);
    await controleer(page, "aanbieder: week geregistreerd");

    const keuze = await page.locator("#levering option", { hasText: "1,5 uur" }).first().getAttribute("value");
    await page.selectOption("#levering", keuze);
    await page.fill("#correctie", "1");
    await verstuur(page, "button:has-text('Correctie vastleggen')");
    assert.equal(await page.getAttribute("#reden", "aria-invalid"), "true", "a reason is required");
    await controleer(page, "aanbieder: correctie (fout)");
    await page.fill("#reden", "Een half uur te veel geschreven");
    await verstuur(page, "button:has-text('Correctie vastleggen')");
    assert.match(page.url(), /\?gelukt=gecorrigeerd$/);
    const rij = page.locator("tbody tr", { hasText: "Een half uur te veel geschreven" });
    assert.equal(await rij.count(), 1);
    const cellen = await rij.locator("td").allTextContents();
    assert.equal(cellen[1], "1,5 uur", "the original stays");
    assert.equal(cellen[2], "1 uur", "the correction counts");
    await controleer(page, "aanbieder: levering gecorrigeerd");
    assert.ok(page.url().startsWith(verwijzing));
    await uitloggen(page);
  });
});
