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
	await checkPage(page, "look-director-narrow");
	await page.close();
});
