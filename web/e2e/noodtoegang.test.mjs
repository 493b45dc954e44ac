// Break-the-glass on a closed case (issue 12.3) in a real browser, with
// axe-core on every page: the casusregisseur opens a closed case of the
// demo's history, meets the explanation and the form instead of the
// dossier, is told at the field what a reason needs, then reads the
// dossier under the banner with the time the access ends; a school sees
// only the refusal; the beheerder reads who opened which case and why.
// Also at 360 px wide: no sideways scrolling.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, startBrowser, nieuweContext, controleer, inloggen, uitloggen, verstuur, bezocht } from "./hulp.mjs";

let server, browser, context, page;
let gesloten;
const REDEN = "Nieuwe melding van Veilig Thuis over dit gezin";

before(async () => {
  server = await startDemo();
  browser = await startBrowser();
  context = await nieuweContext(browser);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  server?.stop();
  const fouten = bezocht.reduce((n, b) => n + b.overtredingen, 0);
  console.log(`axe: ${bezocht.length} pages checked, ${fouten} violations`);
  for (const b of bezocht) console.log(`  ${b.overtredingen} violations, ${b.regels} rules passed  ${b.naam}  ${b.url}`);
});

/** No sideways scrolling at the current viewport. */
async function zonderZijwaartsScrollen(naam) {
  const [breed, venster] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(breed <= venster, `${naam}: ${breed} px wide in a ${venster} px window`);
}

describe("noodtoegang", () => {
  it("de casusregisseur opent een gesloten casus met een reden", async () => {
    // The demo's history closes cases of Wijkteam Almere Stad.
    await inloggen(page, server, "casusregisseur@stad.demo");
    // A case of the demo's history that the wijkteam closed: its page
    // answers 403 with the form.
    for (let id = 1; id <= 200 && !gesloten; id++) {
      const r = await page.request.get(`${server.adres}/casussen/${id}`);
      if (r.status() === 403 && (await r.text()).includes("Waarom moet u dit gesloten dossier inzien?")) gesloten = id;
    }
    assert.ok(gesloten, "the demo holds a closed case of the wijkteam");
    const antwoord = await page.goto(`${server.adres}/casussen/${gesloten}`);
    assert.equal(antwoord.status(), 403);
    assert.match(await page.textContent("h1"), new RegExp(`Casus ${gesloten} is gesloten`));
    assert.equal(await page.locator("text=Evaluaties").count(), 0, "no dossier before the reason");
    await controleer(page, "casusregisseur: gesloten casus, noodtoegang vragen");
    await page.setViewportSize({ width: 360, height: 800 });
    await zonderZijwaartsScrollen("noodtoegang vragen");
    await controleer(page, "casusregisseur: noodtoegang vragen (360 px)");
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.fill("#reden", "Kijken");
    await verstuur(page, "button:has-text('Dossier openen met noodtoegang')");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "foutoverzicht");
    assert.equal(await page.getAttribute("#reden", "aria-invalid"), "true");
    assert.match(await page.textContent("#reden-fout"), /Ten minste 10 tekens/);
    await controleer(page, "casusregisseur: noodtoegang (reden te kort)");

    await page.fill("#reden", REDEN);
    await verstuur(page, "button:has-text('Dossier openen met noodtoegang')");
    assert.match(page.url(), new RegExp(`/casussen/${gesloten}$`));
    assert.match(await page.textContent("main"), /U ziet dit gesloten dossier met noodtoegang tot \d\d:\d\d/);
    assert.match(await page.textContent("main"), /Gesloten/);
    await controleer(page, "casusregisseur: gesloten casus met noodtoegang");
    await uitloggen(page);
  });

  it("een school ziet alleen dat de casus gesloten is", async () => {
    await inloggen(page, server, "zorgcoordinator@watertuin.demo");
    const antwoord = await page.goto(`${server.adres}/casussen/${gesloten}`);
    assert.equal(antwoord.status(), 403);
    assert.equal(await page.locator("#reden").count(), 0, "no break-the-glass form");
    await controleer(page, "zorgcoördinator: gesloten casus");
    await page.goto(`${server.adres}/start`);
    await uitloggen(page);
  });

  it("de beheerder ziet wie welk gesloten dossier opende en waarom", async () => {
    await inloggen(page, server, "beheer@schakel.demo");
    await page.click("text=Gebruik van noodtoegang bekijken");
    assert.match(page.url(), /\/beheer\/noodtoegang$/);
    const tabel = await page.textContent("table");
    assert.match(tabel, new RegExp(REDEN));
    assert.match(tabel, /Wijkteam/);
    await controleer(page, "beheerder: gebruik van noodtoegang");
    await page.setViewportSize({ width: 360, height: 800 });
    await zonderZijwaartsScrollen("gebruik van noodtoegang");
    await controleer(page, "beheerder: gebruik van noodtoegang (360 px)");
    await page.setViewportSize({ width: 1280, height: 900 });
    await uitloggen(page);
  });
});
