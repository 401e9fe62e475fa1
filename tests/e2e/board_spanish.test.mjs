// The public board in Spanish: a browser that asks for Spanish (Accept-Language es) gets the
// board in Spanish, its switch goes to English and back and the choice outlives a reload, and
// a called ticket is spoken in Spanish (the browser's speech synthesis, recorded here by a
// stub of speak() that keeps each utterance's text and language).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch } from "./harness.mjs";

let desk, browser, token;
const shots = process.env.SCREENSHOTS || "build/screenshots";

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	desk.cli(["user", "add", "kos.staff", "--name", "Martha Luckett", "--role", "staff",
		"--branch", "KOS"]);
	token = desk.cli(["token", "create", "kos.staff"]).trim();
	await desk.start();
	assert.equal((await desk.api("POST", "/api/v1/duty", token,
		{ branch: "KOS", desk: "2" })).status, 200);
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function walkIn() {
	const r = await desk.api("POST", "/api/v1/branches/KOS/visits", token, { channel: "in_person" });
	assert.equal(r.status, 201);
	return r.body;
}

async function headings(page) {
	return page.evaluate(() => ({
		lang: document.documentElement.lang,
		h2: [...document.querySelectorAll("h2")].map((h) => h.textContent),
		sound: document.getElementById("sound").textContent,
	}));
}

test("a browser asking for Spanish gets the board in Spanish, and the switch sticks", async () => {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 },
		locale: "es-ES" });
	const page = await context.newPage();
	assert.equal((await page.goto(desk.base + "/board/KOS")).status(), 200);
	let seen = await headings(page);
	assert.equal(seen.lang, "es");
	assert.deepEqual(seen.h2, ["Atendiendo ahora", "En espera"]);
	assert.equal(seen.sound, "Activar el sonido");
	await page.screenshot({ path: shots + "/board-es.png" });
	await checkPage(page, "board-es");

	// The switch names English in English; the page then speaks it, and keeps it on reload
	// although the browser still asks for Spanish.
	await Promise.all([page.waitForNavigation(), page.click(".lang-switch a[lang='en']")]);
	seen = await headings(page);
	assert.equal(seen.lang, "en");
	assert.deepEqual(seen.h2, ["Now serving", "Waiting"]);
	await page.goto(desk.base + "/board/KOS");
	assert.equal((await headings(page)).lang, "en", "the choice of English did not stick");
	assert.equal(await page.textContent(".lang-switch a"), "Español");

	await Promise.all([page.waitForNavigation(), page.click(".lang-switch a[lang='es']")]);
	await page.reload();
	seen = await headings(page);
	assert.equal(seen.lang, "es");
	assert.deepEqual(seen.h2, ["Atendiendo ahora", "En espera"]);
	await context.close();
});

test("a ticket called on the Spanish board is spoken in Spanish", async () => {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 },
		locale: "es-ES", bypassCSP: true });
	await context.addInitScript(() => {
		window.spoken = [];
		window.speechSynthesis.speak = (u) => { window.spoken.push({ text: u.text, lang: u.lang }); };
	});
	const page = await context.newPage();
	await page.goto(desk.base + "/board/KOS");
	await page.waitForSelector("main#board[data-live='1']", { timeout: 5000 });
	await page.click("#sound");
	assert.equal(await page.getAttribute("#sound", "aria-pressed"), "true");
	assert.equal(await page.textContent("#sound"), "Desactivar el sonido");

	const v = await walkIn();
	const serving = await desk.api("GET", "/api/v1/branches/KOS/queue", token);
	for (const s of serving.body.serving)
		await desk.api("POST", `/api/v1/visits/${s.id}/finish`, token, {});
	const called = await desk.api("POST", "/api/v1/branches/KOS/next", token, {});
	assert.equal(called.status, 200);
	assert.equal(called.body.ticket, v.ticket);
	await page.waitForFunction(() => window.spoken.length > 0, null, { timeout: 10000 });
	assert.deepEqual(await page.evaluate(() => window.spoken),
		[{ text: `Turno ${v.ticket}, por favor pase al mostrador 2.`, lang: "es" }]);
	assert.equal(await page.textContent(`li.call[data-ticket="${v.ticket}"] .call-desk`),
		"Mostrador 2");
	// The clock as Spanish of the US writes it.
	assert.match(await page.textContent("#clock"), /^\d{1,2}(:\d{2})? [ap]\. m\.$/);
	await page.screenshot({ path: shots + "/board-es-called.png" });
	await context.close();
});

test("the board's error page is in Spanish too", async () => {
	const context = await browser.newContext({ locale: "es-ES" });
	const page = await context.newPage();
	const response = await page.goto(desk.base + "/board/nowhere");
	assert.equal(response.status(), 404);
	assert.equal(await page.getAttribute("html", "lang"), "es");
	assert.equal(await page.textContent("h1"), "No hay una pantalla de turnos en esta dirección");
	await checkPage(page, "board-es-missing");
	await context.close();
});
