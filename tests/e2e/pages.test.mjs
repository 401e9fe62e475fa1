// Every page as every kind of worker, on the demo's living morning at 1366×768: each page a role
// may open passes checkPage (axe, no vocabulary names, no branch codes) and is screenshotted for a
// look; the header is one row of main navigation; the pages a role may not open stay shut.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";
let desk, browser;

before(async () => {
	desk = new Desk();
	desk.cli(["demo"]);
	await desk.start();
	browser = await launch();
	const page = await browser.newPage();
	await login(page, desk.base, "director", "frontdesk-demo");
	for (const name of Object.keys(RECORDS))
		PAGES[name] = await firstRecord(page, name);
	await page.close();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

// The list page a record is found on, and the pattern of that record's own address; the
// director finds one of each before the walk, so every role tries the same records.
const RECORDS = {
	request: ["/desk/KOS/requests", /^\/requests\/\d+$/],
	customer: ["/customers?q=Pickens", /^\/customers\/\d+$/],
	complaint: ["/desk/KOS/complaints", /^\/complaints\/\d+$/],
	incident: ["/desk/KOS/incidents", /^\/incidents\/\d+$/],
	"handbook-section": ["/handbook", /^\/handbook\/[a-z0-9-]+$/],
};

const PAGES = { // null: found by the director before the walk (RECORDS)
	desk: "/desk/KOS", requests: "/desk/KOS/requests",
	"my-requests": "/requests", request: null, customers: "/customers", customer: null,
	complaints: "/desk/KOS/complaints", complaint: null, incidents: "/desk/KOS/incidents",
	incident: null, needs: "/needs", hq: "/hq", handbook: "/handbook", "handbook-section": null,
	calendar: "/calendar", reports: "/reports", "branch-report": "/reports/KOS",
	users: "/admin/users", board: "/board/KOS",
};

// What each may open (role.c's table): a page missing here must be refused, not shown.
const ALL = Object.keys(PAGES);
const ROLES = {
	director: ALL,
	"kos.manager": ALL.filter((p) => p !== "hq"),
	"kos.staff": ALL.filter((p) => !["hq", "users"].includes(p)),
	"kos.sub": ALL.filter((p) => !["hq", "users"].includes(p)),
	// CS-CONFIDENTIAL and CS-DIFFICULT: no customer records, complaints or reports to read.
	"kos.volunteer": ["desk", "requests", "my-requests", "request", "complaints", "incidents",
		"needs", "handbook", "handbook-section", "calendar", "board"],
};

// The first link on a list page to one of its records.
async function firstRecord(page, name) {
	const [list, pattern] = RECORDS[name];
	assert.equal((await page.goto(desk.base + list)).status(), 200, list);
	const hrefs = await page.locator("main a[href]").evaluateAll((as) =>
		as.map((a) => a.getAttribute("href").split("#")[0]));
	const found = hrefs.find((h) => pattern.test(h));
	assert.ok(found, `no ${name} linked from ${list}`);
	return found;
}

// The header: one row at 1366 px, every link in it a link of the main navigation.
async function headerFits(page, who) {
	const bar = await page.evaluate(() => {
		const h = document.querySelector("header.bar");
		const items = [...h.querySelectorAll("a, button, input")].filter((e) => e.offsetParent);
		const tops = new Set(items.map((e) => Math.round(e.getBoundingClientRect().top / 8)));
		return { rows: tops.size, nav: !!h.querySelector("nav[aria-label='Main']") };
	});
	assert.deepEqual(bar, { rows: 1, nav: true }, `the header of ${who}`);
}

for (const [who, allowed] of Object.entries(ROLES)) {
	test(`every page ${who} may open reads well, and the others stay shut`, async () => {
		const page = await browser.newPage({ viewport: { width: 1366, height: 768 },
			bypassCSP: true });
		await login(page, desk.base, who, "frontdesk-demo");
		const seen = [], faults = [];
		for (const [name, url] of Object.entries(PAGES)) {
			const r = await page.goto(desk.base + url);
			if (!allowed.includes(name)) {
				assert.equal(r.status(), 403, `${who} may not open ${url}`);
				continue;
			}
			assert.equal(r.status(), 200, `${who} opens ${url}`);
			// Every fault on every page, not only the first one found.
			try {
				await checkPage(page, `look-${who.replace(".", "-")}-${name}`);
				if (name !== "board")
					await headerFits(page, `${name} as ${who}`);
			} catch (e) {
				faults.push(e.message);
			}
			seen.push(name);
		}
		assert.deepEqual(faults, []);
		assert.deepEqual(seen, allowed);
		await page.close();
	});
}

test("the header wraps tidily on a narrow screen and nothing scrolls sideways", async () => {
	const page = await browser.newPage({ viewport: { width: 390, height: 800 }, bypassCSP: true });
	await login(page, desk.base, "director", "frontdesk-demo");
	await page.goto(desk.base + "/desk/KOS");
	const wide = await page.evaluate(() =>
		document.documentElement.scrollWidth - document.documentElement.clientWidth);
	assert.equal(wide, 0);
	// The policy search keeps the width to be typed in, and "Log out" stays on screen.
	assert.ok((await page.locator("header input[name='q']").boundingBox()).width > 300);
	const out = await page.locator("header button:has-text('Log out')").boundingBox();
	assert.ok(out.x + out.width <= 390, JSON.stringify(out));
	await checkPage(page, "look-director-narrow");
	await page.close();
});

// What the engineers who built the pages found wrong, each looked at again.
test("the faults found on the pages stay fixed", async () => {
	const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
	await login(page, desk.base, "kos.staff", "frontdesk-demo");
	await page.goto(desk.base + "/desk/KOS");
	// One "Needs you" panel, not a second card of handovers; no "at" the desk's own branch.
	assert.equal(await page.locator("#handovers").count(), 0);
	assert.doesNotMatch(await page.textContent("#needs"), /at Kosciusko-Attala Library/);
	assert.equal(await page.locator("nav.main a[href='/customers']").count(), 1);
	await page.goto(desk.base + "/calendar"); // the page one is on, marked in the navigation
	assert.equal(await page.getAttribute("nav.main a[aria-current='page']", "href"), "/calendar");
	// The situation form's box sits beside its words, on one line.
	await page.goto(desk.base + "/desk/KOS/complaints");
	const box = await page.locator("input[name='private_area']").boundingBox();
	const label = await page.locator("label:has(input[name='private_area'])").boundingBox();
	assert.ok(label.height < 40 && box.y >= label.y && box.y + box.height <= label.y + label.height,
		JSON.stringify({ box, label }));
	await page.close();

	// A volunteer with no desk yet sets one; she reads no customers.
	const volunteer = await browser.newPage({ viewport: { width: 1366, height: 768 } });
	await login(volunteer, desk.base, "kos.volunteer", "frontdesk-demo");
	await volunteer.goto(desk.base + "/desk/KOS");
	assert.equal(await volunteer.textContent("form.desk-form button"), "Set your desk");
	assert.equal(await volunteer.locator("nav.main a[href='/customers']").count(), 0);
	await volunteer.close();

	// The Headquarters picker: its phone line read with it, its longest name and role whole.
	const manager = await browser.newPage({ viewport: { width: 1366, height: 768 } });
	await login(manager, desk.base, "kos.manager", "frontdesk-demo");
	await manager.goto(desk.base + PAGES.incident);
	assert.equal(await manager.getAttribute("#hqby", "aria-describedby"), "hqby-phone");
	const fits = await manager.locator("#hqby").evaluate((s) => {
		const probe = document.createElement("span");
		probe.style.font = getComputedStyle(s).font;
		probe.textContent = [...s.options].map((o) => o.text).sort((a, b) => b.length - a.length)[0];
		document.body.append(probe);
		const wide = probe.getBoundingClientRect().width;
		probe.remove();
		return { wide, room: s.clientWidth - 40 };
	});
	assert.ok(fits.wide <= fits.room, JSON.stringify(fits));
	await manager.close();

	// The board: its favicon, and a few tickets in the middle of the wall, not at its top (the
	// grid's, which now shares the wall with the join code under it: centred, a gap above).
	const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await wall.goto(desk.base + "/board/KOS");
	assert.equal(await wall.locator("head link[rel='icon']").count(), 1);
	const gap = await wall.evaluate(() => {
		const grid = document.querySelector(".board-grid").getBoundingClientRect();
		const parts = [...document.querySelectorAll(".board-grid > section")]
			.map((e) => e.getBoundingClientRect());
		return { above: Math.min(...parts.map((p) => p.top)) - grid.top,
			below: grid.bottom - Math.max(...parts.map((p) => p.bottom)) };
	});
	assert.ok(gap.above > 60 && Math.abs(gap.above - gap.below) < gap.below, JSON.stringify(gap));
	// The join code is under the grid, not in it, where it pushed the tickets to the top.
	assert.equal(await wall.locator(".board-grid .board-join").count(), 0);
	assert.equal(await wall.locator("main#board > .board-join svg").count(), 1);
	await wall.close();
});
