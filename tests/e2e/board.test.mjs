// The public board on a 1080p wall: it fills the screen, says which desk each ticket goes to,
// keeps a clock, and once sound is turned on announces a newly called ticket out loud (the
// browser's speech synthesis, recorded here by wrapping the real speak()).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch } from "./harness.mjs";

let desk, browser, token;

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

test("the board at 1920×1080 fills the screen and announces a called ticket", async () => {
	const first = await walkIn();
	for (let i = 0; i < 3; i++) await walkIn();
	const served = await desk.api("POST", "/api/v1/branches/KOS/next", token, {});
	assert.equal(served.status, 200);
	assert.equal(served.body.ticket, first.ticket);

	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 },
		bypassCSP: true });
	await context.addInitScript(() => {
		window.spoken = [];
		const synth = window.speechSynthesis;
		const real = synth.speak.bind(synth);
		synth.speak = (u) => { window.spoken.push(u.text); try { real(u); } catch (e) { /* no voice */ } };
	});
	const page = await context.newPage();
	const response = await page.goto(desk.base + "/board/kos");
	assert.equal(response.status(), 200);
	await checkPage(page, "board-wall");

	// Scaled to the display: the layout spans the screen, the called ticket is read from
	// across the room, and nothing spills below the fold.
	const m = await page.evaluate(() => {
		const box = (sel) => document.querySelector(sel).getBoundingClientRect();
		const grid = box(".board-grid"), call = box("li.call"), ticket = box(".call-ticket");
		// The join code for phones sits under the grid: the layout ends with it.
		const join = box(".board-join");
		return { gridW: grid.width, gridBottom: Math.max(grid.bottom, join.bottom), callW: call.width,
			ticketH: ticket.height, scrollH: document.documentElement.scrollHeight,
			desk: document.querySelector("li.call .call-desk").textContent,
			clock: document.getElementById("clock").textContent };
	});
	assert.ok(m.gridW >= 1700, `the layout is ${m.gridW}px wide of 1920`);
	assert.ok(m.gridBottom >= 900, `the layout ends at ${m.gridBottom}px of 1080`);
	assert.ok(m.callW >= 900, `a called ticket is ${m.callW}px wide`);
	assert.ok(m.ticketH >= 120, `a ticket number is ${m.ticketH}px tall`);
	assert.ok(m.scrollH <= 1080, `the page scrolls: ${m.scrollH}px tall`);
	assert.equal(m.desk, "Desk 2");
	assert.match(m.clock, /^\d{1,2}(:\d{2})? [ap]m$/); // as the desk writes it

	// Sound on (a gesture, as browsers require), then the next customer is called.
	await page.click("#sound");
	assert.equal(await page.getAttribute("#sound", "aria-pressed"), "true");
	assert.deepEqual(await page.evaluate(() => window.spoken), [], "spoke before a new call");
	assert.equal((await desk.api("POST", `/api/v1/visits/${first.id}/finish`, token, {})).status, 200);
	const next = await desk.api("POST", "/api/v1/branches/KOS/next", token, {});
	assert.equal(next.status, 200);
	await page.waitForFunction((t) => window.spoken.length > 0 && document
		.querySelector(`li.call[data-ticket="${t}"]`), next.body.ticket, { timeout: 10000 });
	assert.deepEqual(await page.evaluate(() => window.spoken),
		[`Ticket ${next.body.ticket}, please go to desk 2.`]);
	await page.screenshot({ path: (process.env.SCREENSHOTS || "build/screenshots") +
		"/board-announced.png" });
	await context.close();
});

test("a called ticket is on the board within a second: it follows the branch's stream", async () => {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const page = await context.newPage();
	await page.goto(desk.base + "/board/KOS");
	// Following the public stream (board.js marks it), not waiting for the 4 s poll.
	await page.waitForSelector("main#board[data-live='1']", { timeout: 5000 });
	for (let i = 0; i < 3; i++) {
		const v = await walkIn();
		await page.waitForFunction((t) => [...document.querySelectorAll("ol.tickets li")]
			.some((li) => li.textContent === t), v.ticket, { timeout: 1000 });
		const serving = await desk.api("GET", "/api/v1/branches/KOS/queue", token);
		for (const s of serving.body.serving)
			await desk.api("POST", `/api/v1/visits/${s.id}/finish`, token, {});
		const called = await desk.api("POST", "/api/v1/branches/KOS/next", token, {});
		assert.equal(called.status, 200);
		const started = Date.now();
		await page.waitForSelector(`li.call[data-ticket="${called.body.ticket}"]`,
			{ timeout: 1000 });
		assert.ok(Date.now() - started < 1000);
	}
	// The count is of those in the library, as the desk says it.
	assert.match(await page.textContent(".summary"), /^\d+ waiting in the library · /);
	await page.screenshot({ path: (process.env.SCREENSHOTS || "build/screenshots") +
		"/board-live.png" });
	await checkPage(page, "board-live");
	await context.close();
});

test("an unknown board address has the board's own error page", async () => {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 },
		bypassCSP: true });
	const page = await context.newPage();
	const response = await page.goto(desk.base + "/board/nowhere");
	assert.equal(response.status(), 404);
	assert.match(await page.textContent("h1"), /There is no branch board at this address/);
	assert.equal(await page.$(".bar"), null, "the staff header is on the public board");
	await checkPage(page, "board-missing");
	await context.close();
});
