/*
 * json.c - the machine-readable report, schema "readycheck/report/v1"
 * (schema/report.schema.json).
 *
 * Keys come in a fixed order, numbers are printed with a fixed number of
 * decimals and nothing depends on the time or the machine, so two runs over
 * the same tree give the same bytes (golden files compare them). Absent
 * values (no path, line 0, no package) are null, never omitted.
 */
#include "../core/common.h"
#include "report.h"

#include <math.h>
#include <stdio.h>

#define SCHEMA_ID "readycheck/report/v1"

struct jw {
	struct rc_buf *b;
	unsigned depth;
	bool first; /* nothing written yet in the current object/array */
};

static void newline(struct jw *j)
{
	rc_buf_addc(j->b, '\n');
	rc_buf_addch_n(j->b, ' ', 2 * (size_t)j->depth);
}

/* Separator and indentation before the next member or element. */
static void next(struct jw *j)
{
	if (!j->first)
		rc_buf_addc(j->b, ',');
	newline(j);
	j->first = false;
}

static void key(struct jw *j, const char *k)
{
	next(j);
	rc_buf_add_json_str(j->b, k, strlen(k));
	rc_buf_adds(j->b, ": ");
}

static void push(struct jw *j, char c)
{
	rc_buf_addc(j->b, c);
	j->depth++;
	j->first = true;
}

static void pop(struct jw *j, char c)
{
	j->depth--;
	if (!j->first)
		newline(j);
	rc_buf_addc(j->b, c);
	j->first = false;
}

static void str(struct jw *j, const char *s)
{
	if (s)
		rc_buf_add_json_str(j->b, s, strlen(s));
	else
		rc_buf_adds(j->b, "null");
}

/* A string that is null when empty. */
static void str_or_null(struct jw *j, const char *s)
{
	str(j, s && *s ? s : NULL);
}

/* A snippet, at most RC_REPORT_SNIPPET_MAX bytes with its "...". */
static void snippet(struct jw *j, const char *s)
{
	struct rc_buf tmp = RC_BUF_INIT;
	size_t n, keep;

	if (!s) {
		rc_buf_adds(j->b, "null");
		return;
	}
	n = strlen(s);
	if (n <= RC_REPORT_SNIPPET_MAX) {
		rc_buf_add_json_str(j->b, s, n);
		return;
	}
	keep = RC_REPORT_SNIPPET_MAX - 3;
	while (keep && ((unsigned char)s[keep] & 0xc0) == 0x80)
		keep--;
	rc_buf_add(&tmp, s, keep);
	rc_buf_adds(&tmp, "...");
	if (rc_buf_err(&tmp))
		j->b->err = rc_buf_err(&tmp);
	rc_buf_add_json_str(j->b, tmp.ptr, tmp.len);
	rc_buf_release(&tmp);
}

static void uint_or_null(struct jw *j, unsigned v)
{
	if (v)
		rc_buf_addf(j->b, "%u", v);
	else
		rc_buf_adds(j->b, "null");
}

/* A float with a fixed number of decimals; NaN and -0 print as 0. */
static void num(struct jw *j, double v, int decimals)
{
	char tmp[64];

	if (!isfinite(v) || v == 0)
		v = 0;
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	if (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1))
		memmove(tmp, tmp + 1, strlen(tmp)); /* "-0.00" */
	rc_buf_adds(j->b, tmp);
}

static void write_project(struct jw *j, const struct rc_report *r)
{
	size_t i;

	key(j, "project");
	push(j, '{');
	key(j, "kinds");
	push(j, '[');
	for (i = 0; i < r->nkinds; i++) {
		next(j);
		push(j, '{');
		key(j, "kind");
		str(j, r->kinds[i].kind ? r->kinds[i].kind : "");
		key(j, "reason");
		str_or_null(j, r->kinds[i].reason);
		key(j, "path");
		str_or_null(j, r->kinds[i].path);
		key(j, "line");
		uint_or_null(j, r->kinds[i].line);
		pop(j, '}');
	}
	pop(j, ']');
	key(j, "ecosystems");
	push(j, '[');
	for (i = 0; r->ecosystems && r->ecosystems[i]; i++) {
		next(j);
		str(j, r->ecosystems[i]);
	}
	pop(j, ']');
	pop(j, '}');
}

static void write_score(struct jw *j, const struct rc_report *r)
{
	key(j, "score");
	push(j, '{');
	key(j, "total");
	num(j, r->score.total, 1);
	key(j, "level");
	str(j, rc_level_name(r->score.level));
	key(j, "fail_under");
	if (r->fail_under >= 0)
		rc_buf_addf(j->b, "%d", r->fail_under);
	else
		rc_buf_adds(j->b, "null");
	pop(j, '}');
}

static void ukey(struct jw *j, const char *k, unsigned v)
{
	key(j, k);
	rc_buf_addf(j->b, "%u", v);
}

static void write_categories(struct jw *j, const struct rc_report *r)
{
	unsigned c;

	key(j, "categories");
	push(j, '[');
	for (c = 0; c < RC_CAT_COUNT; c++) {
		next(j);
		push(j, '{');
		key(j, "id");
		str(j, rc_category_id(c));
		key(j, "title");
		str(j, rc_category_title(c));
		ukey(j, "weight", r->score.cat[c].weight);
		key(j, "weight_effective");
		num(j, r->score.cat[c].weight_eff, 2);
		key(j, "score");
		num(j, r->score.cat[c].score, 1);
		ukey(j, "points", r->score.cat[c].points);
		ukey(j, "max_points", r->score.cat[c].max_points);
		ukey(j, "passed", r->score.cat[c].passed);
		ukey(j, "failed", r->score.cat[c].failed);
		ukey(j, "na", r->score.cat[c].na);
		ukey(j, "waived", r->score.cat[c].waived);
		ukey(j, "manual", r->score.cat[c].manual);
		pop(j, '}');
	}
	pop(j, ']');
}

static void write_evidence(struct jw *j, const struct rc_outcome *o)
{
	size_t i;

	key(j, "evidence");
	push(j, '[');
	for (i = 0; i < o->nev && i < RC_EVAL_MAX_EVIDENCE; i++) {
		next(j);
		push(j, '{');
		key(j, "path");
		str_or_null(j, o->ev[i].path);
		key(j, "line");
		uint_or_null(j, o->ev[i].line);
		key(j, "snippet");
		snippet(j, o->ev[i].snippet);
		key(j, "text");
		str(j, o->ev[i].text);
		pop(j, '}');
	}
	pop(j, ']');
}

static void write_findings(struct jw *j, const struct rc_report *r)
{
	size_t i;

	key(j, "findings");
	push(j, '[');
	for (i = 0; i < r->nfindings; i++) {
		const struct rc_finding *f = &r->findings[i];
		const struct rc_check *c = f->check;

		if (!c)
			continue;
		next(j);
		push(j, '{');
		key(j, "check");
		str(j, c->id ? c->id : "");
		key(j, "title");
		str(j, c->title ? c->title : "");
		key(j, "category");
		str(j, rc_category_id(c->category));
		key(j, "severity");
		str(j, rc_severity_name(c->severity));
		key(j, "effort");
		str(j, rc_effort_name(c->effort));
		key(j, "status");
		str(j, rc_status_name(f->outcome.status));
		key(j, "package");
		str_or_null(j, f->package);
		write_evidence(j, &f->outcome);
		key(j, "why");
		str_or_null(j, c->why);
		key(j, "remediation");
		str_or_null(j, c->remediation);
		pop(j, '}');
	}
	pop(j, ']');
}

static void write_roadmap(struct jw *j, const struct rc_report *r)
{
	size_t i;

	key(j, "roadmap");
	push(j, '[');
	for (i = 0; i < r->nroadmap; i++) {
		const struct rc_roadmap_item *it = &r->roadmap[i];
		const struct rc_check *c;

		if (it->index >= r->nfindings || !r->findings[it->index].check)
			continue;
		c = r->findings[it->index].check;
		next(j);
		push(j, '{');
		key(j, "check");
		str(j, c->id ? c->id : "");
		key(j, "gain");
		num(j, it->gain, 2);
		key(j, "effort");
		str(j, rc_effort_name(c->effort));
		key(j, "group");
		str(j, rc_report_group_name(c->effort));
		pop(j, '}');
	}
	pop(j, ']');
}

static void write_diags(struct jw *j, const struct rc_report *r)
{
	size_t i;

	key(j, "diagnostics");
	push(j, '[');
	for (i = 0; r->diags && i < r->diags->list.n; i++) {
		const struct rc_diag *d = &r->diags->list.v[i];

		next(j);
		push(j, '{');
		key(j, "level");
		str(j, rc_diag_level_name(d->level));
		key(j, "path");
		str_or_null(j, d->path);
		key(j, "line");
		uint_or_null(j, d->line);
		key(j, "col");
		uint_or_null(j, d->col);
		key(j, "message");
		str(j, d->msg ? d->msg : "");
		pop(j, '}');
	}
	pop(j, ']');
}

static int write_json(const struct rc_report *r, const struct rc_report_opts *o,
		      struct rc_buf *out)
{
	struct jw j = { out, 0, true };

	(void)o;
	push(&j, '{');
	key(&j, "schema");
	str(&j, SCHEMA_ID);
	key(&j, "tool");
	push(&j, '{');
	key(&j, "name");
	str(&j, "readycheck");
	key(&j, "version");
	str(&j, r->tool_version ? r->tool_version : "");
	pop(&j, '}');
	key(&j, "root");
	str(&j, r->root ? r->root : ".");
	key(&j, "profile");
	str(&j, r->profile ? r->profile : "auto");
	write_project(&j, r);
	write_score(&j, r);
	write_categories(&j, r);
	write_findings(&j, r);
	write_roadmap(&j, r);
	write_diags(&j, r);
	key(&j, "stats");
	push(&j, '{');
	key(&j, "files");
	rc_buf_addf(out, "%llu", (unsigned long long)r->files);
	key(&j, "bytes");
	rc_buf_addf(out, "%llu", (unsigned long long)r->bytes);
	key(&j, "skipped");
	rc_buf_addf(out, "%llu", (unsigned long long)r->skipped);
	pop(&j, '}');
	pop(&j, '}');
	rc_buf_addc(out, '\n');
	return rc_buf_err(out);
}

const struct rc_report_writer rc_report_json = { "json", write_json };
