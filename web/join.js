// A ticket taken by phone, followed live: the branch's public stream (/board/{code}/events)
// says when the queue changed, and the ticket's status fragment is fetched again (every few
// seconds while the stream is down). When the ticket is called: a tone (once "Turn on sound"
// was pressed: browsers play nothing before a gesture) and a vibration where the phone has
// one. Every word comes from the page (data attributes), in the customer's language.
(function () {
	"use strict";
	// The ticket page's <main> says what it follows: data-branch and data-status.
	const page = document.getElementById("main");
	const live = document.getElementById("live");
	const button = document.getElementById("sound");
	if (!page || !live || !page.dataset.status) return;
	let audio = null; // an AudioContext once sound is on
	// Where the ticket stands, as the page says it (data-stage): "called" is the tone.
	let stage = (live.querySelector("#status") || {}).dataset?.stage || "";

	function tones() {
		if (!audio) return;
		const now = audio.currentTime;
		[[880, 0], [660, 0.35], [880, 0.7]].forEach(function (tone) {
			const osc = audio.createOscillator();
			const gain = audio.createGain();
			osc.type = "sine";
			osc.frequency.value = tone[0];
			gain.gain.setValueAtTime(0.0001, now + tone[1]);
			gain.gain.exponentialRampToValueAtTime(0.3, now + tone[1] + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, now + tone[1] + 0.6);
			osc.connect(gain).connect(audio.destination);
			osc.start(now + tone[1]);
			osc.stop(now + tone[1] + 0.65);
		});
	}

	if (button) button.addEventListener("click", function () {
		const on = button.getAttribute("aria-pressed") !== "true";
		button.setAttribute("aria-pressed", on ? "true" : "false");
		button.textContent = on ? button.dataset.on : button.dataset.off;
		if (on && !audio && (window.AudioContext || window.webkitAudioContext))
			audio = new (window.AudioContext || window.webkitAudioContext)();
		if (on) tones(); // so the customer hears that it works
		if (!on) audio = null;
	});

	function called() {
		tones();
		if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
	}

	let fetching = false, again = false;
	function refresh() {
		if (fetching) { again = true; return; }
		fetching = true;
		fetch(page.dataset.status, { cache: "no-store" })
			.then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
			.then(function (html) {
				const doc = new DOMParser().parseFromString(html, "text/html");
				const fresh = doc.getElementById("status");
				if (!fresh) return;
				const next = fresh.dataset.stage;
				if (next === stage) {
					const old = live.querySelector("#status");
					if (old && old.innerHTML === fresh.innerHTML) return;
				}
				// Whoever was on a control (a keyboard, a screen reader) stays on it: the
				// fresh copy's control of the same id takes the focus back.
				const focused = live.contains(document.activeElement) &&
					document.activeElement.id;
				live.replaceChildren(document.importNode(fresh, true));
				const back = focused && document.getElementById(focused);
				if (back) back.focus();
				page.dataset.updated = String(Date.now());
				if (next === "called" && stage !== "called") called();
				// Over: no turn to sound for, so no offer of sound (the page drew it
				// only while the ticket waited or was called).
				if (next === "over" && button) button.closest(".sound").hidden = true;
				stage = next;
			})
			.catch(function () { /* the next event or tick tries again */ })
			.finally(function () {
				fetching = false;
				if (again) { again = false; refresh(); }
			});
	}

	let streaming = false, opened = false;
	if (window.EventSource) {
		const events = new EventSource("/board/" + encodeURIComponent(page.dataset.branch) +
			"/events");
		events.addEventListener("change", refresh);
		events.addEventListener("resync", refresh);
		events.addEventListener("open", function () {
			if (opened) refresh();
			opened = streaming = true;
			page.dataset.live = "1";
		});
		events.addEventListener("error", function () {
			streaming = false;
			delete page.dataset.live;
		});
	}
	// Polling only while the stream is not open; the estimate still moves once a minute.
	let ticks = 0;
	setInterval(function () {
		ticks++;
		if (!streaming || ticks % 20 === 0) refresh();
	}, 3000);
})();
