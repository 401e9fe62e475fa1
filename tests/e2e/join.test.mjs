// Joining the line from a phone (390×844, touch): the join form, the ticket's page following
// the line live, "It's your turn — desk 2" within a second of the desk's call, the feedback
// button once finished, leaving the line, and no sideways scrolling at 200 % text; a phone
// whose browser asks for Spanish joins in Spanish, and the board calls its ticket in Spanish.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch } from "./harness.mjs";

const SHOTS = process.env.SCREENSHOTS || "build/screenshots";
let desk, browser, token;

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	// Open around the clock, so the test takes tickets whenever it runs.
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

async function phone() {
	return browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
		hasTouch: true, bypassCSP: true });
}

// At 200 % text the page still fits the phone's width: nothing scrolls sideways, and a ticket
// number stays on one line ("A1" over "2" reads as two tickets).
async function fitsAtDoubleText(page, name) {
	await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
	const m = await page.evaluate(() => {
		const n = document.querySelector(".ticket-number");
		return { scroll: document.documentElement.scrollWidth,
			client: document.documentElement.clientWidth,
			lines: n ? n.getBoundingClientRect().height /
				parseFloat(getComputedStyle(n).lineHeight) : 1 };
	});
	await page.screenshot({ path: `${SHOTS}/${name}-200.png`, fullPage: true });
	await page.evaluate(() => { document.documentElement.style.fontSize = ""; });
	assert.ok(m.scroll <= m.client, `${name} at 200 %: ${m.scroll}px wide in ${m.client}px`);
	assert.ok(m.lines < 1.5, `${name} at 200 %: the ticket number takes ${m.lines} lines`);
}

async function act(path) {
	const r = await desk.api("POST", path, token, {});
	assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
	return r.body;
}

// Every control a finger presses: at least 48 px tall.
async function touchTargets(page, name) {
	const small = await page.evaluate(() => [...document.querySelectorAll(
		"main button, main select, main input:not([type=hidden]), main a.button, " +
		".lang-switch a")]
		.map((e) => [e.id || e.tagName, e.getBoundingClientRect().height])
		.filter(([, h]) => h < 48));
	assert.deepEqual(small, [], `controls under 48 px on ${name}`);
}

test("a phone joins, follows its place, is called within a second and answers", async () => {
	// Someone is in line already: the phone's place starts behind them.
	const first = await desk.api("POST", "/api/v1/branches/KOS/visits", token,
		{ channel: "in_person" });
	assert.equal(first.status, 201);

	const context = await phone();
	const page = await context.newPage();
	// The phone's vibration, counted: join.js buzzes (and plays its tone) when the page's
	// data-stage turns "called", and only then.
	await page.addInitScript(() => {
		window.buzzed = 0;
		Object.defineProperty(navigator, "vibrate", {
			value: () => { window.buzzed++; return true; }, configurable: true,
		});
	});
	assert.equal((await page.goto(desk.base + "/join/KOS")).status(), 200);
	await checkPage(page, "join-form");
	await touchTargets(page, "the join form");
	await fitsAtDoubleText(page, "join-form");
	await page.fill("#first_name", "Ana");
	await page.selectOption("#reason", "computers");
	await Promise.all([page.waitForURL(/\/ticket\/[\w-]{43}$/), page.tap("form.join-form button")]);
	assert.match(await page.textContent("#place"), /^People ahead of you: 1$/);
	const ticket = (await page.textContent("#ticket")).trim();
	await checkPage(page, "ticket-waiting");
	await touchTargets(page, "the ticket page");
	await fitsAtDoubleText(page, "ticket-waiting");

	// The page follows the branch's stream (join.js marks it), not a poll.
	await page.waitForSelector("main[data-live='1']", { timeout: 5000 });
	// The one ahead is called: the place moves up live, and a keyboard or screen reader on
	// "Leave the line" stays there (the redraw does not throw it back to the top).
	await page.focus("#leave");
	assert.equal((await act("/api/v1/branches/KOS/next")).id, first.body.id);
	await page.waitForSelector("#place:text-is('People ahead of you: 0')", { timeout: 1000 });
	assert.equal(await page.evaluate(() => document.activeElement.id), "leave");
	await act(`/api/v1/visits/${first.body.id}/finish`);

	// The desk calls the phone's ticket: said on the phone within a second.
	const called = await act("/api/v1/branches/KOS/next");
	assert.equal(called.ticket, ticket);
	const started = Date.now();
	await page.waitForSelector("#turn:text-is('It\\'s your turn — desk 2')", { timeout: 1000 });
	assert.ok(Date.now() - started < 1000);
	assert.equal(await page.getAttribute("#turn", "role"), "alert");
	assert.equal(await page.getAttribute("#status", "data-stage"), "called");
	await page.waitForFunction(() => window.buzzed === 1, null, { timeout: 1000 });
	// Unmistakable in colour too: the ticket turns green, not the waiting card's white.
	const colour = await page.evaluate(() =>
		getComputedStyle(document.getElementById("status")).backgroundColor);
	assert.notEqual(colour, "rgb(255, 255, 255)");
	await checkPage(page, "ticket-called");
	// Called: the tone is still offered, it is what sounds the turn.
	assert.ok(await page.isVisible("#sound"));
	await fitsAtDoubleText(page, "ticket-called");

	// Finished: the page offers the feedback question, and its button leads there.
	await act(`/api/v1/visits/${called.id}/finish`);
	await page.waitForSelector("#feedback-go", { timeout: 5000 });
	// Over while the page was open: no more "Turn on sound" under the thank-you.
	assert.equal(await page.isVisible("#sound"), false);
	await checkPage(page, "ticket-finished");
	await Promise.all([page.waitForURL(/\/feedback\/[\w-]+$/), page.tap("#feedback-go")]);
	// Where the answer comes from is the link's record, not a field the browser sends.
	assert.equal(await page.locator("input[name=via]").count(), 0);
	await checkPage(page, "ticket-feedback");
	// The switch to Spanish keeps the page (and any argument of its address).
	const feedback = new URL(page.url()).pathname;
	assert.equal(await page.getAttribute(".lang-switch a[lang=es]", "href"), `${feedback}?lang=es`);
	await context.close();
});

test("leaving the line asks first, then the desk no longer has it and the phone may join again",
	async () => {
	const context = await phone();
	const page = await context.newPage();
	await page.goto(desk.base + "/join/KOS");
	await page.selectOption("#reason", "question");
	await Promise.all([page.waitForURL(/\/ticket\//), page.tap("form.join-form button")]);
	const where = new URL(page.url()).pathname;
	const ticket = (await page.textContent("#ticket")).trim();
	const waiting = async () => (await desk.api("GET", "/api/v1/branches/KOS/queue", token))
		.body.waiting.some((v) => v.ticket === ticket);

	// One tap asks; it does not leave. "No, keep my place" goes back, still in line.
	await Promise.all([page.waitForURL(/\/leave$/), page.tap("#leave")]);
	assert.equal(await page.textContent("h1"), "Leave the line?");
	assert.match(await page.textContent("main"), /Your place will be lost\./);
	await checkPage(page, "ticket-leave-ask");
	await touchTargets(page, "the question before leaving");
	await fitsAtDoubleText(page, "ticket-leave-ask");
	assert.ok(await waiting());
	await Promise.all([page.waitForURL((u) => u.pathname === where), page.tap("#leave-no")]);
	assert.match(await page.textContent("#place"), /^People ahead of you: \d+$/);
	assert.ok(await waiting());

	// Asked in the customer's language, with no script on the page at all.
	const bare = await browser.newContext({ viewport: { width: 390, height: 844 },
		isMobile: true, hasTouch: true, bypassCSP: true, javaScriptEnabled: false });
	await bare.addCookies(await context.cookies());
	const es = await bare.newPage();
	await es.goto(`${desk.base}${where}/leave?lang=es`);
	assert.equal(await es.textContent("h1"), "¿Salir de la fila?");
	assert.equal((await es.textContent("#leave-no")).trim(), "No, mantener mi lugar");
	await es.screenshot({ path: `${SHOTS}/ticket-leave-ask-es.png`, fullPage: true });
	await bare.close();

	// "Yes, leave": out of the line, no tone offered, and the way back in.
	await page.goto(`${desk.base}${where}/leave?lang=en`);
	await Promise.all([page.waitForURL((u) => u.pathname === where), page.tap("#leave-yes")]);
	assert.match(await page.textContent("#status .done"), /^You left the line\.$/);
	assert.ok(!(await waiting()));
	assert.equal(await page.locator("#sound").count(), 0);
	await checkPage(page, "ticket-left");
	await touchTargets(page, "the ticket that left");
	// "Join the line again" opens the form, not the old ticket, and takes a new one.
	await Promise.all([page.waitForURL(/\/join\/KOS$/), page.tap("#join-again")]);
	assert.equal(await page.locator("form.join-form").count(), 1);
	await page.selectOption("#reason", "question");
	await Promise.all([page.waitForURL(/\/ticket\/[\w-]{43}$/), page.tap("form.join-form button")]);
	assert.notEqual(new URL(page.url()).pathname, where);
	assert.notEqual((await page.textContent("#ticket")).trim(), ticket);
	await context.close();
});

test("the door sign: the branch, a big code, and the words in every language", async () => {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	const page = await context.newPage();
	assert.equal((await page.goto(desk.base + "/join/KOS/sign")).status(), 200);
	assert.equal(await page.textContent("h1"), "Kosciusko-Attala Library");
	const langs = await page.$$eval(".sign-lang", (ds) => ds.map((d) => d.lang));
	assert.ok(langs.includes("en"), langs.join());
	await checkPage(page, "join-sign");
	// On paper: the code is big and the screen's header and hint are gone.
	await page.emulateMedia({ media: "print" });
	const printed = await page.evaluate(() => ({
		code: document.querySelector(".sign-code svg").getBoundingClientRect().width,
		head: getComputedStyle(document.querySelector(".public-head")).display }));
	assert.ok(printed.code >= 340, `the printed code is ${printed.code}px wide`); // 9.5 cm
	assert.equal(printed.head, "none");
	await page.screenshot({ path: `${SHOTS}/join-sign-print.png`, fullPage: true });
	// One sheet, Letter or A4: the words beside each other under the code, not on a second.
	for (const format of ["Letter", "A4"]) {
		const pdf = (await page.pdf({ format })).toString("latin1");
		assert.equal(pdf.match(/\/Type\s*\/Page\b/g).length, 1, `${format}: more than one page`);
	}
	await context.close();
});

test("a Spanish phone joins in Spanish, and an English board calls its ticket in Spanish",
	async () => {
		// The wall's board, in English, with its sound on: what it would say is recorded.
		const wall = await browser.newContext({ viewport: { width: 1280, height: 800 },
			locale: "en-US", bypassCSP: true });
		await wall.addInitScript(() => {
			window.spoken = [];
			window.speechSynthesis.speak = (u) => {
				window.spoken.push({ text: u.text, lang: u.lang });
			};
		});
		const board = await wall.newPage();
		await board.goto(desk.base + "/board/KOS");
		await board.waitForSelector("main#board[data-live='1']", { timeout: 5000 });
		await board.click("#sound");

		// A phone whose browser asks for Spanish gets the join page in Spanish.
		const context = await browser.newContext({ viewport: { width: 390, height: 844 },
			isMobile: true, hasTouch: true, locale: "es-ES", bypassCSP: true });
		const page = await context.newPage();
		await page.goto(desk.base + "/join/KOS");
		assert.equal(await page.getAttribute("html", "lang"), "es");
		assert.equal(await page.textContent("h1"), "Hacer fila");
		assert.equal(await page.inputValue("#language"), "es");
		await checkPage(page, "join-form-es");
		await page.selectOption("#reason", "card");
		await Promise.all([page.waitForURL(/\/ticket\/[\w-]{43}$/),
			page.tap("form.join-form button")]);
		assert.equal(await page.getAttribute("html", "lang"), "es");
		assert.match(await page.textContent("#place"), /^Personas delante de usted: \d+$/);
		const ticket = (await page.textContent("#ticket")).trim();
		await checkPage(page, "ticket-waiting-es");

		// The desk serves whoever is ahead, then calls the phone's ticket.
		for (let n = 0; ; n++) {
			assert.ok(n < 20, `${ticket} was never reached`);
			const next = await desk.api("POST", "/api/v1/branches/KOS/next", token, {});
			assert.equal(next.status, 200, JSON.stringify(next.body));
			if (next.body.ticket === ticket)
				break;
			await desk.api("POST", `/api/v1/visits/${next.body.id}/finish`, token, {});
		}
		await page.waitForSelector("#turn:text-is('Es su turno — mostrador 2')",
			{ timeout: 1000 });
		await checkPage(page, "ticket-called-es");
		await board.waitForFunction((t) => window.spoken.some((s) => s.text.includes(t)),
			ticket, { timeout: 5000 });
		const said = (await board.evaluate(() => window.spoken))
			.filter((s) => s.text.includes(ticket));
		assert.deepEqual(said, [{ text: `Turno ${ticket}, por favor pase al mostrador 2.`,
			lang: "es" }]);
		await context.close();
		await wall.close();
	});
