/*
 * markdown.c - the report as a GitHub-flavoured Markdown document that reads
 * like a hand-written production-readiness review: title, summary table,
 * score by category, one checklist per category, quick wins, roadmap to
 * 100%, notes.
 *
 * What comes from the scanned repository (paths, snippets, evidence text,
 * kinds' reasons, diagnostics) is escaped: text with backslashes, paths and
 * snippets as inline code fenced with more backticks than they contain.
 * A check's own title is escaped too; its remediation is Markdown written by
 * the rule's author and is kept, apart from raw HTML, which is neutralised.
 */
#include "../core/common.h"
#include "report.h"
#include "../rules/catalog.h"
#include "../core/alloc.h"

#include <ctype.h>
#include <math.h>

#define MD_MAX_EV    3	  /* evidence shown per check (JSON has all) */
#define MD_MAX_TEXT  300  /* bytes of one evidence text */
#define MD_MAX_PROSE 4096 /* bytes of one remediation */

struct mw {
	struct rc_buf *out;
	const struct rc_report *r;
	struct rc_buf tmp; /* scratch: cleaned text before escaping */
};

static const char *nz(const char *s)
{
	return s ? s : "?";
}

static bool is_alnum(char c)
{
	return isalnum((unsigned char)c) || ((unsigned char)c & 0x80);
}

/* Clean n bytes of s into the scratch buffer (emptied first). */
static void scratch(struct mw *m, const char *s, size_t n, size_t max)
{
	rc_buf_truncate(&m->tmp, 0);
	rc_report_add_line(&m->tmp, s, n, max);
}

/* Squeeze runs of spaces in the scratch buffer into one and trim both
 * ends: for sentences and snippets, never for paths. */
static void squeeze(struct mw *m)
{
	size_t i, j = 0;

	for (i = 0; i < m->tmp.len; i++) {
		if (m->tmp.ptr[i] == ' ' && (!j || m->tmp.ptr[j - 1] == ' '))
			continue;
		m->tmp.ptr[j++] = m->tmp.ptr[i];
	}
	if (j && m->tmp.ptr[j - 1] == ' ')
		j--;
	rc_buf_truncate(&m->tmp, j);
}

/* Whether the byte at p of clean text [start, end) needs a backslash. */
static bool needs_escape(const char *p, const char *start, const char *end)
{
	switch (*p) {
	case '_':
		/* intraword underscores never make emphasis */
		return p == start || p + 1 == end || !is_alnum(p[-1]) ||
		       !is_alnum(p[1]);
	case '\\':
	case '`':
	case '*':
	case '[':
	case ']':
	case '<':
	case '>':
	case '#':
	case '|':
	case '~':
		return true;
	case '&':
		return p + 1 < end && (is_alnum(p[1]) || p[1] == '#');
	default:
		return false;
	}
}

/* Untrusted text, one line, every inline metacharacter escaped; cut to
 * max bytes (0: no limit) before escaping. */
static void md_textn(struct mw *m, const char *s, size_t n, size_t max)
{
	const char *p, *end;

	scratch(m, s, n, max);
	squeeze(m);
	p = m->tmp.ptr;
	end = p + m->tmp.len;
	for (; p < end; p++) {
		if (needs_escape(p, m->tmp.ptr, end))
			rc_buf_addc(m->out, '\\');
		rc_buf_addc(m->out, *p);
	}
}

/* Whether the n bytes at s hold a Markdown metacharacter. */
static bool has_markup(struct mw *m, const char *s, size_t n)
{
	const char *p, *end;

	scratch(m, s, n, 0);
	end = m->tmp.ptr + m->tmp.len;
	for (p = m->tmp.ptr; p < end; p++)
		if (needs_escape(p, m->tmp.ptr, end))
			return true;
	return false;
}

static void md_text(struct mw *m, const char *s)
{
	if (s)
		md_textn(m, s, strlen(s), 0);
}

/* Untrusted text as inline code, fenced with one backtick more than its
 * longest run of backticks. */
static void md_coden(struct mw *m, const char *s, size_t n, size_t max,
		     bool squeezed)
{
	size_t run = 0, longest = 0, i;
	bool pad;

	scratch(m, s, n, max);
	if (squeezed)
		squeeze(m);
	for (i = 0; i < m->tmp.len; i++) {
		run = m->tmp.ptr[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	if (!m->tmp.len) {
		rc_buf_adds(m->out, "` `");
		return;
	}
	/* A leading or trailing backtick would join the fence; a space on
	 * both sides would be stripped. One space of padding each side
	 * keeps the content as it is (CommonMark strips exactly one). */
	pad = m->tmp.ptr[0] == '`' || m->tmp.ptr[m->tmp.len - 1] == '`' ||
	      (m->tmp.ptr[0] == ' ' && m->tmp.ptr[m->tmp.len - 1] == ' ');
	rc_buf_addch_n(m->out, '`', longest + 1);
	if (pad)
		rc_buf_addc(m->out, ' ');
	rc_buf_add(m->out, m->tmp.ptr, m->tmp.len);
	if (pad)
		rc_buf_addc(m->out, ' ');
	rc_buf_addch_n(m->out, '`', longest + 1);
}

static void md_code(struct mw *m, const char *s)
{
	if (s)
		md_coden(m, s, strlen(s), 0, false);
}

/*
 * Author Markdown (a remediation) inside a list item, at most MD_MAX_PROSE
 * bytes of it: blank lines dropped,
 * continuation lines indented by two spaces so that they stay in the item,
 * control characters cleaned, '<' outside code spans escaped so that no raw
 * HTML gets through.
 */
static void md_prose(struct mw *m, const char *s)
{
	size_t lim = s ? strlen(s) : 0;
	const char *stop;
	bool first = true, cut = false;

	if (lim > MD_MAX_PROSE) { /* also bounds the code-span search */
		lim = MD_MAX_PROSE;
		while (lim && ((unsigned char)s[lim] & 0xc0) == 0x80)
			lim--;
		cut = true;
	}
	stop = s + lim;
	while (s && s < stop) {
		const char *nl = memchr(s, '\n', (size_t)(stop - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(stop - s);
		const char *p, *end;

		scratch(m, s, n, 0);
		s += n + (nl ? 1 : 0);
		p = m->tmp.ptr;
		end = p + m->tmp.len;
		while (p < end && *p == ' ')
			p++;
		while (end > p && end[-1] == ' ')
			end--;
		if (p == end)
			continue;
		if (!first)
			rc_buf_adds(m->out, "\n  ");
		first = false;
		while (p < end) {
			size_t k = 0;
			const char *q;

			if (*p != '`') {
				if (*p == '<')
					rc_buf_addc(m->out, '\\');
				rc_buf_addc(m->out, *p++);
				continue;
			}
			while (p + k < end && p[k] == '`')
				k++;
			/* find a closing run of exactly k backticks */
			for (q = p + k; q < end; q++) {
				size_t j = 0;

				while (q + j < end && q[j] == '`')
					j++;
				if (j == k)
					break;
				q += j ? j - 1 : 0;
			}
			if (q >= end) { /* no code span: literal backticks */
				rc_buf_add(m->out, p, k);
				p += k;
				continue;
			}
			rc_buf_add(m->out, p, (size_t)(q + k - p));
			p = q + k;
		}
	}
	if (cut)
		rc_buf_adds(m->out, "...");
}

/*
 * One piece of evidence: "text in `path:line`: `snippet`". A text that
 * holds Markdown metacharacters (globs, regular expressions) is shown as
 * code rather than drowned in backslashes.
 */
static void md_evidence(struct mw *m, const struct rc_evidence *e)
{
	size_t tl = e->text ? strlen(e->text) : 0;
	bool has_path = e->path && *e->path;

	while (tl && (e->text[tl - 1] == '.' || e->text[tl - 1] == ' '))
		tl--;
	if (tl && has_markup(m, e->text, tl))
		md_coden(m, e->text, tl, MD_MAX_TEXT, true);
	else if (tl)
		md_textn(m, e->text, tl, MD_MAX_TEXT);
	if (has_path) {
		struct rc_evidence loc = { e->path, e->line, NULL, NULL };
		struct rc_buf b = RC_BUF_INIT;

		if (tl)
			rc_buf_adds(m->out, " in ");
		rc_report_evidence_loc(&loc, &b);
		if (rc_buf_err(&b))
			m->out->err = rc_buf_err(&b);
		md_coden(m, b.ptr, b.len, 0, false);
		rc_buf_release(&b);
	}
	if (e->snippet && *e->snippet) {
		if (tl || has_path)
			rc_buf_adds(m->out, ": ");
		md_coden(m, e->snippet, strlen(e->snippet),
			 RC_REPORT_SNIPPET_MAX, true);
	}
}

static bool has_evidence(const struct rc_evidence *e)
{
	return (e->text && *e->text) || (e->path && *e->path) ||
	       (e->snippet && *e->snippet);
}

/* "**Title** (`id`, critical, in `pkg`)" */
static void md_head(struct mw *m, const struct rc_finding *f, bool severity)
{
	const struct rc_check *c = f->check;

	rc_buf_adds(m->out, "**");
	md_text(m, c->title && *c->title ? c->title : c->id);
	rc_buf_adds(m->out, "** (");
	md_code(m, c->id);
	if (severity)
		rc_buf_addf(m->out, ", %s", nz(rc_severity_name(c->severity)));
	if (f->package && *f->package && strcmp(f->package, ".")) {
		rc_buf_adds(m->out, ", in ");
		md_code(m, f->package);
	}
	rc_buf_addc(m->out, ')');
}

/* The remediation in the words of the project's ecosystems, when the
 * check has some ("Fix (Rust): ..."); false when it has none. */
static bool md_fixes(struct mw *m, const struct rc_check *c)
{
	const char *const *e;
	const char *fix;
	size_t n = 0;

	for (e = m->r->ecosystems; e && *e; e++)
		n += rc_check_fix(c, *e) != NULL;
	for (e = m->r->ecosystems; n && e && *e; e++) {
		if (!(fix = rc_check_fix(c, *e)))
			continue;
		rc_buf_addf(m->out, ". Fix (%s): ", rc_ecosystem_title(*e));
		md_prose(m, fix);
	}
	return n > 0;
}

static void md_finding(struct mw *m, const struct rc_finding *f)
{
	const struct rc_check *c = f->check;
	enum rc_status s = f->outcome.status;
	size_t i, shown = 0, more = 0;

	if (s == RC_STATUS_WAIVED) {
		rc_buf_adds(m->out, "- [ ] ~~");
		md_head(m, f, true);
		rc_buf_adds(m->out, "~~ waived: ");
		md_text(m, f->waiver && *f->waiver ? f->waiver
						   : "no reason given");
		rc_buf_addc(m->out, '\n');
		return;
	}
	rc_buf_adds(m->out, s == RC_STATUS_PASS ? "- [x] " : "- [ ] ");
	if (c->manual || s == RC_STATUS_MANUAL)
		rc_buf_adds(m->out, "(manual) ");
	md_head(m, f, s != RC_STATUS_PASS);
	for (i = 0; i < f->outcome.nev && i < RC_EVAL_MAX_EVIDENCE; i++) {
		if (!has_evidence(&f->outcome.ev[i]) ||
		    rc_report_evidence_dup(&f->outcome, i))
			continue;
		if (shown == MD_MAX_EV) {
			more++;
			continue;
		}
		rc_buf_adds(m->out, shown++ ? "; " : ": ");
		md_evidence(m, &f->outcome.ev[i]);
	}
	if (more)
		rc_buf_addf(m->out, "; and %zu more", more);
	if (s != RC_STATUS_PASS && !md_fixes(m, c) && c->remediation &&
	    *c->remediation) {
		rc_buf_adds(m->out, ". Fix: ");
		md_prose(m, c->remediation);
	}
	rc_buf_addc(m->out, '\n');
}

static void md_category(struct mw *m, unsigned c, size_t *idx)
{
	const struct rc_report *r = m->r;
	size_t n, i, nna = 0, items = 0;

	n = rc_report_category_order(r, c, idx);
	if (!n && !r->score.cat[c].applicable)
		return;
	rc_buf_addf(m->out, "## %s (", nz(rc_category_title(c)));
	if (r->score.cat[c].applicable) {
		rc_buf_adds(m->out, "weight ");
		rc_report_add_num(m->out, r->score.cat[c].weight_eff);
		rc_buf_adds(m->out, "%)\n\n");
	} else {
		rc_buf_adds(m->out, "not applicable)\n\n");
	}
	for (i = 0; i < n; i++) {
		if (r->findings[idx[i]].outcome.status == RC_STATUS_NA) {
			nna++;
			continue;
		}
		md_finding(m, &r->findings[idx[i]]);
		items++;
	}
	if (nna) {
		if (items)
			rc_buf_addc(m->out, '\n');
		rc_buf_adds(m->out, "Not applicable here: ");
		for (i = 0; i < n; i++) {
			const struct rc_finding *f = &r->findings[idx[i]];

			if (f->outcome.status != RC_STATUS_NA)
				continue;
			md_code(m, f->check->id);
			rc_buf_adds(m->out, --nna ? ", " : ".\n");
		}
	}
	rc_buf_addc(m->out, '\n');
}

static void md_summary(struct mw *m)
{
	const struct rc_report *r = m->r;
	size_t i;

	rc_buf_adds(m->out, "# Production readiness: ");
	{
		struct rc_buf name = RC_BUF_INIT;

		rc_report_add_name(&name, r);
		if (rc_buf_err(&name))
			m->out->err = rc_buf_err(&name);
		md_textn(m, name.ptr, name.len, 0);
		rc_buf_release(&name);
	}
	rc_buf_adds(m->out, "\n\n| Item | Value |\n|---|---|\n| Score | **");
	rc_report_add_num(m->out, r->score.total);
	rc_buf_addf(m->out, "/100** |\n| Level | %s |\n| Kinds | ",
		    nz(rc_level_name(r->score.level)));
	for (i = 0; i < r->nkinds; i++) {
		if (i)
			rc_buf_adds(m->out, "; ");
		md_text(m, r->kinds[i].kind);
		if (r->kinds[i].reason && *r->kinds[i].reason) {
			rc_buf_adds(m->out, " (");
			md_text(m, r->kinds[i].reason);
			rc_buf_addc(m->out, ')');
		}
	}
	if (!r->nkinds)
		rc_buf_adds(m->out, "none detected");
	rc_buf_adds(m->out, " |\n| Ecosystems | ");
	for (i = 0; r->ecosystems && r->ecosystems[i]; i++) {
		if (i)
			rc_buf_adds(m->out, ", ");
		md_text(m, r->ecosystems[i]);
	}
	if (!i)
		rc_buf_adds(m->out, "none detected");
	rc_buf_adds(m->out, " |\n| Profile | ");
	md_text(m, r->profile ? r->profile : "auto");
	rc_buf_addf(m->out, " |\n| Files scanned | %llu (",
		    (unsigned long long)r->files);
	rc_report_add_size(m->out, r->bytes);
	rc_buf_addf(m->out, ")%s", r->skipped ? ", " : "");
	if (r->skipped)
		rc_buf_addf(m->out, "%llu skipped",
			    (unsigned long long)r->skipped);
	rc_buf_adds(m->out, " |\n");
	if (r->fail_under >= 0)
		rc_buf_addf(m->out, "| Gate | fail under %d: %s |\n",
			    r->fail_under,
			    r->score.total < (double)r->fail_under ? "failed"
								   : "passed");
	rc_buf_addc(m->out, '\n');
}

static void md_score_table(struct mw *m)
{
	const struct rc_score *s = &m->r->score;
	unsigned c, passed = 0, scored = 0;

	rc_buf_adds(m->out, "## Score by category\n\n"
			    "| Category | Weight | Score | Passed |\n"
			    "|---|---:|---:|---:|\n");
	for (c = 0; c < RC_CAT_COUNT; c++) {
		unsigned p = s->cat[c].passed, n = p + s->cat[c].failed;

		rc_buf_addf(m->out, "| %s | ", nz(rc_category_title(c)));
		if (s->cat[c].applicable) {
			rc_report_add_num(m->out, s->cat[c].weight_eff);
			rc_buf_adds(m->out, "% | ");
			rc_report_add_num(m->out, s->cat[c].score);
			rc_buf_adds(m->out, "% | ");
		} else {
			rc_buf_adds(m->out, "n/a | n/a | ");
		}
		rc_buf_addf(m->out, "%u/%u |\n", p, n);
		passed += p;
		scored += n;
	}
	rc_buf_adds(m->out, "| **Total** | 100% | **");
	rc_report_add_num(m->out, s->total);
	rc_buf_addf(m->out, "%%** | %u/%u |\n\n", passed, scored);
}

static bool roadmap_ok(const struct rc_report *r,
		       const struct rc_roadmap_item *it)
{
	return it->index < r->nfindings && r->findings[it->index].check;
}

static double gain_of(const struct rc_roadmap_item *it)
{
	return isfinite(it->gain) && it->gain > 0 ? it->gain : 0.0;
}

/* Items of one effort; returns their count and adds their gains to sum. */
static size_t md_group(struct mw *m, enum rc_effort e, bool emit, double *sum)
{
	const struct rc_report *r = m->r;
	size_t i, n = 0;

	for (i = 0; i < r->nroadmap; i++) {
		const struct rc_roadmap_item *it = &r->roadmap[i];
		const struct rc_finding *f;

		if (!roadmap_ok(r, it))
			continue;
		f = &r->findings[it->index];
		if (f->check->effort != e)
			continue;
		n++;
		*sum += gain_of(it);
		if (!emit)
			continue;
		if (e == RC_EFFORT_QUICK)
			rc_buf_adds(m->out, "- [ ] ");
		else
			rc_buf_addf(m->out, "%zu. ", n);
		md_head(m, f, true);
		rc_buf_addf(m->out, ": +%.1f points\n", gain_of(it));
	}
	return n;
}

static void md_roadmap(struct mw *m)
{
	double qsum = 0, dsum = 0, wsum = 0, ignored = 0;
	size_t quick = md_group(m, RC_EFFORT_QUICK, false, &qsum);
	size_t day = md_group(m, RC_EFFORT_DAY, false, &dsum);
	size_t week = md_group(m, RC_EFFORT_WEEK, false, &wsum);

	if (quick) {
		rc_buf_adds(m->out, "## Quick wins\n\n"
				    "Each of these takes under an hour.\n\n");
		md_group(m, RC_EFFORT_QUICK, true, &ignored);
		rc_buf_addc(m->out, '\n');
	}
	rc_buf_adds(m->out, "## Roadmap to 100%\n\n");
	if (!quick && !day && !week)
		rc_buf_adds(m->out,
			    "Nothing left: every applicable check passes.\n\n");
	if (quick && (day || week))
		rc_buf_addf(m->out,
			    "Start with the quick wins above (+%.1f points in "
			    "all), then:\n\n",
			    qsum);
	else if (quick)
		rc_buf_adds(m->out, "The quick wins above are all that is "
				    "left.\n\n");
	if (day) {
		rc_buf_adds(m->out, "### Next: a day\n\n");
		md_group(m, RC_EFFORT_DAY, true, &ignored);
		rc_buf_addc(m->out, '\n');
	}
	if (week) {
		rc_buf_adds(m->out, "### Later: a week or more\n\n");
		md_group(m, RC_EFFORT_WEEK, true, &ignored);
		rc_buf_addc(m->out, '\n');
	}
}

static void md_notes(struct mw *m)
{
	const struct rc_diags *d = m->r->diags;
	size_t i;

	if (!d || !d->list.n)
		return;
	rc_buf_adds(m->out, "## Notes\n\n");
	for (i = 0; i < d->list.n; i++) {
		const struct rc_diag *x = &d->list.v[i];

		rc_buf_addf(m->out, "- %s: ", nz(rc_diag_level_name(x->level)));
		if (x->path && *x->path) {
			struct rc_buf loc = RC_BUF_INIT;

			rc_buf_adds(&loc, x->path);
			if (x->line)
				rc_buf_addf(&loc, ":%u", x->line);
			if (x->line && x->col)
				rc_buf_addf(&loc, ":%u", x->col);
			if (rc_buf_err(&loc))
				m->out->err = rc_buf_err(&loc);
			md_coden(m, loc.ptr, loc.len, 0, false);
			rc_buf_release(&loc);
			rc_buf_adds(m->out, ": ");
		}
		md_text(m, x->msg);
		rc_buf_addc(m->out, '\n');
	}
	rc_buf_addc(m->out, '\n');
}

static int write_md(const struct rc_report *r, const struct rc_report_opts *o,
		    struct rc_buf *out)
{
	struct mw m = { out, r, RC_BUF_INIT };
	size_t *idx;
	unsigned c;
	int err;

	(void)o;
	idx = rc_calloc(r->nfindings ? r->nfindings : 1, sizeof(*idx));
	if (!idx)
		return RC_ENOMEM;
	md_summary(&m);
	md_score_table(&m);
	for (c = 0; c < RC_CAT_COUNT; c++)
		md_category(&m, c, idx);
	md_roadmap(&m);
	md_notes(&m);
	rc_buf_adds(out, "Generated by readycheck");
	if (r->tool_version) {
		rc_buf_addc(out, ' ');
		md_text(&m, r->tool_version);
	}
	rc_buf_adds(out, ".\n");
	err = rc_buf_err(out) ? rc_buf_err(out) : rc_buf_err(&m.tmp);
	rc_buf_release(&m.tmp);
	rc_free(idx);
	return err;
}

const struct rc_report_writer rc_report_md = { "md", write_md };
