// The referral takes the child's situation from the dossier (issue 14,
// item 5), in a real browser with axe-core on every page: the
// zorgcoördinator records Sem's onderwijssituatie on his page; the
// verwijzer's referral form then shows it instead of asking it, with the
// dienst field; a referral that claims another situation is refused at
// the field, which names the dossier's situation. And the beheerder's page
// of interventie-afspraken (item 2, seed 004 footnote ***).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startDemo, startBrowser, nieuweContext, controleer, inloggen, uitloggen, verstuur,
  verwijsdatum, schooljaarEinde, kiesOptie, axeOverzicht, geenZijwaartsScrollen,
} from "./hulp.mjs";

let server, browser, context, page;
let semPagina;

before(async () => {
  server = await startDemo();
  browser = await startBrowser();
  context = await nieuweContext(browser);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  server?.stop();
  axeOverzicht(" — onderwijssituatie");
});

describe("onderwijssituatie in het dossier", () => {
  it("de zorgcoördinator legt Sems onderwijssituatie vast", async () => {
    await inloggen(page, server, "zorgcoordinator@watertuin.demo");
    // The start page is the worklist; the pupils are one menu item on.
    await page.goto(`${server.adres}/jeugdigen`);
    await page.click("#jeugdigen >> text=Sem de Vries");
    semPagina = page.url();
    await Promise.all([page.waitForNavigation(), page.click("text=Onderwijssituatie bekijken en vastleggen")]);
    assert.match(await page.textContent("main"), /Er is nog geen onderwijssituatie vastgelegd\./);
    await controleer(page, "zorgcoördinator: onderwijssituatie (leeg)");
    // A school name the normenkader does not know: the error at the field.
    await page.selectOption("#onderwijssituatie", "oja");
    await page.fill("#van", verwijsdatum());
    await verstuur(page, "button:has-text('Vastleggen')");
    assert.equal(await page.getAttribute("#school", "aria-invalid"), "true");
    assert.match(await page.textContent("#school-fout"), /Verplicht bij onderwijssituatie oja; toegestaan: Watertuin, Bombardon, OPDC, PrO/);
    await controleer(page, "zorgcoördinator: onderwijssituatie (fout)");
    await page.selectOption("#school", "Watertuin");
    await verstuur(page, "button:has-text('Vastleggen')");
    assert.match(await page.textContent("main"), /De onderwijssituatie is vastgelegd\./);
    assert.match(await page.textContent("main"), /OJA-school \(onderwijs-jeugdhulparrangement\)\s*Watertuin/);
    assert.match(await page.textContent("main"), /Geldt nu/);
    await controleer(page, "zorgcoördinator: onderwijssituatie (vastgelegd)");
    await geenZijwaartsScrollen(page, "onderwijssituatie");
    await uitloggen(page);
  });

  it("het verwijsformulier toont de situatie uit het dossier en vraagt de dienst", async () => {
    await inloggen(page, server, "verwijzer@jgz.demo");
    await page.goto(semPagina);
    await Promise.all([page.waitForNavigation(), page.click("main a[href^='/verwijzingen/nieuw?jeugdige=']")]);
    const dossier = await page.textContent("#dossiersituatie");
    assert.match(dossier, /Onderwijssituatie uit het dossier:\s*OJA-school \(onderwijs-jeugdhulparrangement\); school: Watertuin/);
    assert.equal(await page.locator("#onderwijssituatie").count(), 0, "the situation is not asked");
    assert.equal(await page.locator("#dienst").count(), 1, "the dienst field is there");
    await controleer(page, "verwijzer: verwijzing uit het dossier");
    await geenZijwaartsScrollen(page, "verwijzing uit het dossier");
  });

  it("een afwijkende situatie wordt geweigerd bij het veld", async () => {
    await page.goto(`${server.adres}/verwijzingen/nieuw`);
    await kiesOptie(page, "#jeugdige", "Sem");
    await page.selectOption("#aanbieder", { label: "Triade Vitree (KBC)" });
    await page.selectOption("#onderwijssituatie", "volledig_onderwijs");
    await page.selectOption("#product", "begeleiding_individueel_basis");
    await page.fill("#volume", "3");
    await page.fill("#ingangsdatum", verwijsdatum());
    await page.fill("#einddatum", schooljaarEinde(verwijsdatum()));
    await verstuur(page, "button:has-text('Verwijzing vastleggen')");
    assert.match(page.url(), /\/verwijzingen\/nieuw$/);
    assert.equal(await page.getAttribute("#onderwijssituatie", "aria-invalid"), "true");
    assert.match(
      await page.textContent("#onderwijssituatie-fout"),
      /Wijkt af van het dossier: daar is de onderwijssituatie 'oja', niet 'volledig_onderwijs'/,
    );
    assert.match(await page.textContent("#dossiersituatie"), /OJA-school/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "foutoverzicht");
    await controleer(page, "verwijzer: afwijkende situatie");
    await uitloggen(page);
  });
});

describe("interventie-afspraken", () => {
  it("de beheerder legt een interventie-afspraak vast: fout bij het veld, dan in de lijst", async () => {
    await inloggen(page, server, "beheer@schakel.demo");
    await Promise.all([page.waitForNavigation(), page.click("main a[href='/beheer/interventie-afspraken']")]);
    assert.match(await page.textContent("main"), /Er zijn nog geen interventie-afspraken vastgelegd\./);
    await controleer(page, "beheerder: interventie-afspraken (leeg)");
    await page.selectOption("#aanbieder", { label: "Triade Vitree (KBC)" });
    await page.selectOption("#gemeente", { label: "Gemeente Almere" });
    await page.fill("#omschrijving", "Observatiegroep");
    await page.fill("#van", "2026-08-01");
    await page.fill("#tot", "2026-07-31");
    await verstuur(page, "button:has-text('Vastleggen')");
    assert.equal(await page.getAttribute("#tot", "aria-invalid"), "true");
    assert.match(await page.textContent("#tot-fout"), /vóór 'van'/);
    await controleer(page, "beheerder: interventie-afspraken (fout)");
    await page.fill("#tot", "2027-07-31");
    await verstuur(page, "button:has-text('Vastleggen')");
    const tekst = await page.textContent("main");
    assert.match(tekst, /De interventie-afspraak is vastgelegd\./);
    assert.match(tekst, /Triade Vitree \(KBC\)\s*Gemeente Almere\s*Observatiegroep\s*1 augustus 2026 tot en met 31 juli 2027/);
    await controleer(page, "beheerder: interventie-afspraken");
    await geenZijwaartsScrollen(page, "interventie-afspraken");
    await uitloggen(page);
  });
});
