/*
 * text.c - the terminal report: header, score, one block per category,
 * quick wins, roadmap, diagnostics. Lines fit in 80 columns (a word longer
 * than a line, such as a long path, is never split). Every string that comes
 * from the scanned repository goes through rc_report_add_line(), so no
 * control sequence of it reaches the terminal.
 */
#include "../core/common.h"
#include "report.h"
#include "../rules/catalog.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdio.h>

#define WIDTH	  80
#define COL_ITEM  20 /* where titles and evidence of a check start */
#define MAX_NOTES 20 /* notes shown without --verbose */
/* Without --verbose: evidence shown per check, bytes of one text. */
#define TEXT_MAX_EV   2
#define TEXT_MAX_TEXT 200

enum style { S_NONE, S_BOLD, S_RED, S_GREEN, S_YELLOW, S_DIM };

static const char *const style_codes[] = {
	"", "\033[1m", "\033[31m", "\033[32m", "\033[33m", "\033[2m",
};

struct tw {
	struct rc_buf *out;
	const struct rc_report *r;
	bool color, verbose, quiet;
	struct rc_buf line; /* scratch: one cleaned line */
};

static const char *nz(const char *s)
{
	return s ? s : "?";
}

static void on(struct tw *t, enum style s)
{
	if (t->color && s != S_NONE)
		rc_buf_adds(t->out, style_codes[s]);
}

static void off(struct tw *t, enum style s)
{
	if (t->color && s != S_NONE)
		rc_buf_adds(t->out, "\033[0m");
}

/* Append s in style s, padded with spaces to width columns. */
static void styled(struct tw *t, enum style s, const char *str, size_t width)
{
	size_t n = strlen(str);

	on(t, s);
	rc_buf_adds(t->out, str);
	off(t, s);
	if (n < width)
		rc_buf_addch_n(t->out, ' ', width - n);
}

/* Terminal columns of clean UTF-8 text (one per code point). */
static size_t text_width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* Append untrusted s to the scratch line, cleaned (max bytes, 0: any). */
static void clean(struct tw *t, const char *s, size_t max)
{
	if (s)
		rc_report_add_line(&t->line, s, strlen(s), max);
}

static void break_line(struct tw *t, size_t indent, enum style s)
{
	off(t, s);
	rc_buf_addc(t->out, '\n');
	rc_buf_addch_n(t->out, ' ', indent);
	on(t, s);
}

/*
 * Write the scratch line word by word from column col, breaking before a
 * word that would pass WIDTH; continuation lines start at column indent. A
 * word longer than a whole line (a regular expression, a glob list) is
 * split where the line ends. Ends the line and empties the scratch.
 */
static void flush_wrapped(struct tw *t, size_t col, size_t indent, enum style s)
{
	const char *p = t->line.ptr, *end = p + t->line.len, *w;
	bool first = true;
	size_t ww;

	if (indent > WIDTH / 2)
		indent = WIDTH / 2;
	on(t, s);
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		w = p;
		while (p < end && *p != ' ')
			p++;
		ww = text_width(w, (size_t)(p - w));
		if (col > indent && col + !first + ww > WIDTH &&
		    ww <= WIDTH - indent) {
			break_line(t, indent, s);
			col = indent;
		} else if (!first) {
			rc_buf_addc(t->out, ' ');
			col++;
		}
		first = false;
		if (col + ww <= WIDTH) {
			rc_buf_add(t->out, w, (size_t)(p - w));
			col += ww;
			continue;
		}
		while (w < p) { /* too long for any line: split it */
			size_t n = 1;

			if (col >= WIDTH) {
				break_line(t, indent, s);
				col = indent;
			}
			while (w + n < p &&
			       ((unsigned char)w[n] & 0xc0) == 0x80)
				n++;
			rc_buf_add(t->out, w, n);
			w += n;
			col++;
		}
	}
	off(t, s);
	rc_buf_addc(t->out, '\n');
	rc_buf_truncate(&t->line, 0); /* keeps a sticky error */
}

/* One piece of evidence: "text in path:line: snippet", cleaned; the text
 * cut to max bytes (0: whole). */
static void clean_evidence(struct tw *t, const struct rc_evidence *e,
			   size_t max)
{
	size_t tl = e->text ? strlen(e->text) : 0;
	bool has_path = e->path && *e->path;

	while (tl && (e->text[tl - 1] == '.' || e->text[tl - 1] == ' '))
		tl--;
	if (tl)
		rc_report_add_line(&t->line, e->text, tl, max);
	if (has_path) {
		struct rc_evidence loc = { e->path, e->line, NULL, NULL };
		struct rc_buf tmp = RC_BUF_INIT;

		if (tl)
			rc_buf_adds(&t->line, " in ");
		rc_report_evidence_loc(&loc, &tmp);
		rc_report_add_line(&t->line, tmp.ptr, tmp.len, 0);
		if (rc_buf_err(&tmp))
			t->line.err = rc_buf_err(&tmp);
		rc_buf_release(&tmp);
	}
	if (e->snippet && *e->snippet) {
		if (tl || has_path)
			rc_buf_adds(&t->line, ": ");
		clean(t, e->snippet, RC_REPORT_SNIPPET_MAX);
	}
}

static const char *status_word(enum rc_status s, enum style *st)
{
	switch (s) {
	case RC_STATUS_FAIL:
		*st = S_RED;
		return "FAIL";
	case RC_STATUS_PASS:
		*st = S_GREEN;
		return "pass";
	case RC_STATUS_WAIVED:
		*st = S_YELLOW;
		return "waived";
	case RC_STATUS_MANUAL:
		*st = S_YELLOW;
		return "manual";
	case RC_STATUS_NA:
		*st = S_DIM;
		return "n/a";
	}
	*st = S_NONE;
	return "?";
}

static bool shown(const struct tw *t, enum rc_status s)
{
	switch (s) {
	case RC_STATUS_FAIL:
		return true;
	case RC_STATUS_WAIVED:
		return !t->quiet;
	default:
		return t->verbose && !t->quiet;
	}
}

/* One wrapped "fix: TEXT" or "fix (Rust): TEXT" line under an item. */
static void fix_line(struct tw *t, const char *eco, const char *text)
{
	if (eco)
		rc_buf_addf(&t->line, "fix (%s): ", eco);
	else
		rc_buf_adds(&t->line, "fix: ");
	clean(t, text, 0);
	rc_buf_addch_n(t->out, ' ', COL_ITEM);
	flush_wrapped(t, COL_ITEM, COL_ITEM, S_NONE);
}

static void write_finding(struct tw *t, const struct rc_finding *f)
{
	const struct rc_check *c = f->check;
	enum rc_status s = f->outcome.status;
	enum style st;
	const char *word = status_word(s, &st);
	size_t i, shown = 0, more = 0;

	rc_buf_adds(t->out, "  ");
	styled(t, st, word, 6);
	rc_buf_adds(t->out, "  ");
	styled(t, s == RC_STATUS_NA ? S_DIM : S_NONE,
	       nz(rc_severity_name(c->severity)), 8);
	rc_buf_adds(t->out, "  ");
	clean(t, c->title ? c->title : c->id, 0);
	rc_buf_adds(&t->line, " [");
	clean(t, c->id, 0);
	rc_buf_addc(&t->line, ']');
	if (f->package && *f->package && strcmp(f->package, ".")) {
		rc_buf_adds(&t->line, " (");
		clean(t, f->package, 0);
		rc_buf_addc(&t->line, ')');
	}
	flush_wrapped(t, COL_ITEM, COL_ITEM,
		      s == RC_STATUS_NA ? S_DIM : S_NONE);
	if (s == RC_STATUS_NA)
		return;
	if (s == RC_STATUS_WAIVED) {
		rc_buf_adds(&t->line, "waived: ");
		clean(t,
		      f->waiver && *f->waiver ? f->waiver : "no reason given",
		      0);
		rc_buf_addch_n(t->out, ' ', COL_ITEM);
		flush_wrapped(t, COL_ITEM, COL_ITEM, S_YELLOW);
		return;
	}
	if (s == RC_STATUS_PASS && !t->verbose)
		return;
	for (i = 0; i < f->outcome.nev && i < RC_EVAL_MAX_EVIDENCE; i++) {
		if (rc_report_evidence_dup(&f->outcome, i))
			continue;
		if (!t->verbose && shown == TEXT_MAX_EV) {
			more++;
			continue;
		}
		clean_evidence(t, &f->outcome.ev[i],
			       t->verbose ? 0 : TEXT_MAX_TEXT);
		if (!t->line.len)
			continue;
		rc_buf_addch_n(t->out, ' ', COL_ITEM);
		flush_wrapped(t, COL_ITEM, COL_ITEM, S_NONE);
		shown++;
	}
	if (more) {
		rc_buf_addch_n(t->out, ' ', COL_ITEM);
		on(t, S_DIM);
		rc_buf_addf(t->out, "and %zu more (--verbose shows all)\n",
			    more);
		off(t, S_DIM);
	}
	if (t->verbose && s != RC_STATUS_PASS) {
		const char *const *e;
		const char *fix;
		size_t n = 0;

		for (e = t->r->ecosystems; e && *e; e++)
			if ((fix = rc_check_fix(c, *e)) && ++n)
				fix_line(t, rc_ecosystem_title(*e), fix);
		if (!n && c->remediation && *c->remediation)
			fix_line(t, NULL, c->remediation);
	}
}

/* "  label       value", value wrapped under itself. */
static void header_row(struct tw *t, const char *label)
{
	rc_buf_addf(t->out, "  %-12s", label);
	flush_wrapped(t, 14, 14, S_NONE);
}

static void write_header(struct tw *t)
{
	const struct rc_report *r = t->r;
	size_t i;

	size_t col = 12;

	on(t, S_BOLD);
	rc_buf_adds(t->out, "readycheck");
	if (r->tool_version) {
		clean(t, r->tool_version, 40);
		rc_buf_addc(t->out, ' ');
		rc_buf_add(t->out, t->line.ptr, t->line.len);
		col += 1 + text_width(t->line.ptr, t->line.len);
		rc_buf_truncate(&t->line, 0); /* keeps a sticky error */
	}
	off(t, S_BOLD);
	rc_buf_adds(t->out, "  ");
	clean(t, r->root ? r->root : ".", 0);
	flush_wrapped(t, col, 2, S_NONE);

	if (!r->nkinds) {
		rc_buf_adds(&t->line, "none detected");
		header_row(t, "kinds");
	}
	for (i = 0; i < r->nkinds; i++) {
		clean(t, r->kinds[i].kind, 0);
		if (r->kinds[i].reason && *r->kinds[i].reason) {
			rc_buf_adds(&t->line, " (");
			clean(t, r->kinds[i].reason, 0);
			rc_buf_addc(&t->line, ')');
		}
		header_row(t, i ? "" : "kinds");
	}
	for (i = 0; r->ecosystems && r->ecosystems[i]; i++) {
		if (i)
			rc_buf_adds(&t->line, ", ");
		clean(t, r->ecosystems[i], 0);
	}
	if (!i)
		rc_buf_adds(&t->line, "none detected");
	header_row(t, "ecosystems");
	clean(t, r->profile ? r->profile : "auto", 0);
	header_row(t, "profile");
	rc_buf_addf(&t->line, "%llu file%s, ", (unsigned long long)r->files,
		    r->files == 1 ? "" : "s");
	rc_report_add_size(&t->line, r->bytes);
	if (r->skipped)
		rc_buf_addf(&t->line, " (%llu skipped)",
			    (unsigned long long)r->skipped);
	header_row(t, "scanned");
	rc_buf_addc(t->out, '\n');
}

static void write_score(struct tw *t)
{
	const struct rc_report *r = t->r;

	on(t, S_BOLD);
	rc_buf_adds(t->out, "Score ");
	rc_report_add_num(t->out, r->score.total);
	rc_buf_addf(t->out, "/100 (%s)",
		    r->score.level == RC_LEVEL_NONE
			    ? "no level"
			    : nz(rc_level_name(r->score.level)));
	off(t, S_BOLD);
	rc_buf_addc(t->out, '\n');
	if (r->fail_under >= 0) {
		bool failed = r->score.total < (double)r->fail_under;

		rc_buf_addf(t->out, "Gate (fail under %d): ", r->fail_under);
		styled(t, failed ? S_RED : S_GREEN,
		       failed ? "failed" : "passed", 0);
		rc_buf_addc(t->out, '\n');
	}
}

static void write_bar(struct tw *t, double score)
{
	long filled = isfinite(score) ? lround(score / 10) : 0;
	enum style s;

	if (filled < 0)
		filled = 0;
	if (filled > 10)
		filled = 10;
	s = score >= 80 ? S_GREEN : score >= 50 ? S_YELLOW : S_RED;
	rc_buf_addc(t->out, '[');
	on(t, s);
	rc_buf_addch_n(t->out, '#', (size_t)filled);
	off(t, s);
	rc_buf_addch_n(t->out, '-', (size_t)(10 - filled));
	rc_buf_addc(t->out, ']');
}

static void write_counts(struct tw *t, unsigned c)
{
	const struct rc_score *sc = &t->r->score;

	on(t, S_DIM);
	rc_buf_addf(t->out, "  %u passed, %u failed, %u n/a", sc->cat[c].passed,
		    sc->cat[c].failed, sc->cat[c].na);
	if (sc->cat[c].waived)
		rc_buf_addf(t->out, ", %u waived", sc->cat[c].waived);
	if (sc->cat[c].manual)
		rc_buf_addf(t->out, ", %u manual", sc->cat[c].manual);
	off(t, S_DIM);
	rc_buf_adds(t->out, "\n\n");
}

static int write_categories(struct tw *t, size_t *idx)
{
	const struct rc_report *r = t->r;
	size_t width = 0, n, i;
	unsigned c;
	bool any_na = false;

	for (c = 0; c < RC_CAT_COUNT; c++) {
		const char *title = nz(rc_category_title(c));

		if (r->score.cat[c].applicable && strlen(title) > width)
			width = strlen(title);
	}
	for (c = 0; c < RC_CAT_COUNT; c++) {
		double score = r->score.cat[c].score;
		double weight = r->score.cat[c].weight_eff;

		if (!r->score.cat[c].applicable) {
			any_na = true;
			continue;
		}
		score = isfinite(score) ? score : 0;
		styled(t, S_BOLD, nz(rc_category_title(c)), width);
		rc_buf_addf(t->out, "  weight %2.0f  score %3.0f%%  ",
			    isfinite(weight) ? weight : 0, score);
		write_bar(t, score);
		rc_buf_addc(t->out, '\n');
		n = rc_report_category_order(r, c, idx);
		for (i = 0; i < n; i++)
			if (shown(t, r->findings[idx[i]].outcome.status))
				write_finding(t, &r->findings[idx[i]]);
		write_counts(t, c);
	}
	if (any_na) {
		bool first = true;

		rc_buf_adds(&t->line, "Not applicable:");
		for (c = 0; c < RC_CAT_COUNT; c++) {
			if (r->score.cat[c].applicable)
				continue;
			rc_buf_addf(&t->line, "%s %s", first ? "" : ",",
				    nz(rc_category_title(c)));
			first = false;
		}
		flush_wrapped(t, 0, 2, S_DIM);
		rc_buf_addc(t->out, '\n');
	}
	return rc_buf_err(t->out);
}

static void write_gain(struct tw *t, const struct rc_roadmap_item *it,
		       size_t indent)
{
	const struct rc_check *c = t->r->findings[it->index].check;
	char gain[32];

	snprintf(gain, sizeof(gain), "+%.1f",
		 isfinite(it->gain) && it->gain > 0 ? it->gain : 0.0);
	rc_buf_addch_n(t->out, ' ', indent);
	on(t, S_GREEN);
	rc_buf_addf(t->out, "%5s", gain);
	off(t, S_GREEN);
	rc_buf_adds(t->out, "  ");
	clean(t, c->title ? c->title : c->id, 0);
	rc_buf_adds(&t->line, " [");
	clean(t, c->id, 0);
	rc_buf_addc(&t->line, ']');
	flush_wrapped(t, indent + 7, indent + 7, S_NONE);
}

static bool roadmap_ok(const struct rc_report *r,
		       const struct rc_roadmap_item *it)
{
	return it->index < r->nfindings && r->findings[it->index].check;
}

static size_t count_group(const struct rc_report *r, enum rc_effort e)
{
	size_t i, n = 0;

	for (i = 0; i < r->nroadmap; i++)
		if (roadmap_ok(r, &r->roadmap[i]) &&
		    r->findings[r->roadmap[i].index].check->effort == e)
			n++;
	return n;
}

static void write_group(struct tw *t, enum rc_effort e, size_t indent)
{
	size_t i;

	for (i = 0; i < t->r->nroadmap; i++) {
		const struct rc_roadmap_item *it = &t->r->roadmap[i];

		if (roadmap_ok(t->r, it) &&
		    t->r->findings[it->index].check->effort == e)
			write_gain(t, it, indent);
	}
}

static void write_roadmap(struct tw *t)
{
	size_t quick = count_group(t->r, RC_EFFORT_QUICK);
	size_t day = count_group(t->r, RC_EFFORT_DAY);
	size_t week = count_group(t->r, RC_EFFORT_WEEK);

	if (quick) {
		styled(t, S_BOLD, "Quick wins", 0);
		rc_buf_adds(t->out, " (under an hour each)\n");
		write_group(t, RC_EFFORT_QUICK, 2);
		rc_buf_addc(t->out, '\n');
	}
	styled(t, S_BOLD, "Roadmap to 100%", 0);
	rc_buf_addc(t->out, '\n');
	if (!quick && !day && !week)
		rc_buf_adds(t->out,
			    "  nothing left: every applicable check passes\n");
	if (quick && (day || week))
		rc_buf_adds(t->out, "  first the quick wins above, then\n");
	else if (quick)
		rc_buf_adds(t->out,
			    "  the quick wins above are all that is left\n");
	if (day) {
		rc_buf_adds(t->out, "  next (about a day each)\n");
		write_group(t, RC_EFFORT_DAY, 2);
	}
	if (week) {
		rc_buf_adds(t->out, "  later (a week or more each)\n");
		write_group(t, RC_EFFORT_WEEK, 2);
	}
	rc_buf_addc(t->out, '\n');
}

static void write_diags(struct tw *t)
{
	const struct rc_diags *d = t->r->diags;
	size_t i, notes = 0, hidden = 0;

	if (!d || !d->list.n)
		return;
	styled(t, S_BOLD, "Diagnostics", 0);
	rc_buf_addc(t->out, '\n');
	for (i = 0; i < d->list.n; i++) {
		const struct rc_diag *x = &d->list.v[i];
		enum style s = x->level == RC_DIAG_ERROR     ? S_RED
			       : x->level == RC_DIAG_WARNING ? S_YELLOW
							     : S_DIM;

		if (x->level == RC_DIAG_NOTE && !t->verbose &&
		    ++notes > MAX_NOTES) {
			hidden++;
			continue;
		}
		rc_buf_adds(t->out, "  ");
		styled(t, s, nz(rc_diag_level_name(x->level)), 7);
		rc_buf_adds(t->out, "  ");
		if (x->path && *x->path) {
			clean(t, x->path, 0);
			if (x->line)
				rc_buf_addf(&t->line, ":%u", x->line);
			if (x->line && x->col)
				rc_buf_addf(&t->line, ":%u", x->col);
			rc_buf_adds(&t->line, ": ");
		}
		clean(t, x->msg, 0);
		flush_wrapped(t, 11, 11, S_NONE);
	}
	if (hidden)
		rc_buf_addf(t->out,
			    "  and %zu more note%s (--verbose shows "
			    "them)\n",
			    hidden, hidden == 1 ? "" : "s");
}

static int write_quiet(struct tw *t, size_t *idx)
{
	size_t n, i;
	unsigned c;

	write_score(t);
	for (c = 0; c < RC_CAT_COUNT; c++) {
		n = rc_report_category_order(t->r, c, idx);
		for (i = 0; i < n; i++)
			if (t->r->findings[idx[i]].outcome.status ==
			    RC_STATUS_FAIL)
				write_finding(t, &t->r->findings[idx[i]]);
	}
	return rc_buf_err(t->out);
}

static int write_text(const struct rc_report *r, const struct rc_report_opts *o,
		      struct rc_buf *out)
{
	struct tw t = { out, r, false, false, false, RC_BUF_INIT };
	size_t *idx;
	int err;

	if (o) {
		t.color = o->color;
		t.verbose = o->verbose;
		t.quiet = o->quiet;
	}
	idx = rc_calloc(r->nfindings ? r->nfindings : 1, sizeof(*idx));
	if (!idx)
		return RC_ENOMEM;
	if (t.quiet) {
		write_quiet(&t, idx);
	} else {
		write_header(&t);
		write_score(&t);
		rc_buf_addc(out, '\n');
		write_categories(&t, idx);
		write_roadmap(&t);
		write_diags(&t);
	}
	err = rc_buf_err(out) ? rc_buf_err(out) : rc_buf_err(&t.line);
	rc_buf_release(&t.line);
	rc_free(idx);
	return err;
}

const struct rc_report_writer rc_report_text = { "text", write_text };
