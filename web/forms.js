// frontdesk forms: a refused form comes back on its own page (the server marks it with #kept);
// this puts back what was typed and shows the refusal beside the field it is about, so that
// the person corrects one thing instead of starting again. The desk page, which posts in the
// background, marks its forms through window.frontdeskForms.mark.
"use strict";
(function () {
	// The message after the field (or its label), the field marked and focused; without such
	// a field, at the top of the form.
	function mark(form, name, text) {
		clear();
		for (let p = form.parentElement; p; p = p.parentElement)
			if (p.tagName === "DETAILS") p.open = true;
		const message = document.createElement("p");
		message.className = "field-error";
		message.id = "field-error";
		message.textContent = text;
		const named = name && form.elements.namedItem(name);
		const field = named && (named.tagName ? named : named[0]);
		if (field && field.type !== "hidden") {
			const label = field.closest("label");
			(label || field).insertAdjacentElement("afterend", message);
			field.setAttribute("aria-invalid", "true");
			field.setAttribute("aria-describedby", "field-error");
			field.focus();
		} else {
			form.insertAdjacentElement("afterbegin", message);
			form.scrollIntoView({ block: "center" });
		}
	}
	// A move that went through makes an earlier refusal's mark stale: it goes.
	function clear() {
		const old = document.getElementById("field-error");
		if (old) old.remove();
		document.querySelectorAll("[aria-invalid]").forEach(function (f) {
			f.removeAttribute("aria-invalid");
			f.removeAttribute("aria-describedby");
		});
	}
	window.frontdeskForms = { mark: mark, clear: clear };

	const kept = document.getElementById("kept");
	if (!kept) return;
	const action = kept.dataset.action;
	const form = Array.prototype.find.call(document.forms, function (f) {
		return new URL(f.getAttribute("action") || "", location.href).pathname === action;
	});
	if (!form) return;

	// Put the values back, in order, so that fields of the same name get theirs.
	const used = {};
	JSON.parse(kept.dataset.values || "[]").forEach(function (pair) {
		const name = pair[0], value = pair[1];
		const fields = Array.prototype.filter.call(form.elements, function (f) {
			return f.name === name && f.type !== "hidden" && f.type !== "password";
		});
		fields.forEach(function (f) {
			if ((f.type === "checkbox" || f.type === "radio") && f.value === value)
				f.checked = true;
		});
		const plain = fields.filter(function (f) {
			return f.type !== "checkbox" && f.type !== "radio" && f.type !== "file";
		});
		const i = used[name] || 0;
		if (plain[i]) plain[i].value = value;
		used[name] = i + 1;
	});
	mark(form, kept.dataset.field, kept.dataset.message);
})();
