/* SMTP through libcurl: the message is formatted here, the protocol is curl's. */
#include "notify/smtp.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r' || *s == '\n')
			return false;
	return true;
}

/* A header value, RFC 2047-encoded when it is not plain ASCII. */
static void header_text(struct buf *out, const char *s)
{
	if (ascii(s)) {
		buf_puts(out, s);
		return;
	}
	size_t n = strlen(s);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = sodium_malloc(cap);
	if (!b64)
		return;
	sodium_bin2base64(b64, cap, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out, "=?UTF-8?B?%s?=", b64);
	sodium_free(b64);
}

/* The attachment as the second part, base64 in lines of 76. */
static void attach(const struct mail *m, struct buf *out)
{
	size_t cap = sodium_base64_ENCODED_LEN(m->attachment_len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(cap);
	if (!b64)
		abort();
	sodium_bin2base64(b64, cap, m->attachment, m->attachment_len,
			  sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out,
		   "--frontdesk-%lld\r\nContent-Type: %s; name=\"%s\"\r\n"
		   "Content-Disposition: attachment; filename=\"%s\"\r\n"
		   "Content-Transfer-Encoding: base64\r\n\r\n",
		   (long long)m->id, m->attachment_type, m->attachment_name, m->attachment_name);
	for (size_t i = 0, n = strlen(b64); i < n; i += 76) {
		buf_append(out, b64 + i, n - i < 76 ? n - i : 76);
		buf_puts(out, "\r\n");
	}
	buf_printf(out, "--frontdesk-%lld--\r\n", (long long)m->id);
	free(b64);
}

void smtp_format(const struct mail *m, int64_t date, struct buf *out)
{
	char when[64];
	time_t t = (time_t)date;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(out, "Date: %s\r\nFrom: frontdesk <%s>\r\nTo: ", when, m->from);
	if (m->to_name && *m->to_name) {
		header_text(out, m->to_name);
		buf_printf(out, " <%s>\r\n", m->to_addr);
	} else {
		buf_printf(out, "<%s>\r\n", m->to_addr);
	}
	buf_puts(out, "Subject: ");
	header_text(out, m->subject);
	/* The same at every attempt: a copy sent again after a lost answer is a duplicate. */
	buf_puts(out, "\r\n");
	if (m->message_id)
		buf_printf(out, "Message-ID: <%s>\r\n", m->message_id);
	buf_puts(out, "MIME-Version: 1.0\r\n");
	if (m->attachment)
		buf_printf(out,
			   "Content-Type: multipart/mixed; boundary=\"frontdesk-%lld\"\r\n\r\n"
			   "--frontdesk-%lld\r\n",
			   (long long)m->id, (long long)m->id);
	buf_puts(out,
		 "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
		 "\r\n");
	for (const char *p = m->body; *p; p++) {
		if (*p == '\n' && (p == m->body || p[-1] != '\r'))
			buf_putc(out, '\r');
		buf_putc(out, *p);
	}
	buf_puts(out, "\r\n");
	if (m->attachment)
		attach(m, out);
}

struct upload {
	const char *data;
	size_t left;
};

static size_t read_message(char *ptr, size_t size, size_t nmemb, void *userp)
{
	struct upload *u = userp;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;
	memcpy(ptr, u->data, n);
	u->data += n;
	u->left -= n;
	return n;
}

int smtp_send(const char *url, const struct mail *m, struct fd_error *err)
{
	struct buf msg = BUF_INIT;
	char from[320], to[320], curl_error[CURL_ERROR_SIZE] = "";
	smtp_format(m, (int64_t)time(NULL), &msg);
	struct upload u = {msg.data, msg.len};
	CURL *c = curl_easy_init();
	if (!c) {
		buf_free(&msg);
		return fd_fail(err, FD_EINTERNAL, "cannot start libcurl");
	}
	snprintf(from, sizeof from, "<%s>", m->from);
	snprintf(to, sizeof to, "<%s>", m->to_addr);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&msg);
	if (rc != CURLE_OK)
		return fd_fail(err, FD_EINTERNAL, "%s",
			       curl_error[0] ? curl_error : curl_easy_strerror(rc));
	return 0;
}
