// The chain of command as the screens tell it, on the demo: a volunteer's call for the person
// in charge reaches her and nobody else; a referred request's checklist counts the referral;
// a substitute alone has Headquarters' number; the HQ inbox lists the branch she is alone at
// and no longer warns that nobody can be emailed; the request, incident and customer pages
// lead back to the branch's desk by its name. Every page is checked (axe-core, plain words).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "frontdesk-demo";
let desk, browser;
const tokens = {};

before(async () => {
	desk = new Desk();
	desk.cli(["demo", "--if-new"]);
	await desk.start();
	for (const who of ["kos.volunteer", "kos.assistant", "kos.manager"])
		tokens[who] = desk.cli(["token", "create", who]).trim();
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function as(who) {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 },
		bypassCSP: true });
	const page = await context.newPage();
	await login(page, desk.base, who, PASSWORD);
	return page;
}

test("a volunteer's call reaches the person in charge, not the staff beside her", async () => {
	const made = await desk.api("POST", "/api/v1/branches/KOS/fetch", tokens["kos.volunteer"],
		{ about: "complaint", note: "a man upset about fines" });
	assert.equal(made.status, 201);
	const staff = await as("kos.staff");
	await staff.goto(desk.base + "/needs");
	assert.doesNotMatch(await staff.textContent("main"), /asks for you/);
	await checkPage(staff, "chain-needs-staff");
	const manager = await as("kos.manager");
	await manager.goto(desk.base + "/needs");
	const main = await manager.textContent("main");
	assert.match(main, /Evelyn Burrell asks for you: a man upset about fines/);
	// The most urgent first: the call before anything else.
	assert.equal(await manager.locator("#needs h3").first().textContent(),
		"Asking for the person in charge 1");
	await checkPage(manager, "chain-needs-manager");
});

test("a referred request's checklist counts the referral, and leads back to the desk",
	async () => {
		const mine = await desk.api("GET", "/api/v1/requests", tokens["kos.assistant"]);
		const referred = mine.body.requests.find((r) => r.level === "branch");
		const page = await as("kos.assistant");
		await page.goto(desk.base + `/requests/${referred.id}`);
		const main = await page.textContent("main");
		assert.doesNotMatch(main, /Not yet: Refer it up/);
		assert.match(main, /Done: referred up to Lisa Fenwick\./);
		assert.match(main, /Not yet: Refer it on to Headquarters/);
		assert.equal(await page.textContent("a.back"),
			"Back to the Kosciusko-Attala Library desk");
		await checkPage(page, "chain-request");
		const drafts = await desk.api("GET", "/api/v1/incidents?branch=KOS",
			tokens["kos.assistant"]);
		const draft = drafts.body.incidents.find((i) => i.status === "draft");
		await page.goto(desk.base + `/incidents/${draft.id}`);
		// The steps are numbered one by one, in the policy's order, signing last.
		const steps = (await page.locator("main h2").allTextContents())
			.filter((s) => /^\d+\. /.test(s));
		steps.forEach((s, i) => assert.ok(s.startsWith(`${i + 1}. `), steps.join(" | ")));
		assert.match(steps[0], /Tell Headquarters by telephone/);
		assert.match(steps.at(-1), /Sign and send/);
		assert.equal(await page.textContent("a.back"),
			"Back to the Kosciusko-Attala Library desk");
		await checkPage(page, "chain-incident");
		const found = await desk.api("GET", "/api/v1/customers?q=loretta",
			tokens["kos.manager"]);
		const manager = await as("kos.manager");
		await manager.goto(desk.base + `/customers/${found.body.customers[0].id}`);
		assert.equal(await manager.textContent("a.back"),
			"Back to the Kosciusko-Attala Library desk");
		await checkPage(manager, "chain-customer");
	});

test("a substitute alone has Headquarters' number; the HQ inbox lists her branch",
	async () => {
		const sub = await as("lex.sub");
		await sub.goto(desk.base + "/desk/LEX");
		assert.match(await sub.textContent(".in-charge"),
			/Contact Headquarters.*Headquarters' phone: 662-289-5151\./s);
		await checkPage(sub, "chain-substitute-desk");
		const director = await as("director");
		await director.goto(desk.base + "/hq");
		const cover = await director.textContent("#hq-cover");
		assert.match(cover, /Lexington Public Library: Nadine Pope, a substitute, is alone/);
		assert.doesNotMatch(await director.textContent("main"), /was notified/);
		await checkPage(director, "chain-hq");
	});
