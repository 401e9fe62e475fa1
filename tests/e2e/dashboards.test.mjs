// The HQ dashboard in a real browser: the demo's four weeks of past plus an incident signed
// today, drawn as SVG charts with the series they promise, and screenshotted for a look.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";
let desk, browser;

before(async () => {
	desk = new Desk();
	desk.cli(["demo"]);
	const manager = desk.cli(["token", "create", "kos.manager"]).trim();
	await desk.start();
	await desk.api("POST", "/api/v1/duty", manager, { branch: "KOS" });
	// CS-INCIDENT: reported to HQ by phone and signed the same day.
	// Five minutes ago, or at midnight in Kosciusko if that was later: the same day as now.
	const clock = new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago",
		hour: "numeric", minute: "numeric", hourCycle: "h23" }).formatToParts(new Date());
	const part = (type) => Number(clock.find((p) => p.type === type).value);
	const back = Math.min(5, part("hour") * 60 + part("minute")) * 60000;
	const made = await desk.api("POST", "/api/v1/incidents", manager, {
		branch: "KOS", occurred_at: new Date(Date.now() - back).toISOString().slice(0, 19) + "Z",
		category: "vandalism", narrative: "Graffiti on the book drop, found at opening.",
	});
	assert.equal(made.status, 201, JSON.stringify(made.body));
	const id = made.body.id;
	assert.equal((await desk.api("POST", `/api/v1/incidents/${id}/hq-notified`, manager,
		{ taken_by: "coordinator" })).status, 200);
	const signed = await desk.api("POST", `/api/v1/incidents/${id}/sign`, manager,
		{ typed_name: "Martha Luckett" });
	assert.equal(signed.status, 200, JSON.stringify(signed.body));
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

// The marks drawn in one series of one chart.
function marks(page, chart, series) {
	return page.locator(`svg#${chart} g[data-series="${series}"] rect`).count();
}

test("the HQ dashboard draws every chart with its series", async () => {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	await login(page, desk.base, "director", "frontdesk-demo");
	await page.click("a.nav[href='/reports']");
	await page.waitForSelector("svg.chart");
	assert.equal(await page.locator("svg.chart").count(), 4);
	assert.ok(await marks(page, "visits-per-day", "in_person") >= 5);
	assert.ok(await marks(page, "visits-per-day", "phone") >= 5);
	assert.ok(await marks(page, "waits-by-hour", "median") >= 6);
	assert.ok(await marks(page, "waits-by-hour", "p90") >= 6);
	assert.equal(await marks(page, "callbacks-kept", "kept"), 6); // one bar per branch
	// Kosciusko's incident and those of the demo's followed-up reports within the week shown
	// (Carthage's, Winona's; Durant's is older), each signed the day it happened: a bar
	// each, at 100 %.
	assert.equal(await marks(page, "incidents-same-day", "same_day"), 3);
	const titles = await page.locator("svg#incidents-same-day rect title").allTextContents();
	assert.ok(titles.some((t) => /Kosciusko.*100 %/.test(t)), titles.join(" | "));
	assert.ok(titles.every((t) => /100 %/.test(t)), titles.join(" | "));
	// CS-HOURS in plain words, side by side: the tiles and the branch table's columns.
	const tiles = await page.locator("section.tiles").textContent();
	assert.match(tiles, /opened late \(CS-HOURS\).*closed early \(CS-HOURS\)/);
	assert.equal(await page.locator("table th:has-text('Closed early')").count(), 1);
	const box = await page.locator("svg#visits-per-day").boundingBox();
	assert.ok(box.width > 300 && box.height > 150, JSON.stringify(box));
	await checkPage(page, "hq-dashboard");

	// A branch from the table leads to its own dashboard, with the same charts.
	await page.click("table a:has-text('Kosciusko-Attala Library')");
	await page.waitForSelector("h1:has-text('Kosciusko-Attala Library')");
	assert.equal(await page.locator("svg.chart").count(), 4);
	await checkPage(page, "branch-dashboard");
	await page.close();
});

test("Headquarters keeps the holidays and a manager closes her branch for a day", async () => {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	await login(page, desk.base, "director", "frontdesk-demo");
	await Promise.all([page.waitForNavigation(), page.click("a.nav[href='/calendar']")]);
	await page.fill("#hdate", "2027-07-05");
	await page.fill("#hname", "Independence Day (observed)");
	await Promise.all([page.waitForNavigation(), page.click("button:has-text('Add the holiday')")]);
	assert.match(await page.textContent("#holidays"), /2027-07-05\s*Independence Day/);
	await checkPage(page, "calendar-hq");
	await page.close();

	// A week from now, in the branch's own calendar (the demo's manager at Kosciusko).
	const day = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
	const manager = await browser.newPage({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	await login(manager, desk.base, "kos.manager", "frontdesk-demo");
	await manager.goto(desk.base + "/calendar");
	assert.equal(await manager.locator("#hdate").count(), 0); // holidays are HQ's
	await manager.fill("#cdate", day);
	await manager.fill("#creason", "ice storm");
	await Promise.all([manager.waitForNavigation(), manager.click("button:has-text('Set the day')")]);
	// Back in the month of that day, the closure is in its own cell of the grid.
	assert.match(await manager.textContent(`#day-${day}`), /ice storm\s*Closed\s*Take back/);
	assert.equal(await manager.locator("table#month thead th[scope='col']").count(), 7);
	await checkPage(manager, "calendar-branch");
	await manager.close();
});

test("satisfaction sits beside the waits: the branch's, each person's for the manager, one's own for staff", async () => {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	await login(page, desk.base, "kos.manager", "frontdesk-demo");
	await page.goto(desk.base + "/reports/KOS");
	const tiles = await page.locator("section.tiles").textContent();
	// The demo's past has answers: a share, always with how many answers it is of.
	assert.match(tiles, /\d+\.\d%\s*customers satisfied: \d+ of \d+ answers 4 or 5 of 5/);
	assert.equal(await page.locator("#satisfaction-channel tbody tr").count(), 3);
	assert.match(await page.textContent("#satisfaction-channel"), /Online ticket.*Desk QR code.*Exit kiosk/s);
	assert.ok(await page.locator("#satisfaction-hour tbody tr").count() >= 5);
	assert.ok(await page.locator("#satisfaction-people tbody tr").count() >= 1);
	assert.ok(await page.locator("#satisfaction-comments li").count() >= 1);
	await checkPage(page, "branch-satisfaction-manager");
	await page.close();

	const staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	await login(staff, desk.base, "kos.staff", "frontdesk-demo");
	await staff.goto(desk.base + "/reports/KOS");
	assert.match(await staff.locator("section.tiles").textContent(), /your own customers satisfied/);
	assert.equal(await staff.locator("#satisfaction-people").count(), 0);
	assert.equal(await staff.locator("#satisfaction-comments").count(), 0);
	await checkPage(staff, "branch-satisfaction-staff");
	await staff.close();

	// Headquarters compares the branches' satisfaction in a table of its own.
	const hq = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	await login(hq, desk.base, "director", "frontdesk-demo");
	await hq.goto(desk.base + "/reports");
	assert.equal(await hq.locator("#satisfaction-branch tbody tr").count(), 6);
	assert.match(await hq.textContent("#satisfaction-branch"), /\d+\.\d% of \d+ answers/);
	await checkPage(hq, "hq-satisfaction");
	await hq.close();
});

// scrollWidth beyond clientWidth: the page, or a card's table, pushed sideways.
function overflow(page) {
	return page.evaluate(() => ({
		page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
		clipped: [...document.querySelectorAll("main .card, main .tile")]
			.filter((e) => getComputedStyle(e).overflowX === "visible" && e.scrollWidth > e.clientWidth + 1)
			.map((e) => e.className),
	}));
}

test("the figures fit a 1024 px screen and a phone, with targets and the period before", async () => {
	for (const [width, name] of [[1024, "reports-1024"], [390, "reports-390"]]) {
		const page = await browser.newPage({ viewport: { width, height: 800 }, bypassCSP: true });
		await login(page, desk.base, "director", "frontdesk-demo");
		await page.goto(desk.base + "/reports");
		assert.deepEqual(await overflow(page), { page: 0, clipped: [] }, name);
		if (width >= 1024) // the whole table in its card, the "Same day" column too
			assert.ok(await page.locator("table.figures").evaluate((t) =>
				t.scrollWidth <= t.parentElement.clientWidth), name);
		// A branch name stays on one line in the side-by-side table.
		const row = page.locator("table.figures tbody th[scope='row']").first();
		const lineHeight = parseFloat(await row.evaluate((e) => getComputedStyle(e).lineHeight)) || 20;
		assert.ok((await row.boundingBox()).height < lineHeight * 2 + 12, name);
		assert.equal(await page.locator("svg#callbacks-kept g.target").count(), 1);
		assert.ok(await page.locator(".tile .before").count() >= 4);
		await checkPage(page, name);
		await page.goto(desk.base + "/reports/KOS");
		assert.deepEqual(await overflow(page), { page: 0, clipped: [] }, name + " KOS");
		await checkPage(page, name + "-kos");
		await page.close();
	}
});

test("the calendar is a month grid with the months either side", async () => {
	for (const [width, name] of [[1280, "calendar-month"], [390, "calendar-month-390"]]) {
		const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
		await login(page, desk.base, "kos.staff", "frontdesk-demo");
		await page.goto(desk.base + "/calendar?branch=KOS&month=2027-07");
		assert.match(await page.textContent("table#month caption"), /July 2027/);
		assert.equal(await page.locator("table#month td[id^='day-']").count(), 31);
		assert.match(await page.textContent("#day-2027-07-04"), /4/);
		assert.equal((await overflow(page)).page, 0, name);
		await checkPage(page, name);
		await Promise.all([page.waitForNavigation(), page.click("a[rel='next']")]);
		assert.match(await page.textContent("table#month caption"), /August 2027/);
		await page.close();
	}
});
