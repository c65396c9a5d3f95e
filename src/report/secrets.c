/*
 * secrets.c - text and JSON output of `readycheck secrets` (secrets.h).
 */
#include "../core/common.h"
#include "secrets.h"
#include "report.h"

#define SCHEMA_ID   "readycheck/secrets/v1"
#define BASELINE_ID "readycheck/secrets-baseline/v1"

static const char *sev_color(const char *sev)
{
	if (!strcmp(sev, "critical"))
		return "\033[1;31m";
	if (!strcmp(sev, "high"))
		return "\033[31m";
	if (!strcmp(sev, "medium"))
		return "\033[33m";
	return "\033[36m";
}

static void shown(struct rc_buf *b, const struct rc_secret_item *it)
{
	rc_buf_addf(b, "%s\xe2\x80\xa6 (%zu chars)", it->prefix, it->length);
}

static int write_text(const struct rc_secrets_report *r, bool color,
		      struct rc_buf *b)
{
	uint64_t sup = r->suppressed.baseline + r->suppressed.allow +
		       r->suppressed.inline_allow + r->suppressed.placeholder;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct rc_secret_item *it = &r->items[i];

		rc_buf_addf(b, "%s:%u:%u: ", it->path, it->line, it->col);
		if (color)
			rc_buf_addf(b, "%s%s\033[0m", sev_color(it->severity),
				    it->severity);
		else
			rc_buf_adds(b, it->severity);
		rc_buf_addf(b, " %s: %s: ", it->rule, it->description);
		shown(b, it);
		rc_buf_addf(b, " fp %s", it->fingerprint);
		if (it->commit)
			rc_buf_addf(b, " (first in %.12s, %s)", it->commit,
				    it->date ? it->date : "");
		rc_buf_addc(b, '\n');
	}
	if (r->n)
		rc_buf_addf(b, "%zu secret%s", r->n, r->n == 1 ? "" : "s");
	else
		rc_buf_adds(b, "no secrets");
	if (r->history)
		rc_buf_addf(b, " in %llu blobs of %llu commits (",
			    (unsigned long long)r->files,
			    (unsigned long long)r->commits);
	else
		rc_buf_addf(b, " in %llu file%s (",
			    (unsigned long long)r->files,
			    r->files == 1 ? "" : "s");
	rc_report_add_size(b, r->bytes);
	rc_buf_addf(b, ", %zu detectors)", r->detectors);
	if (sup) {
		const char *sep = "";

		rc_buf_adds(b, "; not reported: ");
		if (r->suppressed.baseline) {
			rc_buf_addf(b, "%llu in the baseline",
				    (unsigned long long)r->suppressed.baseline);
			sep = ", ";
		}
		if (r->suppressed.allow) {
			rc_buf_addf(b, "%s%llu allowlisted", sep,
				    (unsigned long long)r->suppressed.allow);
			sep = ", ";
		}
		if (r->suppressed.inline_allow) {
			rc_buf_addf(
				b, "%s%llu marked readycheck:allow", sep,
				(unsigned long long)r->suppressed.inline_allow);
			sep = ", ";
		}
		if (r->suppressed.placeholder)
			rc_buf_addf(
				b, "%s%llu placeholders", sep,
				(unsigned long long)r->suppressed.placeholder);
	}
	rc_buf_addc(b, '\n');
	return 0;
}

static void jstr(struct rc_buf *b, const char *s)
{
	if (s)
		rc_buf_add_json_str(b, s, strlen(s));
	else
		rc_buf_adds(b, "null");
}

static void jkey(struct rc_buf *b, const char *indent, const char *k)
{
	rc_buf_addf(b, "%s\"%s\": ", indent, k);
}

static int write_json(const struct rc_secrets_report *r, struct rc_buf *b)
{
	const char *in = "      ";
	size_t i;

	rc_buf_adds(b, "{\n  \"schema\": \"" SCHEMA_ID "\",\n  \"root\": ");
	jstr(b, r->root);
	rc_buf_addf(b,
		    ",\n  \"history\": %s,\n  \"files\": %llu,\n"
		    "  \"bytes\": %llu,\n",
		    r->history ? "true" : "false", (unsigned long long)r->files,
		    (unsigned long long)r->bytes);
	if (r->history)
		rc_buf_addf(b, "  \"commits\": %llu,\n",
			    (unsigned long long)r->commits);
	rc_buf_addf(b, "  \"detectors\": %zu,\n  \"findings\": [",
		    r->detectors);
	for (i = 0; i < r->n; i++) {
		const struct rc_secret_item *it = &r->items[i];

		rc_buf_adds(b, i ? ",\n    {\n" : "\n    {\n");
		jkey(b, in, "rule");
		jstr(b, it->rule);
		rc_buf_adds(b, ",\n");
		jkey(b, in, "description");
		jstr(b, it->description);
		rc_buf_adds(b, ",\n");
		jkey(b, in, "severity");
		jstr(b, it->severity);
		rc_buf_adds(b, ",\n");
		jkey(b, in, "path");
		jstr(b, it->path);
		rc_buf_addf(b, ",\n%s\"line\": %u,\n%s\"column\": %u,\n", in,
			    it->line, in, it->col);
		jkey(b, in, "prefix");
		jstr(b, it->prefix);
		rc_buf_addf(b, ",\n%s\"length\": %zu,\n", in, it->length);
		jkey(b, in, "fingerprint");
		jstr(b, it->fingerprint);
		if (r->history) {
			rc_buf_adds(b, ",\n");
			jkey(b, in, "commit");
			jstr(b, it->commit);
			rc_buf_adds(b, ",\n");
			jkey(b, in, "date");
			jstr(b, it->date);
		}
		rc_buf_adds(b, "\n    }");
	}
	rc_buf_addf(b,
		    "%s],\n  \"suppressed\": {\n    \"baseline\": %llu,\n"
		    "    \"allow\": %llu,\n    \"inline\": %llu,\n"
		    "    \"placeholder\": %llu\n  }\n}\n",
		    r->n ? "\n  " : "",
		    (unsigned long long)r->suppressed.baseline,
		    (unsigned long long)r->suppressed.allow,
		    (unsigned long long)r->suppressed.inline_allow,
		    (unsigned long long)r->suppressed.placeholder);
	return 0;
}

int rc_secrets_report_write(const struct rc_secrets_report *r,
			    const char *format, bool color, struct rc_buf *out)
{
	int e;

	if (!strcmp(format, "text"))
		e = write_text(r, color, out);
	else if (!strcmp(format, "json"))
		e = write_json(r, out);
	else
		return RC_EUSAGE;
	return e ? e : rc_buf_err(out) ? RC_ENOMEM : 0;
}

int rc_secrets_baseline_write(const struct rc_secrets_report *r,
			      struct rc_buf *b)
{
	size_t i;

	rc_buf_adds(b, "{\n  \"schema\": \"" BASELINE_ID "\",\n"
		       "  \"findings\": [");
	for (i = 0; i < r->n; i++) {
		const struct rc_secret_item *it = &r->items[i];

		rc_buf_adds(b, i ? ",\n    { " : "\n    { ");
		rc_buf_adds(b, "\"fingerprint\": ");
		jstr(b, it->fingerprint);
		rc_buf_adds(b, ", \"rule\": ");
		jstr(b, it->rule);
		rc_buf_adds(b, ", \"path\": ");
		jstr(b, it->path);
		rc_buf_addf(b, ", \"line\": %u }", it->line);
	}
	rc_buf_addf(b, "%s]\n}\n", r->n ? "\n  " : "");
	return rc_buf_err(b) ? RC_ENOMEM : 0;
}
