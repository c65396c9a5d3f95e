/*
 * report.c - the table of writers and the helpers they share.
 */
#include "../core/common.h"
#include "report.h"
#include "../core/utf8.h"

#include <math.h>
#include <stdio.h>

/* Adding a format: one file defining rc_report_<fmt>, one line here. */
static const struct rc_report_writer *const writers[] = {
	&rc_report_text,
	&rc_report_md,
	&rc_report_json,
};

/* Same order as writers[]; test_report checks they agree. */
static const char *const writer_names[] = { "text", "md", "json", NULL };

const struct rc_report_writer *rc_report_writer_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < RC_ARRAY_SIZE(writers); i++)
		if (!strcmp(writers[i]->name, name))
			return writers[i];
	return NULL;
}

const char *const *rc_report_writer_names(void)
{
	return writer_names;
}

int rc_report_evidence_loc(const struct rc_evidence *e, struct rc_buf *out)
{
	if (e->path && *e->path) {
		rc_buf_adds(out, e->path);
		if (e->line)
			rc_buf_addf(out, ":%u", e->line);
	} else if (e->text) {
		rc_buf_adds(out, e->text);
	}
	return rc_buf_err(out);
}

/* Code points a terminal must not receive raw: C1 controls and the
 * bidirectional embeddings, overrides and isolates ("trojan source"). */
static bool unsafe_cp(const unsigned char *s, size_t len)
{
	uint32_t cp;

	if (len == 2) {
		cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return cp < 0xa0;
	}
	if (len == 3) {
		cp = ((uint32_t)(s[0] & 0x0f) << 12) |
		     ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return (cp >= 0x202a && cp <= 0x202e) ||
		       (cp >= 0x2066 && cp <= 0x2069);
	}
	return false;
}

int rc_report_add_line(struct rc_buf *out, const char *s, size_t n, size_t max)
{
	size_t start = out->len, i = 0, keep;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t clen;

		if (max && out->len - start > max)
			break; /* cut below anyway */
		if (c == '\t' || c == '\n' || c == '\r') {
			rc_buf_addc(out, ' ');
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			rc_buf_addc(out, '?');
			i++;
		} else if (c < 0x80) {
			rc_buf_addc(out, (char)c);
			i++;
		} else {
			clen = rc_utf8_valid_len(s + i, n - i);
			if (!clen ||
			    unsafe_cp((const unsigned char *)s + i, clen)) {
				rc_buf_addc(out, '?');
				i += clen ? clen : 1;
			} else {
				rc_buf_add(out, s + i, clen);
				i += clen;
			}
		}
	}
	if (rc_buf_err(out) || !max || out->len - start <= max)
		return rc_buf_err(out);
	/* Cut to max - 3 bytes on a character boundary, then "...". */
	keep = max > 3 ? max - 3 : 0;
	while (keep && ((unsigned char)out->ptr[start + keep] & 0xc0) == 0x80)
		keep--;
	while (keep && out->ptr[start + keep - 1] == ' ')
		keep--;
	rc_buf_truncate(out, start + keep);
	return rc_buf_addch_n(out, '.', max - keep < 3 ? max - keep : 3);
}

int rc_report_add_name(struct rc_buf *out, const struct rc_report *r)
{
	const char *root, *end, *p;

	if (r->name && *r->name)
		return rc_buf_adds(out, r->name);
	root = r->root && *r->root ? r->root : ".";
	end = root + strlen(root);
	while (end - root > 1 && end[-1] == '/')
		end--;
	p = end;
	while (p > root && p[-1] != '/')
		p--;
	if (p == end) /* "/" */
		return rc_buf_add(out, root, (size_t)(end - root));
	return rc_buf_add(out, p, (size_t)(end - p));
}

int rc_report_add_num(struct rc_buf *out, double v)
{
	char tmp[64];
	size_t len;

	if (!isfinite(v) || v == 0)
		v = 0;
	snprintf(tmp, sizeof(tmp), "%.1f", v);
	if (!strcmp(tmp, "-0.0"))
		return rc_buf_addc(out, '0');
	len = strlen(tmp);
	if (len > 2 && !strcmp(tmp + len - 2, ".0"))
		len -= 2;
	return rc_buf_add(out, tmp, len);
}

int rc_report_add_size(struct rc_buf *out, uint64_t bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes;
	size_t u = 0;

	if (bytes < 1024)
		return rc_buf_addf(out, "%llu byte%s",
				   (unsigned long long)bytes,
				   bytes == 1 ? "" : "s");
	v /= 1024;
	while (v >= 1024 && u + 1 < RC_ARRAY_SIZE(units)) {
		v /= 1024;
		u++;
	}
	rc_report_add_num(out, v);
	return rc_buf_addf(out, " %s", units[u]);
}

const char *rc_report_group_name(enum rc_effort e)
{
	switch (e) {
	case RC_EFFORT_QUICK:
		return "quick";
	case RC_EFFORT_DAY:
		return "next";
	case RC_EFFORT_WEEK:
		return "later";
	}
	return "later";
}

/* Display rank of a finding, 0 first. */
static unsigned display_rank(const struct rc_finding *f)
{
	switch (f->outcome.status) {
	case RC_STATUS_FAIL:
		return f->check->severity <= RC_SEV_CRITICAL
			       ? 3u - (unsigned)f->check->severity
			       : 3u;
	case RC_STATUS_MANUAL:
		return 4;
	case RC_STATUS_WAIVED:
		return 5;
	case RC_STATUS_PASS:
		return 6;
	case RC_STATUS_NA:
		return 7;
	}
	return 7;
}

size_t rc_report_category_order(const struct rc_report *r, enum rc_category c,
				size_t *idx)
{
	size_t i, n = 0;
	unsigned rank;

	for (rank = 0; rank <= 7; rank++) {
		for (i = 0; i < r->nfindings; i++) {
			const struct rc_finding *f = &r->findings[i];

			if (f->check && f->check->category == c &&
			    display_rank(f) == rank)
				idx[n++] = i;
		}
	}
	return n;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool rc_report_evidence_dup(const struct rc_outcome *o, size_t i)
{
	const struct rc_evidence *e = &o->ev[i];
	size_t j;

	for (j = 0; j < i && j < RC_EVAL_MAX_EVIDENCE; j++) {
		const struct rc_evidence *x = &o->ev[j];

		if (x->line == e->line && same_str(x->path, e->path) &&
		    same_str(x->snippet, e->snippet) &&
		    same_str(x->text, e->text))
			return true;
	}
	return false;
}
