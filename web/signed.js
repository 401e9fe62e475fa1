// frontdesk signed report: while one of its emails to Headquarters is still on its way, its
// signature block (each recipient's state) is fetched again every 4 s from
// /incidents/{id}/signature and swapped in, without a reload; it stops once every email is sent.
"use strict";
(function () {
	const block = document.getElementById("signature");
	if (!block) return;

	function poll() {
		if (block.dataset.waiting !== "yes") return;
		fetch(location.pathname.replace(/\/$/, "") + "/signature", {credentials: "same-origin"})
			.then(function (res) { return res.ok ? res.text() : null; })
			.then(function (html) {
				if (!html) return;
				const fresh = new DOMParser().parseFromString(html, "text/html")
					.getElementById("signature");
				if (!fresh) return;
				block.innerHTML = fresh.innerHTML;
				block.dataset.waiting = fresh.dataset.waiting;
			})
			.catch(function () {})
			.finally(function () { setTimeout(poll, 4000); });
	}
	setTimeout(poll, 4000);
})();
