// Headquarters' follow-up of a signed incident report, in a real browser (issue 22): the
// Executive Director finds a demo report awaiting review on the HQ inbox, reviews it and gives
// its branch manager a repair due today; she sees it in "Needs you" and marks it done; the
// Director closes the report. Screenshotted at each step for a look.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "frontdesk-demo";
let desk, browser;

before(async () => {
	desk = new Desk();
	desk.cli(["demo"]);
	await desk.start();
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function open(user) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	const page = await context.newPage();
	await login(page, desk.base, user, PASSWORD);
	return page;
}

// Today at the branch (the demo's branches are in America/Chicago).
function today() {
	return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date());
}

async function submit(page, form) {
	await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
}

test("HQ reviews, a branch manager finishes her task, HQ closes the report", async () => {
	const hq = await open("director");
	await hq.goto(desk.base + "/hq");
	// The demo's Winona report awaits review; Carthage's repair is due today.
	const review = hq.locator("#review li", { hasText: "Winona" });
	assert.equal(await review.count(), 1, await hq.textContent("main"));
	assert.match(await hq.textContent("#tasks-due"), /Repair for Donna Massey/);
	await checkPage(hq, "followup-hq-inbox");

	await Promise.all([hq.waitForNavigation(), review.locator("a").click()]);
	const report = hq.url().replace(/#.*/, "");
	assert.match(await hq.textContent("#follow-up"), /Not reviewed by Headquarters yet/);
	await hq.fill("#rnote", "Ask Winona to move the study tables into the desk's view.");
	await submit(hq, "#review-form");
	assert.match(await hq.textContent("#reviewed"), /Reviewed by Sheila Whitaker/);

	// A task for the branch's manager, chosen from the list, due today.
	await hq.selectOption("#tkind", "repair");
	await hq.fill("#tdesc", "Move two study tables where the desk can see them");
	await hq.selectOption("#towner", "win.manager");
	await hq.fill("#tdue", today());
	await submit(hq, "#task-form");
	const task = hq.locator("#tasks li", { hasText: "Move two study tables" });
	assert.match(await task.textContent(), /Repair.*Carolyn Ware, due by/);
	// Open: the report does not close yet, and the page offers no "Close".
	assert.equal(await hq.locator("#close-form").count(), 0);
	await checkPage(hq, "followup-report-reviewed");

	// The manager sees it in Needs you and marks it done on the report.
	const manager = await open("win.manager");
	await manager.goto(desk.base + "/needs");
	const need = manager.locator("ul.need-task_due a", { hasText: "Move two study tables" });
	assert.equal(await need.count(), 1, await manager.textContent("main"));
	assert.notEqual(await manager.getAttribute("#needs-badge", "aria-label"),
		"Needs you: nothing now");
	await checkPage(manager, "followup-needs-manager");
	await Promise.all([manager.waitForNavigation(), need.click()]);
	const done = manager.locator("#tasks li", { hasText: "Move two study tables" });
	await done.locator("input[name=note]").fill("Moved this morning.");
	await Promise.all([manager.waitForNavigation(), done.locator("button").click()]);
	assert.match(await done.textContent(), /Done by Carolyn Ware.*Moved this morning/);
	assert.equal(await manager.locator("#review-form, #task-form, #close-form").count(), 0);
	await checkPage(manager, "followup-task-done");
	await manager.goto(desk.base + "/needs");
	assert.equal(await manager.locator("ul.need-task_due a",
		{ hasText: "Move two study tables" }).count(), 0);

	// Headquarters closes it.
	await hq.goto(report);
	await hq.fill("#cnote", "Tables moved; nothing more to do.");
	await submit(hq, "#close-form");
	assert.match(await hq.textContent("#closed"), /Closed by Sheila Whitaker/);
	assert.equal(await hq.locator("#task-form").count(), 0);
	await checkPage(hq, "followup-report-closed");
	await hq.goto(desk.base + "/hq");
	assert.equal(await hq.locator("#review li", { hasText: "Winona" }).count(), 0);
});
