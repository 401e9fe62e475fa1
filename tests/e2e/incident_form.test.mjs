// The incident report's form in the browser, on the demo's Kosciusko: begun in the branch's
// local time (date and time pickers), an unknown person and a witness added one at a time,
// Headquarters' person chosen from the list with HQ's phone beside it, and the steps numbered
// in the policy's order, each saying whether it is done. Every page is checked and shot.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "frontdesk-demo";
let desk, browser;

before(async () => {
	desk = new Desk();
	desk.cli(["demo", "--if-new"]);
	await desk.start();
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

test("an injury report is written in local time with its people and numbered steps",
	async () => {
		const context = await browser.newContext({ viewport: { width: 1366, height: 900 },
			bypassCSP: true });
		const page = await context.newPage();
		await login(page, desk.base, "kos.manager", PASSWORD);
		await page.goto(desk.base + "/desk/KOS/incidents");
		// Prefilled with the branch's now; no "minutes ago".
		assert.match(await page.inputValue("#occurred_date"), /^\d{4}-\d{2}-\d{2}$/);
		assert.match(await page.inputValue("#occurred_time"), /^\d{2}:\d{2}$/);
		assert.doesNotMatch(await page.textContent("main"), /minutes ago/);
		await page.selectOption("#icat", "injury");
		await page.fill("#iloc", "The main stairs");
		await page.fill("#inarr", "A man slipped on the wet stairs and left before help came.");
		await checkPage(page, "incident-form-new");
		await page.click("button:has-text('Start the report')");
		await page.waitForLoadState("load");
		await page.waitForURL(/\/incidents\/\d+$/);

		const headings = async () => (await page.locator("main h2").allTextContents())
			.filter((s) => /^\d+\. /.test(s));
		let steps = await headings();
		assert.deepEqual(steps.map((s) => s.replace(/ (Done|Not done yet)$/, "")), [
			"1. Tell Headquarters by telephone", "2. Contact the Business Manager",
			"3. Write the report", "4. Sign and send"]);
		assert.match(steps[0], /Not done yet$/);
		assert.match(steps[2], /Done$/); // the narrative is written

		// An unknown person, described, then a witness with a phone number.
		await page.selectOption("#pkind", "unknown");
		await page.fill("#pdesc", "Tall, grey coat, red cap");
		await page.fill("#pinj", "cut hand");
		await page.selectOption("#pcare", "medical_declined");
		await page.click("text=Add this person");
		await page.waitForURL(/\/incidents\/\d+$/);
		await page.selectOption("#pkind", "witness");
		await page.fill("#pname", "Dana Lee");
		await page.fill("#pcontact", "662-555-0142");
		await page.click("text=Add this person");
		await page.waitForURL(/\/incidents\/\d+$/);
		const people = await page.textContent("#people");
		assert.match(people, /Unknown person/);
		assert.match(people, /Tall, grey coat, red cap/);
		assert.match(people, /Medical care declined/);
		assert.match(people, /Dana Lee \(Witness\)/);
		assert.match(people, /662-555-0142/);

		// Enter in a field saves the draft: it does not press the first person's Remove.
		await page.fill("#eloc", "The main stairs, by the reading room");
		await Promise.all([page.waitForNavigation(), page.press("#eloc", "Enter")]);
		assert.equal(await page.inputValue("#eloc"), "The main stairs, by the reading room");
		assert.match(await page.textContent("#people"), /Unknown person[\s\S]*Dana Lee/);
		// Remove takes away only the person it is beside.
		await Promise.all([page.waitForNavigation(),
			page.click("#write .people li:first-child button:has-text('Remove')")]);
		const left = await page.textContent("#people");
		assert.doesNotMatch(left, /Unknown person/);
		assert.match(left, /Dana Lee \(Witness\)/);

		// Headquarters' person from the list, HQ's phone beside it.
		assert.match(await page.textContent("#step-hq"), /Headquarters/);
		const hq = await page.locator("#hqby option").nth(1).getAttribute("value");
		await page.selectOption("#hqby", hq);
		await page.click("text=Record the verbal report");
		await page.waitForURL(/\/incidents\/\d+$/);
		steps = await headings();
		assert.match(steps[0], /^1\. Tell Headquarters by telephone Done$/);
		assert.match(await page.textContent("#step-hq"), /took the verbal report/);
		await checkPage(page, "incident-form-draft");
		await context.close();
	});
