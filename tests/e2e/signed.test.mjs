// A signed incident report in a real browser (CS-INCIDENT): a photo added from the draft's
// form and listed, the report signed there, its signature shown with each Headquarters
// recipient's email moving from waiting to sent without a reload (signed.js, with the tests'
// SMTP server), and the verify address opened in a fresh browser with no login.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { checkPage, Desk, freePort, launch, login } from "./harness.mjs";

let desk, browser, smtp, page, id;
// A real 1x1 PNG, so the thumbnail draws.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

async function startSmtp() {
	const port = await freePort();
	const folder = mkdtempSync(path.join(tmpdir(), "frontdesk-e2e-smtp-"));
	const proc = spawn("python3", [path.join(import.meta.dirname, "../api/smtp_sink.py"),
		String(port), folder], { stdio: ["ignore", "pipe", "inherit"] });
	await new Promise((resolve) => proc.stdout.once("data", resolve)); // "ready"
	return { proc, url: `smtp://127.0.0.1:${port}` };
}

before(async () => {
	smtp = await startSmtp();
	process.env.FRONTDESK_SMTP_URL = smtp.url; // the server inherits it
	process.env.FRONTDESK_SMTP_FROM = "desk@mmrls.example";
	desk = new Desk();
	desk.cli(["demo"]);
	const manager = desk.cli(["token", "create", "kos.manager"]).trim();
	await desk.start();
	await desk.api("POST", "/api/v1/duty", manager, { branch: "KOS" });
	const made = await desk.api("POST", "/api/v1/incidents", manager, {
		branch: "KOS", occurred_at: new Date(Date.now() - 300000).toISOString().slice(0, 19) + "Z",
		category: "vandalism", narrative: "The window by the book drop was broken overnight.",
	});
	assert.equal(made.status, 201, JSON.stringify(made.body));
	id = made.body.id;
	assert.equal((await desk.api("POST", `/api/v1/incidents/${id}/hq-notified`, manager,
		{ taken_by: "coordinator" })).status, 200);
	browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	page = await context.newPage();
	await login(page, desk.base, "kos.manager", "frontdesk-demo");
});

after(async () => {
	await browser?.close();
	await desk?.stop();
	smtp?.proc.kill("SIGTERM");
});

test("a photo is added from the draft's form and listed", async () => {
	await page.goto(desk.base + `/incidents/${id}`);
	const file = path.join(desk.dir, "window.png");
	writeFileSync(file, PNG);
	await page.setInputFiles("#afile", file);
	await Promise.all([page.waitForNavigation(),
		page.click("form[action$='/attachments'] button")]);
	assert.match(await page.textContent("#attachments"), /window\.png \(\d+ bytes\)/);
	const width = await page.locator("#attachments img.thumb")
		.evaluate((img) => img.complete && img.naturalWidth);
	assert.equal(width, 1, "the thumbnail did not load");
	await checkPage(page, "incident-photo-added");
});

test("signing shows the signature and each recipient moving from waiting to sent", async () => {
	await page.fill("#sname", "Martha Luckett");
	await Promise.all([page.waitForNavigation(), page.click("form[action$='/sign'] button")]);
	const block = await page.textContent("#signature");
	assert.match(block, /Signed electronically by Martha Luckett \(Branch Manager\) on \w{3}, \w{3} \d+ at \d+:\d\d [ap]m\./);
	assert.match(block, /Key fingerprint\s*[0-9a-f]{16}/);
	for (const role of ["Executive Director", "Business Manager", "Branch Services Coordinator"])
		assert.match(block, new RegExp(role));
	assert.equal(await page.locator("#files input[type=file]").count(), 0, "a signed report takes no file");
	await checkPage(page, "incident-signed-waiting");
	// No reload: signed.js swaps the block in until every email is sent.
	await page.waitForSelector("#signature[data-waiting='no']", { timeout: 30000 });
	const items = await page.locator("#deliveries li").allTextContents();
	assert.equal(items.length, 3, items.join("\n"));
	for (const item of items)
		assert.match(item, /: sent at \d+:\d\d [ap]m$/, item);
	await checkPage(page, "incident-signed-sent");
});

test("the verify address opens without a login and says the report is intact", async () => {
	const manager = desk.cli(["token", "create", "kos.manager"]).trim();
	const report = await desk.api("GET", `/api/v1/incidents/${id}`, manager);
	const url = new URL(report.body.signed.verify_url);
	assert.match(url.pathname, new RegExp(`^/verify/${id}/[0-9a-f]{16}$`));
	const stranger = await browser.newContext({ viewport: { width: 1024, height: 768 },
		bypassCSP: true });
	const p = await stranger.newPage();
	const response = await p.goto(desk.base + url.pathname);
	assert.equal(response.status(), 200);
	const text = await p.textContent("#verdict");
	assert.match(text, new RegExp(`Incident report ${id} of Kosciusko-Attala Library, signed by Martha Luckett on`));
	assert.match(text, /the report is intact — it has not changed since it was signed/);
	assert.doesNotMatch(await p.textContent("body"), /window|book drop/i, "the report's content shown");
	assert.equal(await p.locator("a[href='/logout'], form[action='/logout']").count(), 0);
	await checkPage(p, "verify-intact");
	const wrong = await p.goto(desk.base + `/verify/${id}/0000000000000000`);
	assert.equal(wrong.status(), 404);
	assert.match(await p.textContent("#verdict"), /No signed report matches this code/);
	await checkPage(p, "verify-no-match");
	await stranger.close();
});
