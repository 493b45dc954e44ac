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

// Issue 17.3: the advisor for one jeugdige, from its dossier page. The
// pupil's address decides whose rules apply, not its school: the border
// school's pupil from Doetinchem gets the Achterhoek's answer (no
// normenkader, its route), its pupil from Almere Almere's advice.
describe("advies voor een jeugdige", () => {
  /** Opens a pupil from the own list and its advisor. */
  async function adviesVoor(naam) {
    await page.goto(`${server.adres}/jeugdigen`);
    await verstuur(page, `#jeugdigen >> text=${naam}`);
    await verstuur(page, "main a:has-text('Advies voor deze jeugdige')");
    assert.match(page.url(), /\/jeugdigen\/\d+\/advies$/);
    assert.match(await page.textContent("main"), new RegExp(naam));
    assert.equal(await page.locator("#gemeente, #geboortedatum").count(), 0, "gemeente and birth date from the dossier");
    return (await page.textContent("#woongemeente")).trim();
  }

  async function adviesTonen() {
    await page.selectOption("#onderwijssituatie", "volledig_onderwijs");
    await verstuur(page, "button:has-text('Advies tonen')");
    assert.match(await page.textContent("main"), /Normenkader\s*Almere/);
  }

  it("de verwijzer opent Sem en krijgt advies volgens de regels van Almere", async () => {
    await inloggen(page, server, "verwijzer@jgz.demo");
    assert.equal(await adviesVoor("Sem de Vries"), "Almere");
    assert.match(await page.textContent("main"), /SBO De Watertuin/);
    await controleer(page, "verwijzer: advies voor deze jeugdige (formulier)");
    await adviesTonen();
    await controleer(page, "verwijzer: advies voor deze jeugdige");
    await schermafdruk(page, "advies-jeugdige.png");
    // The check for this pupil, from the same dossier page.
    await page.goto(page.url().replace(/\/advies$/, ""));
    await verstuur(page, "main a:has-text('Toets voor deze jeugdige')");
    assert.match(page.url(), /\/jeugdigen\/\d+\/toets$/);
    assert.equal((await page.textContent("#woongemeente")).trim(), "Almere");
    await controleer(page, "verwijzer: toets voor deze jeugdige");
    // The referral form from an option of the advice: for this pupil.
    await page.goto(page.url().replace(/\/toets$/, "/advies"));
    await adviesTonen();
    await verstuur(page, "main a:has-text('Verwijs volgens deze optie')");
    assert.match(page.url(), /\/verwijzingen\/nieuw\?jeugdige=\d+&product=/);
    await uitloggen(page);
  });

  it("de grensschool: elke leerling krijgt de regels van de eigen woongemeente", async () => {
    await inloggen(page, server, "zorgcoordinator@vso-doetinchem.demo");
    assert.equal(await adviesVoor("Daan Jansen"), "Doetinchem");
    const main = await page.textContent("main");
    assert.match(main, /Geen normenkader voor deze gemeente/);
    assert.match(main, /Doetinchem hoort bij regio Achterhoek, die geen normenkader in Schakel heeft/);
    assert.doesNotMatch(main, /Normenkader\s*Almere/);
    assert.equal(await page.locator("main form[action$='/advies']").count(), 0, "nothing to ask without a normenkader");
    await controleer(page, "grensschool: advies voor een leerling uit Doetinchem");
    assert.equal(await adviesVoor("Milan Visser"), "Almere");
    await adviesTonen();
    await controleer(page, "grensschool: advies voor een leerling uit Almere");
    await uitloggen(page);
  });
});
