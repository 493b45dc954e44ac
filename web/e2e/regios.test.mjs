// Two regions in one demo (issue 17.4, 17.5): each region's beleid sees its
// own dashboard per region, school and gemeente of residence (only its own
// schools and gemeenten offered), and the national role (landelijke
// monitoring) every region side by side and the country's sum, and nothing
// of a region's directory — axe-clean and without
// sideways scrolling at 360 px on every page state (`controleer`).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startDemo, startBrowser, nieuweContext, controleer, schermafdruk, inloggen, uitloggen, verstuur, axeOverzicht,
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
  axeOverzicht("regio's");
});

/** The labels of a select's options. */
async function opties(selector) {
  return page.$$eval(`${selector} option`, (o) => o.map((x) => x.textContent.trim()));
}

describe("dashboard per regio, gemeente en land", () => {
  it("beleid van Almere kiest een gemeente van de eigen regio", async () => {
    await inloggen(page, server, "beleid@almere.demo");
    assert.deepEqual(await opties("#gemeente"), ["Alle gemeenten in de regio", "Almere"]);
    const scholen = await opties("#school");
    assert.ok(scholen.includes("SBO De Watertuin"), scholen.join());
    assert.ok(!scholen.includes("Voorbeeldschool voor VSO"), "no school of another region");
    await page.selectOption("#gemeente", { label: "Almere" });
    await verstuur(page, "button:has-text('Tonen')");
    assert.match(page.url(), /gemeente=GM0034/);
    assert.equal(await page.locator("main svg[role=img]").count(), 6);
    await controleer(page, "beleid Almere: dashboard per gemeente");
    await uitloggen(page);
  });

  it("beleid van de Achterhoek ziet de eigen acht gemeenten en scholen", async () => {
    await inloggen(page, server, "beleid@achterhoek.demo");
    assert.match(page.url(), /\/dashboard$/);
    assert.deepEqual(await opties("#gemeente"), [
      "Alle gemeenten in de regio", "Aalten", "Berkelland", "Bronckhorst", "Doetinchem",
      "Montferland", "Oost Gelre", "Oude IJsselstreek", "Winterswijk",
    ]);
    const scholen = await opties("#school");
    assert.equal(scholen.length, 1 + 4, scholen.join());
    assert.ok(scholen.includes("Voorbeeldschool voor VSO"));
    assert.ok(!scholen.includes("SBO De Watertuin"), "no school of another region");
    await controleer(page, "beleid Achterhoek: dashboard");
    await page.selectOption("#gemeente", { label: "Doetinchem" });
    await verstuur(page, "button:has-text('Tonen')");
    assert.match(await page.textContent("main"), /<5/);
    await controleer(page, "beleid Achterhoek: dashboard per gemeente");
    // School and gemeente together: the form again, the gemeente named.
    await page.selectOption("#school", { label: "Voorbeeldschool voor VSO" });
    await verstuur(page, "button:has-text('Tonen')");
    assert.equal(await page.getAttribute("#gemeente", "aria-invalid"), "true");
    await controleer(page, "beleid Achterhoek: school en gemeente samen");
    await uitloggen(page);
  });

  it("landelijke monitoring ziet de regio's naast elkaar en de som", async () => {
    await inloggen(page, server, "monitor@landelijk.demo");
    assert.match(page.url(), /\/dashboard$/);
    assert.equal((await page.textContent("main h1")).trim(), "Landelijke cijfers");
    const menu = await page.$$eval("#hoofdmenu-lijst a", (a) => a.map((x) => x.textContent.trim()));
    assert.ok(menu.includes("Landelijke cijfers") && !menu.includes("Organisatiegids"), menu.join());
    const koppen = await page.$eval("main table", (t) => [...t.querySelectorAll("thead th")].map((x) => x.textContent.trim()));
    assert.deepEqual(koppen, ["Maand", "Almere", "Achterhoek", "Nederland (som)"]);
    assert.equal(await page.locator("main table").count(), 16);
    assert.equal(await page.locator("#school, #gemeente").count(), 0, "no school or gemeente");
    await controleer(page, "landelijk: dashboard");
    await schermafdruk(page, "landelijk-dashboard.png");
    // The directory is a region's: refused, with a page that says so.
    const gids = await page.goto(`${server.adres}/gids`);
    assert.equal(gids.status(), 403);
    await controleer(page, "landelijk: organisatiegids geweigerd");
    await page.goto(`${server.adres}/dashboard`);
    await uitloggen(page);
  });
});
