// frontdesk's exit kiosk, a tablet the public shares. After "Thank you", back to the start for
// the next person in a few seconds (the "Next person" link says how many; without a script,
// it is tapped instead). A screen left half-answered asks "Are you still there?" after a
// minute and a half, and unless someone taps "I need more time" within 20 s starts again, so
// that the next person never sees what the last one typed. Either way the start comes back in
// the tablet's own language, not the one the last person switched to.
"use strict";
(function () {
	const body = document.body;
	const words = document.getElementById("kiosk"); // its start and its words, from the page
	if (!words) return;
	const start = words.dataset.start;
	const fresh = start + "?lang=" + encodeURIComponent(navigator.language || "en");
	const next = document.querySelector("a[data-restart-s]");
	if (next) {
		next.href = fresh;
		setTimeout(function () { location.assign(fresh); }, Number(next.dataset.restartS) * 1000);
		return;
	}
	// The start page in the tablet's language, with nothing typed: nothing to forget.
	const own = (navigator.language || "en").slice(0, 2).toLowerCase();
	const typed = function () {
		return [...document.querySelectorAll("main input:not([type=hidden]), main textarea")]
			.some(function (e) { return e.type === "radio" || e.type === "checkbox" ?
				e.checked : e.value !== ""; });
	};
	const IDLE_MS = 90000, WARN_MS = 20000;
	let idle = null, last = null, warning = null;
	function reset() {
		if (warning) { warning.remove(); warning = null; }
		clearTimeout(idle);
		clearTimeout(last);
		idle = setTimeout(ask, IDLE_MS);
	}
	function ask() {
		const home = location.pathname === start && document.documentElement.lang === own;
		if (home && !typed()) return reset();
		warning = document.createElement("div");
		warning.className = "kiosk-still";
		warning.setAttribute("role", "alertdialog");
		warning.setAttribute("aria-label", words.dataset.still);
		const p = document.createElement("p");
		p.textContent = words.dataset.still;
		const more = document.createElement("button");
		more.type = "button";
		more.className = "primary big";
		more.textContent = words.dataset.more;
		more.addEventListener("click", reset);
		warning.append(p, more);
		body.append(warning);
		more.focus();
		last = setTimeout(function () { location.assign(fresh); }, WARN_MS);
	}
	["pointerdown", "keydown", "input"].forEach(function (e) {
		document.addEventListener(e, function () { if (!warning) reset(); }, true);
	});
	reset();
})();
