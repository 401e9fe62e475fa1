// Browser-test harness: a real frontdesk serve on a free loopback port with a scratch
// database, and Debian's chromium driven by playwright-core. Every page checked is also kept
// as the server sent it, and the Nu Html Checker validates them all when the file's tests end.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after } from "node:test";
import { chromium } from "playwright-core";

const BIN = path.resolve(process.env.FRONTDESK_BIN || "build/frontdesk");

export function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, "127.0.0.1", () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
		s.on("error", reject);
	});
}

export class Desk {
	constructor() {
		this.dir = mkdtempSync(path.join(tmpdir(), "frontdesk-e2e-"));
		this.db = "sqlite:" + path.join(this.dir, "frontdesk.db");
	}

	cli(args, input) {
		return execFileSync(BIN, ["--db", this.db, ...args], { input, cwd: this.dir }).toString();
	}

	// config: the text of a frontdesk.conf to serve with (an [ils] section, say).
	async start(config) {
		this.port = await freePort();
		this.base = `http://127.0.0.1:${this.port}`;
		const extra = [];
		if (config) {
			writeFileSync(path.join(this.dir, "serve.conf"), config);
			extra.push("--config", path.join(this.dir, "serve.conf"));
		}
		this.proc = spawn(BIN, ["--db", this.db, ...extra, "serve", "--listen",
			`127.0.0.1:${this.port}`], { cwd: this.dir, stdio: ["ignore", "ignore", "inherit"] });
		for (let i = 0; i < 200; i++) {
			try {
				if ((await fetch(this.base + "/healthz")).ok) return;
			} catch { /* not listening yet */ }
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error("frontdesk serve did not start");
	}

	async api(method, url, token, body) {
		const r = await fetch(this.base + url, {
			method,
			headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: r.status, body: r.status === 204 ? null : await r.json() };
	}

	stop() {
		return new Promise((resolve) => {
			this.proc.on("exit", resolve);
			this.proc.kill("SIGTERM");
		});
	}
}

// The tests' own library catalogue, a SIP2 server (tests/api/sip2_acs.py, whose docstring
// lists its patrons and items), in a child process on a free loopback port.
export class Sip {
	async start() {
		this.port = await freePort();
		const script = path.resolve(path.dirname(new URL(import.meta.url).pathname),
			"../api/sip2_acs.py");
		this.proc = spawn("python3", [script, "--port", String(this.port), "--quiet"],
			{ stdio: ["ignore", "pipe", "inherit"] });
		// "ready PORT CONTROL host=... port=... login=...": the [ils] settings it wants.
		const ready = await new Promise((resolve, reject) => {
			let out = "";
			this.proc.stdout.on("data", (d) => {
				out += d;
				const line = out.split("\n")[0];
				if (out.includes("\n") && line.startsWith("ready ")) resolve(line);
			});
			this.proc.on("exit", () => reject(new Error("sip2_acs.py did not start: " + out)));
		});
		this.settings = Object.fromEntries(ready.trim().split(" ").slice(3)
			.map((word) => [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]));
		return this;
	}

	// The [ils] section a frontdesk.conf needs to use it: the settings it gave, and this
	// desk's location code.
	config(location = "KOS") {
		const settings = { ...this.settings, location };
		return "[ils]\n" + Object.entries(settings).map(([k, v]) => `${k} = ${v}\n`).join("");
	}

	// Resolves once the process is gone, at once if it has exited already.
	stop() {
		return new Promise((resolve) => {
			if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
				resolve();
				return;
			}
			this.proc.on("exit", resolve);
			this.proc.kill("SIGTERM");
		});
	}
}

// A desk beside the tests' catalogue, as the catalogue's and the renewal call's tests want it:
// branch KOS open all day, staff kos.staff (password) on duty there and logged in, in a page
// of 1280x900. Returns { sip, desk, browser, page }; stop them with stopCatalogueDesk. Made
// halfway, what was started is stopped before the error is thrown.
export async function catalogueDesk(password) {
	const d = {};
	try {
		d.sip = await new Sip().start();
		d.desk = new Desk();
		d.desk.cli(["init"]);
		d.desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
			"--hours", "mon-sun 00:00-24:00"]);
		d.desk.cli(["user", "add", "kos.staff", "--name", "Lisa Fenwick", "--role", "staff",
			"--branch", "KOS", "--password-stdin"], password + "\n");
		await d.desk.start(d.sip.config());
		const staff = d.desk.cli(["token", "create", "kos.staff"]).trim();
		const duty = await d.desk.api("POST", "/api/v1/duty", staff, { branch: "KOS" });
		if (duty.status !== 200)
			throw new Error(`kos.staff could not go on duty: ${duty.status}`);
		d.browser = await launch();
		const context = await d.browser.newContext({ viewport: { width: 1280, height: 900 },
			bypassCSP: true });
		d.page = await context.newPage();
		await login(d.page, d.desk.base, "kos.staff", password);
		return d;
	} catch (e) {
		await stopCatalogueDesk(d);
		throw e;
	}
}

export async function stopCatalogueDesk(d) {
	await d?.browser?.close();
	await d?.desk?.stop();
	await d?.sip?.stop();
}

// The last document each page was sent (the main frame's navigation response), so that
// checkPage validates the server's bytes, not the DOM as scripts left it.
const documents = new WeakMap();

function trackDocuments(page) {
	page.on("response", (r) => {
		if (r.request().isNavigationRequest() && r.frame() === page.mainFrame())
			documents.set(page, r);
	});
}

export async function launch() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync"],
	});
	// browser.newPage opens its page through newContext too.
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const context = await newContext(options);
		context.on("page", trackDocuments);
		return context;
	};
	return browser;
}

// Logs in through the real login form.
export async function login(page, base, user, password) {
	await page.goto(base + "/login");
	await page.fill("#login", user);
	await page.fill("#password", password);
	await Promise.all([page.waitForNavigation(), page.click("button[type=submit].primary")]);
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = process.env.SCREENSHOTS || "build/screenshots";

// The Nu Html Checker (vnu.jar from npm, on Debian's Java). Starting Java takes seconds, so
// checkPage only writes each document into a scratch folder, and one vnu run validates them
// all after the file's last test: every error fails the file with the page's name, its URL,
// the line and vnu's message.
const VNU = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const vnuDir = mkdtempSync(path.join(tmpdir(), "frontdesk-vnu-"));
const vnuPages = new Map(); // file name -> { name, url }

async function keepDocument(page, name) {
	const response = documents.get(page);
	assert.ok(response, `no document was loaded for ${name}`);
	let file = name.replace(/[^\w.-]+/g, "-") + ".html";
	for (let n = 2; vnuPages.has(file); n++)
		file = `${name.replace(/[^\w.-]+/g, "-")}-${n}.html`;
	writeFileSync(path.join(vnuDir, file), await response.body());
	vnuPages.set(file, { name, url: response.url() });
}

// Validates the documents kept so far; throws with every error found.
export function validateDocuments() {
	if (vnuPages.size === 0)
		return;
	const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", vnuDir],
		{ encoding: "utf8", maxBuffer: 64 << 20 });
	assert.equal(run.error, undefined, `vnu did not run: ${run.error}`);
	let report;
	try {
		report = JSON.parse(run.stderr || run.stdout);
	} catch {
		assert.fail(`vnu did not answer in JSON (exit ${run.status}): ${run.stderr}${run.stdout}`);
	}
	const errors = report.messages.filter((m) => m.type === "error" ||
		m.type === "non-document-error").map((m) => {
		const page = vnuPages.get(path.basename(decodeURIComponent(m.url || ""))) ||
			{ name: "?", url: m.url };
		return `${page.name} (${page.url}) line ${m.lastLine ?? "?"}: ${m.message}` +
			(m.extract ? ` [${m.extract.trim()}]` : "");
	});
	assert.deepEqual(errors, [], `the Nu Html Checker found ${errors.length} error(s)`);
}

after(() => {
	try {
		validateDocuments();
	} finally {
		rmSync(vnuDir, { recursive: true, force: true });
	}
});

// axe-core on the page as it is now (WCAG 2.1 A and AA): no serious or critical violation.
// Then a screenshot into build/screenshots/NAME.png to look at. The page's context needs
// bypassCSP, as axe is injected into it. The document the server sent is kept for vnu.
export async function checkPage(page, name) {
	await keepDocument(page, name);
	await page.evaluate(AXE);
	const result = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
	assert.ok(result.passes.length > 3, `axe did not run on ${name}`);
	const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
	assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target)
		.join(" ")})`), [], `axe on ${name}`);
	// Markup escaped by mistake shows on screen as text: "<th><span …>".
	const text = await page.evaluate(() => document.body.innerText);
	assert.doesNotMatch(text, /<\/?[a-z][a-z0-9]*[\s>]/, `markup shown as text on ${name}`);
	// People read labels, not the vocabulary's names ("interlibrary_loan", "break_in")...
	assert.doesNotMatch(text, /\b[a-z]+(?:_[a-z]+)+\b/, `a vocabulary name shown on ${name}`);
	// ...and branch names, not codes: "Complaint at KOS", "(KOS)".
	assert.doesNotMatch(text, /\b(?:at|from) [A-Z][A-Z0-9]{1,4}\b(?![-\w])|\([A-Z][A-Z0-9]{1,4}\)/,
		`a branch code where its name belongs on ${name}`);
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
