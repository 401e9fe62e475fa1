// frontdesk "Needs you": keeps the header badge and the "Needs you" panel current without a
// reload. Any change at the branch the reader is on duty at arrives as a server-sent event (a
// request referred, a handover, a call for the person in charge); the /needs page is then
// fetched and its panel and badge swapped in. Headquarters, at no branch, looks every 30 s.
"use strict";
(function () {
	const badge = document.getElementById("needs-badge");
	if (!badge) return;
	let pending = false;

	function swap(doc) {
		const fresh = doc.getElementById("needs-badge");
		if (fresh) {
			badge.className = fresh.className;
			badge.setAttribute("aria-label", fresh.getAttribute("aria-label"));
			badge.innerHTML = fresh.innerHTML;
		}
		const panel = document.getElementById("needs"), got = doc.getElementById("needs");
		// The desk shows only kinds with something in them; /needs shows every kind.
		if (panel && got) {
			if (location.pathname !== "/needs") got.querySelectorAll("h3").forEach(function (h) {
				const count = h.querySelector(".count");
				if (count && count.textContent === "0") {
					const after = h.nextElementSibling;
					if (after && after.classList.contains("empty")) after.remove();
					h.remove();
				}
			});
			// On a branch's own desk, an item there does not say "at" that branch.
			if (panel.dataset.here) got.querySelectorAll(".where").forEach(function (w) {
				if (w.dataset.branch === panel.dataset.here) w.remove();
			});
			panel.innerHTML = got.innerHTML;
			panel.dataset.total = got.dataset.total;
		}
		badge.dataset.updated = String(Date.now());
	}

	function refresh() {
		if (pending) return;
		pending = true;
		fetch("/needs", { credentials: "same-origin" })
			.then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
			.then(function (html) { swap(new DOMParser().parseFromString(html, "text/html")); })
			.catch(function () { /* the next event or tick tries again */ })
			.finally(function () { pending = false; });
	}

	const code = badge.dataset.branch;
	if (code) {
		const shared = window.frontdeskEvents; // the desk's own stream, when it is this branch's
		const events = shared && shared.code === code ? shared.source
			: new EventSource("/api/v1/branches/" + encodeURIComponent(code) + "/events");
		events.addEventListener("queue", refresh);
		events.addEventListener("resync", refresh);
		if (events.readyState === EventSource.OPEN) badge.dataset.live = "1";
		events.addEventListener("open", function () { badge.dataset.live = "1"; });
	}
	setInterval(refresh, 30000);
})();
