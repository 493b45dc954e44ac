// The working day at real volume (issue 16.1, 16.2, 16.8) in Chromium, with
// axe-core and the 360 px check on every state (controleer): the demo's
// casusregisseur of Wijkteam Almere Stad (the history's open cases) starts
// at what waits, opens the most urgent case from there, and finds cases by
// name (sent in the body, never in the URL), school, sort and page; bad
// choices in the URL give the page again with a message. Screenshots of
// the worklists and lists at 1280 and 360 px go to target/schermafdrukken/
// (docs/screenshots/ with SCHAKEL_SCHERMAFDRUKKEN=docs/screenshots).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, startBrowser, nieuweContext, controleer, inloggen, verstuur, schermafdruk, axeOverzicht, vandaag } from "./hulp.mjs";

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
  axeOverzicht(" werk");
});

/** A screenshot at 1280 px and at 360 px (the first screen only: small files). */
async function beide(naam) {
  await schermafdruk(page, `${naam}.png`, { fullPage: false });
  const oud = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await schermafdruk(page, `${naam}-360.png`, { fullPage: false });
  await page.setViewportSize(oud);
}

describe("casusregisseur Wijkteam Almere Stad", () => {
  it("begint bij wat wacht: verlopen termijnen bovenaan, met namen", async () => {
    await inloggen(page, server, "casusregisseur@stad.demo");
    assert.match(page.url(), /\/werk$/);
    const groepen = await page.$$eval("main section h2", (h) => h.map((x) => x.textContent.trim()));
    assert.match(groepen[0], /^Termijn verlopen \(\d+\)$/, groepen.join(" | "));
    const eerste = page.locator("#groep-termijn_verlopen li").first();
    assert.match(await eerste.textContent(), /Doel 1 evalueren: Rust en structuur thuis/);
    assert.match(await eerste.textContent(), /Verlopen sinds \d+ \w+ \d{4}/);
    // At most ten per kind; the rest behind one link to Termijnen.
    assert.ok((await page.locator("#groep-termijn_verlopen li").count()) <= 10);
    await controleer(page, "casusregisseur Stad: wat wacht");
    await beide("werk-casusregisseur");
    // The most urgent case: one click from the start page.
    const naam = (await eerste.locator("a").textContent()).trim();
    await verstuur(page, "#groep-termijn_verlopen li a >> nth=0");
    assert.match(page.url(), /\/casussen\/\d+$/);
    assert.match(await page.textContent("main"), new RegExp(naam));
  });

  it("Termijnen toont de verlopen doelen van de geschiedenis", async () => {
    await page.goto(`${server.adres}/acties?verlopen=1`);
    assert.doesNotMatch(await page.textContent("main"), /Er zijn geen open termijnen/);
    assert.ok((await page.locator("tr.schakel-verlopen").count()) > 0);
    // Each deadline's case by its jeugdigen's names, not a number (issue 16.3).
    const casussen = await page.$$eval("main tbody a[href^='/casussen/']", (a) => a.map((x) => x.textContent.trim()));
    assert.ok(casussen.length > 0);
    for (const naam of casussen) assert.doesNotMatch(naam, /^(Casus \d+|De casus)$/, naam);
    await controleer(page, "casusregisseur Stad: verlopen termijnen");
    // Every open deadline, 50 a page.
    await page.goto(`${server.adres}/acties`);
    const m = (await page.textContent("#acties-aantal")).match(/^(\d+) termijnen(?:; pagina 1 van (\d+))?\.$/);
    assert.ok(m, await page.textContent("#acties-aantal"));
    const totaal = Number(m[1]);
    assert.equal(await page.locator("main tbody tr").count(), Math.min(totaal, 50));
    if (totaal > 50) {
      await verstuur(page, "a[rel=next]");
      assert.match(page.url(), /\/acties\?pagina=2$/);
      await controleer(page, "casusregisseur Stad: termijnen, pagina 2");
    }
  });

  it("zoekt, filtert, sorteert en bladert door de casussen", async () => {
    await page.goto(`${server.adres}/casussen`);
    const aantal = await page.textContent("#casussen-aantal");
    const m = aantal.match(/^(\d+) casussen; pagina 1 van (\d+)\.$/);
    assert.ok(m, aantal);
    assert.equal(Number(m[2]), Math.ceil(Number(m[1]) / 25));
    assert.equal(await page.locator("#casussen tbody tr").count(), 25);
    const kolommen = await page.$$eval("#casussen thead th", (th) => th.map((x) => x.textContent));
    assert.deepEqual(kolommen, ["Jeugdigen", "Fase", "Volgende termijn", "Regisseur", "Laatst gewijzigd"]);
    await controleer(page, "casusregisseur Stad: casussen");
    await beide("casussen-casusregisseur");

    await verstuur(page, "a[rel=next]");
    assert.match(page.url(), /\/casussen\?sorteer=gewijzigd&pagina=2$/);
    assert.match(await page.textContent("#casussen-aantal"), /pagina 2 van/);
    await controleer(page, "casusregisseur Stad: casussen, pagina 2");

    // Sorted by surname.
    await page.goto(`${server.adres}/casussen?sorteer=naam`);
    const namen = await page.$$eval("#casussen tbody td:first-child", (td) => td.map((x) => x.textContent.trim()));
    const achternamen = namen.map((n) => n.split(" ").slice(1).join(" ").toLowerCase());
    assert.deepEqual(achternamen, [...achternamen].sort((a, b) => a.localeCompare(b, "nl")), namen.join(", "));

    // A search by name: in the body, not in the URL.
    const gezocht = namen[3];
    await page.fill("#zoek", gezocht.split(" ")[0].toUpperCase());
    await verstuur(page, "button:has-text('Tonen')");
    assert.match(page.url(), /\/casussen$/, "the name is not in the URL");
    const gevonden = await page.$$eval("#casussen tbody td:first-child", (td) => td.map((x) => x.textContent.trim()));
    assert.ok(gevonden.includes(gezocht), `${gezocht} in ${gevonden.join(", ")}`);
    const voornaam = gezocht.split(" ")[0].toLowerCase();
    assert.ok(gevonden.every((n) => n.toLowerCase().includes(voornaam)), gevonden.join(", "));
    assert.match(await page.textContent("#casussen-aantal"), /gevonden/);
    await controleer(page, "casusregisseur Stad: casussen gezocht");

    // Nothing found.
    await page.fill("#zoek", "Onbekende Naam");
    await verstuur(page, "button:has-text('Tonen')");
    assert.match(await page.textContent("main"), /Geen casus gevonden met deze naam\./);
    await controleer(page, "casusregisseur Stad: casussen niet gevonden");

    // By phase: the four phases together are every case, each row in its phase.
    const totaalVan = async () => Number((await page.textContent("#casussen-aantal")).match(/^(\d+) casus/)[1]);
    await page.goto(`${server.adres}/casussen`);
    const alle = await totaalVan();
    let som = 0;
    for (const [fase, label] of [["uitvoering", "Uitvoering"], ["gesprek", "Gesprek (stap 1)"], ["expertpool_advies", "Expertpool (stap 2)"], ["escalatie", "Escalatie (stap 3)"]]) {
      await page.selectOption("#fase", fase);
      await verstuur(page, "button:has-text('Tonen')");
      assert.match(page.url(), /\/casussen$/);
      som += await totaalVan();
      const fasen = await page.$$eval("#casussen tbody td:nth-child(2)", (td) => td.map((x) => x.textContent.trim()));
      assert.ok(fasen.every((f) => f === label), `${fase}: ${fasen.join(", ")}`);
    }
    assert.equal(som, alle, "every case is in exactly one phase");
    await controleer(page, "casusregisseur Stad: casussen per fase");
    // By last change: within 30 days and at rest for 30 days are every case.
    await page.goto(`${server.adres}/casussen?periode=maand`);
    const recent = await totaalVan();
    await page.goto(`${server.adres}/casussen?periode=ouder`);
    assert.equal((await page.inputValue("#periode")), "ouder");
    assert.equal(recent + (await totaalVan()), alle, "changed within 30 days, or not");
    await controleer(page, "casusregisseur Stad: casussen in rust");

    // A bad choice in the URL: the page again, with what is allowed.
    const antwoord = await page.goto(`${server.adres}/casussen?sorteer=leeftijd&pagina=x&fase=stap9`);
    assert.equal(antwoord.status(), 400);
    const fouten = await page.textContent("#foutoverzicht");
    assert.match(fouten, /Sorteren: kies een van de mogelijkheden uit de lijst/);
    assert.match(fouten, /Fase: kies een van de mogelijkheden uit de lijst/);
    assert.match(fouten, /Pagina "x" bestaat niet/);
    assert.equal(await page.locator("#casussen tbody tr").count(), 25, "the first page all the same");
    await controleer(page, "casusregisseur Stad: casussen (foute keuze)");
  });
});

describe("jeugdigen van Wijkteam Almere Stad", () => {
  it("de lijst telt en bladert in de database, 50 per pagina", async () => {
    await inloggen(page, server, "casusregisseur@stad.demo");
    const api = await (await page.request.get(`${server.adres}/api/v1/jeugdigen?perPagina=1`)).json();
    const totaal = api.paginering.totaal;
    await page.goto(`${server.adres}/jeugdigen`);
    const paginas = Math.ceil(totaal / 50);
    assert.equal(
      (await page.textContent("#jeugdigen-aantal")).trim(),
      `${totaal} jeugdigen${paginas > 1 ? `; pagina 1 van ${paginas}` : ""}.`,
    );
    assert.equal(await page.locator("#jeugdigen tbody tr").count(), Math.min(totaal, 50));
    await controleer(page, "casusregisseur Stad: jeugdigen");
    await beide("jeugdigen-casusregisseur");
    if (paginas > 1) {
      await verstuur(page, "a[rel=next]");
      assert.equal(await page.locator("#jeugdigen tbody tr").count(), Math.min(totaal - 50, 50));
      await controleer(page, "casusregisseur Stad: jeugdigen, pagina 2");
    }
    const fout = await page.goto(`${server.adres}/jeugdigen?pagina=${paginas + 1}`);
    assert.equal(fout.status(), 400);
    assert.match(await page.textContent("#foutoverzicht"), new RegExp(`er zijn ${paginas} pagina's`));
    await controleer(page, "casusregisseur Stad: jeugdigen (foute pagina)");

    // By name (in the body, not the URL), sorted by surname.
    const eerste = (await (await page.request.get(`${server.adres}/api/v1/jeugdigen?perPagina=1&sorteer=naam`)).json()).items[0];
    await page.goto(`${server.adres}/jeugdigen`);
    await page.fill("#zoek", eerste.achternaam.toUpperCase());
    await page.selectOption("#sorteer", "naam");
    await verstuur(page, "#jeugdigen-zoeken button:has-text('Tonen')");
    assert.match(page.url(), /\/jeugdigen$/, "the name is not in the URL");
    const namen = await page.$$eval("#jeugdigen tbody td:first-child", (td) => td.map((x) => x.textContent.trim()));
    assert.ok(namen.includes(`${eerste.voornaam} ${eerste.achternaam}`), namen.join(", "));
    assert.ok(namen.every((n) => n.toLowerCase().includes(eerste.achternaam.toLowerCase())), namen.join(", "));
    assert.match(await page.textContent("#jeugdigen-aantal"), /gevonden/);
    await controleer(page, "casusregisseur Stad: jeugdigen gezocht op naam");
    // By BSN: exactly that jeugdige.
    await page.fill("#zoek", "");
    await page.fill("#bsn", eerste.bsn);
    await verstuur(page, "#jeugdigen-zoeken button:has-text('Tonen')");
    assert.equal((await page.textContent("#jeugdigen-aantal")).trim(), "1 jeugdige gevonden.");
    assert.equal((await page.textContent("#jeugdigen tbody td:first-child")).trim(), `${eerste.voornaam} ${eerste.achternaam}`);
    assert.doesNotMatch(page.url(), new RegExp(eerste.bsn));
    await controleer(page, "casusregisseur Stad: jeugdige gezocht op BSN");
    // A wrong BSN: said at the field, in words.
    await page.fill("#bsn", "123456789");
    await verstuur(page, "#jeugdigen-zoeken button:has-text('Tonen')");
    assert.match(await page.textContent("#foutoverzicht"), /BSN: dit BSN klopt niet, controleer de cijfers/);
    assert.equal(await page.inputValue("#bsn"), "123456789", "the input is kept");
    await controleer(page, "casusregisseur Stad: jeugdigen, fout BSN");
  });
});

describe("hulpvragen van Wijkteam Almere Stad", () => {
  it("per stand, op naam en per pagina", async () => {
    await inloggen(page, server, "casusregisseur@stad.demo");
    await page.goto(`${server.adres}/hulpvragen`);
    const totaal = async () => Number((await page.textContent("#hulpvragen-aantal")).match(/^(\d+) hulpvra/)[1]);
    const open = await totaal();
    const api = await (await page.request.get(`${server.adres}/api/v1/hulpvragen?perPagina=1`)).json();
    assert.equal(open, api.paginering.totaal, "the open ones, as the API counts them");
    await controleer(page, "casusregisseur Stad: hulpvragen");
    for (const [stand, woorden] of [["te_trieren", /^Nog te triëren$/], ["bij_ons", /^Getriëerd: uw organisatie pakt haar op$/], ["overgedragen", /^Overgedragen aan /]]) {
      await page.selectOption("#stand", stand);
      await verstuur(page, "#hulpvragen-zoeken button:has-text('Tonen')");
      const n = await totaal();
      const perApi = (await (await page.request.get(`${server.adres}/api/v1/hulpvragen?perPagina=1&stand=${stand}`)).json()).paginering.totaal;
      assert.equal(n, perApi, stand);
      const standen = await page.$$eval("#hulpvragen tbody td:nth-child(5)", (td) => td.map((x) => x.textContent.trim()));
      assert.ok(standen.every((s) => woorden.test(s)), `${stand}: ${standen.join(" | ")}`);
    }
    await controleer(page, "casusregisseur Stad: hulpvragen per stand");
    // By name, in the body.
    await page.goto(`${server.adres}/hulpvragen?welke=alle`);
    const rij = await page.textContent("#hulpvragen tbody tr td:first-child").catch(() => null);
    if (rij) {
      const naam = rij.trim();
      await page.fill("#zoek", naam.toUpperCase());
      await verstuur(page, "#hulpvragen-zoeken button:has-text('Tonen')");
      assert.match(page.url(), /\/hulpvragen$/);
      const namen = await page.$$eval("#hulpvragen tbody td:first-child", (td) => td.map((x) => x.textContent.trim()));
      assert.ok(namen.length >= 1 && namen.every((n) => n.toLowerCase().includes(naam.toLowerCase())), namen.join(", "));
      await controleer(page, "casusregisseur Stad: hulpvragen op naam");
    }
    const fout = await page.goto(`${server.adres}/hulpvragen?stand=ergens&periode=gisteren&sorteer=lengte`);
    assert.equal(fout.status(), 400);
    const fouten = await page.textContent("#foutoverzicht");
    for (const veld of ["Stand", "Gesteld", "Sorteren"]) assert.match(fouten, new RegExp(`${veld}: kies een van de mogelijkheden uit de lijst`));
    await controleer(page, "casusregisseur Stad: hulpvragen (foute keuze)");
  });

  it("per school en naar wanneer gesteld, zoals de API ze telt", async () => {
    await inloggen(page, server, "casusregisseur@stad.demo");
    const totaal = async () => Number((await page.textContent("#hulpvragen-aantal")).match(/^(\d+) hulpvra/)[1]);
    const perApi = async (q) => (await (await page.request.get(`${server.adres}/api/v1/hulpvragen?open=false&perPagina=1&${q}`)).json()).paginering.totaal;
    await page.goto(`${server.adres}/hulpvragen?welke=alle`);
    const alle = await totaal();
    assert.equal(alle, await perApi(""));
    // When asked: within 30 days, or 30 days ago or longer, is every question.
    let som = 0;
    for (const periode of ["maand", "ouder"]) {
      await page.goto(`${server.adres}/hulpvragen?welke=alle&periode=${periode}`);
      assert.equal(await page.inputValue("#periode"), periode);
      const n = await totaal();
      assert.equal(n, await perApi(`periode=${periode}`), periode);
      som += n;
    }
    assert.equal(som, alle, "asked within 30 days, or not");
    await controleer(page, "casusregisseur Stad: hulpvragen ouder dan 30 dagen");
    await page.goto(`${server.adres}/hulpvragen?welke=alle&periode=week`);
    assert.equal(await totaal(), await perApi("periode=week"));
    // By the pupil's school (a school's zorgcoördinator: its pupils' questions
    // are all at its own school): each school's questions as the API counts
    // them, each row showing that school.
    await inloggen(page, server, "zorgcoordinator@watertuin.demo");
    await page.goto(`${server.adres}/hulpvragen?welke=alle`);
    const scholen = await page.$$eval("#school option", (o) => o.map((x) => [x.value, x.textContent.trim()]).filter(([w]) => w));
    let gevonden = 0;
    for (const [school, naam] of scholen) {
      const n = await perApi(`school=${school}`);
      if (n === 0) continue;
      await page.goto(`${server.adres}/hulpvragen?welke=alle&school=${school}`);
      assert.equal(await totaal(), n, naam);
      const getoond = await page.$$eval("#hulpvragen tbody td:nth-child(2)", (td) => td.map((x) => x.textContent.trim()));
      assert.ok(getoond.length > 0 && getoond.every((s) => s === naam), `${naam}: ${getoond.join(" | ")}`);
      if (gevonden++ === 0) await controleer(page, "zorgcoördinator Watertuin: hulpvragen per school");
      if (gevonden >= 3) break;
    }
    assert.ok(gevonden > 0, "a school with questions");
    // The oldest first, as the API orders them.
    await page.goto(`${server.adres}/hulpvragen?welke=alle&sorteer=oudste`);
    assert.equal(await page.inputValue("#sorteer"), "oudste");
    const oudste = (await (await page.request.get(`${server.adres}/api/v1/hulpvragen?open=false&perPagina=1&sorteer=oudste`)).json()).items[0];
    assert.equal(await page.getAttribute("#hulpvragen tbody tr:first-child td:last-child a", "href"), `/hulpvragen/${oudste.id}`);
    await controleer(page, "zorgcoördinator Watertuin: hulpvragen, oudste eerst");
    await beide("hulpvragen-zorgcoordinator");
  });
});

describe("aanbieder Jeugdhulp Kompas", () => {
  it("ziet alle verwijzingen in één lijst, lopend en afgelopen apart", async () => {
    await inloggen(page, server, "aanbieder@kompas.demo");
    // What the API lists, all pages: the expected split by end date.
    const alle = [];
    for (let p = 1; ; p++) {
      const l = await (await page.request.get(`${server.adres}/api/v1/verwijzingen?pagina=${p}&perPagina=100`)).json();
      alle.push(...l.items);
      if (p >= l.paginering.paginas) break;
    }
    const lopend = alle.filter((v) => v.einddatum >= vandaag()).length;
    const afgelopen = alle.length - lopend;
    assert.ok(afgelopen > 25, `the history's ended referrals (${afgelopen}) fill more than a page`);
    await verstuur(page, "nav >> text=Mijn verwijzingen");
    assert.equal((await page.textContent("#lopend-kop")).trim(), `Lopende verwijzingen (${lopend})`);
    assert.equal((await page.textContent("#afgelopen-kop")).trim(), `Afgelopen verwijzingen (${afgelopen})`);
    assert.equal(await page.locator("#lopend tbody tr").count(), lopend);
    assert.equal(await page.locator("#afgelopen tbody tr").count(), 25, "ended ones 25 a page");
    const hoogte = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(hoogte < 6000, `one table, not one per referral: ${hoogte} px high`);
    await controleer(page, "aanbieder Kompas: verwijzingen");
    await beide("verwijzingen-aanbieder");
    await verstuur(page, "a[rel=next]");
    assert.match(page.url(), /\/verwijzingen\?pagina=2#afgelopen-kop$/);
    await controleer(page, "aanbieder Kompas: verwijzingen, pagina 2");
    // By the jeugdige's name, in the body: running and ended ones of that name only.
    await page.goto(`${server.adres}/verwijzingen`);
    const naam = (await page.textContent("#afgelopen tbody tr td:first-child")).trim();
    const achternaam = naam.split(" ").slice(1).join(" ");
    await page.fill("#zoek", achternaam);
    await verstuur(page, "#verwijzingen-zoeken button:has-text('Tonen')");
    assert.match(page.url(), /\/verwijzingen$/, "the name is not in the URL");
    const namen = await page.$$eval("#lopend tbody tr td:first-child, #afgelopen tbody tr td:first-child", (td) => td.map((x) => x.textContent.trim()));
    assert.ok(namen.includes(naam), `${naam} in ${namen.join(", ")}`);
    assert.ok(namen.every((n) => n.includes(achternaam)), namen.join(", "));
    // Exactly the referrals of the jeugdigen of that name, as the API lists them.
    const metNaam = new Set();
    for (let p = 1; ; p++) {
      const l = await (await page.request.get(`${server.adres}/api/v1/jeugdigen?pagina=${p}&perPagina=100`)).json();
      for (const j of l.items) if (`${j.voornaam} ${j.achternaam}`.toLowerCase().includes(achternaam.toLowerCase())) metNaam.add(j.id);
      if (p >= l.paginering.paginas) break;
    }
    const kop = async (id) => Number((await page.textContent(id)).match(/\((\d+)\)/)[1]);
    assert.equal(
      (await kop("#lopend-kop")) + (await kop("#afgelopen-kop")),
      alle.filter((v) => metNaam.has(v.jeugdige)).length,
    );
    await controleer(page, "aanbieder Kompas: verwijzingen gezocht op naam");
    const fout = await page.goto(`${server.adres}/verwijzingen?pagina=0&periode=ooit&product=fiets`);
    assert.equal(fout.status(), 400);
    const fouten = await page.textContent("#foutoverzicht");
    assert.match(fouten, /Pagina "0" bestaat niet: een paginanummer is een heel getal vanaf 1/);
    assert.match(fouten, /Periode: kies een van de mogelijkheden uit de lijst/);
    assert.match(fouten, /Product: kies een van de mogelijkheden uit de lijst/);
    await controleer(page, "aanbieder Kompas: verwijzingen (foute keuzes)");
  });

  it("per school, periode en product, zoals de API ze telt", async () => {
    await inloggen(page, server, "aanbieder@kompas.demo");
    const perApi = async (q) => (await (await page.request.get(`${server.adres}/api/v1/verwijzingen?perPagina=1&${q}`)).json()).paginering.totaal;
    const kop = async (id) => Number((await page.textContent(id)).match(/\((\d+)\)/)[1]);
    const beide = async () => [await kop("#lopend-kop"), await kop("#afgelopen-kop")];
    await page.goto(`${server.adres}/verwijzingen`);
    const [lopend, afgelopen] = await beide();
    assert.equal(lopend + afgelopen, await perApi(""));
    // The period: ended ones only on "afgelopen", running ones ending
    // within 30 days on "eindigt", and both split by start on "gestart".
    await page.goto(`${server.adres}/verwijzingen?periode=afgelopen`);
    assert.deepEqual(await beide(), [0, afgelopen]);
    assert.equal(afgelopen, await perApi("periode=afgelopen"));
    await controleer(page, "aanbieder Kompas: verwijzingen, afgelopen");
    await page.goto(`${server.adres}/verwijzingen?periode=eindigt`);
    const [eindigt, geen] = await beide();
    assert.equal(geen, 0);
    assert.ok(eindigt <= lopend);
    assert.equal(eindigt, await perApi("periode=eindigt"));
    await controleer(page, "aanbieder Kompas: verwijzingen, eindigt binnen 30 dagen");
    await page.goto(`${server.adres}/verwijzingen?periode=gestart`);
    const gestart = await beide();
    assert.equal(gestart[0] + gestart[1], await perApi("periode=gestart"));
    // The product: every referral has one, so the products part the list.
    const producten = await page.$$eval("#product option", (o) => o.map((x) => x.value).filter((w) => w));
    let som = 0;
    for (const product of producten) {
      const n = await perApi(`product=${product}`);
      if (n === 0) continue;
      await page.goto(`${server.adres}/verwijzingen?product=${product}`);
      const [l, a] = await beide();
      assert.equal(l + a, n, product);
      som += n;
    }
    assert.equal(som, lopend + afgelopen, "each referral has one product");
    await controleer(page, "aanbieder Kompas: verwijzingen per product");
    // The school: each school's referrals as the API counts them; schools
    // and pupils without one together are the whole list.
    const scholen = await page.$$eval("#school option", (o) => o.map((x) => x.value).filter((w) => w));
    let getoond = 0;
    for (const school of scholen) {
      const n = await perApi(`school=${school}`);
      if (n === 0) continue;
      await page.goto(`${server.adres}/verwijzingen?school=${school}`);
      const [l, a] = await beide();
      assert.equal(l + a, n, `school ${school}`);
      if (getoond++ === 0) await controleer(page, "aanbieder Kompas: verwijzingen per school");
      if (getoond >= 3) break;
    }
    assert.ok(getoond > 0, "a school with referrals");
    // Sorted by start, the latest first, paging on with the same choice.
    await page.goto(`${server.adres}/verwijzingen?sorteer=ingangsdatum&periode=afgelopen`);
    assert.equal(await page.inputValue("#sorteer"), "ingangsdatum");
    await controleer(page, "aanbieder Kompas: verwijzingen op startdatum");
    if (afgelopen > 25) {
      await verstuur(page, "a[rel=next]");
      assert.match(page.url(), /periode=afgelopen&sorteer=ingangsdatum&pagina=2#afgelopen-kop$/);
      assert.equal(await page.inputValue("#sorteer"), "ingangsdatum");
    }
  });
});

describe("de andere rollen beginnen ook bij wat wacht", () => {
  for (const [email, naam] of [
    ["zorgcoordinator@watertuin.demo", "werk-zorgcoordinator"],
    ["aanbieder@kompas.demo", "werk-aanbieder"],
    ["verwijzer@jgz.demo", "werk-verwijzer"],
  ]) {
    it(email, async () => {
      await inloggen(page, server, email);
      assert.match(page.url(), /\/werk$/);
      await controleer(page, `${email}: wat wacht`);
      await beide(naam);
    });
  }
});
