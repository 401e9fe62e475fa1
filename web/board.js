// The public board: every 10 s it fetches itself and swaps in the new numbers. A meta
// refresh would reload the whole page, flashing on the wall and sending a screen reader
// back to the top (WCAG 2.2.1).
"use strict";
(function () {
	const main = document.querySelector("main");
	setInterval(function () {
		fetch(location.pathname, { cache: "no-store" })
			.then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
			.then(function (html) {
				const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
				if (fresh) main.innerHTML = fresh.innerHTML;
				main.dataset.updated = String(Date.now());
			})
			.catch(function () { /* the next tick tries again */ });
	}, 10000);
})();
