/*
 * report_fuzzer.c - build a report from the input and run every writer on
 * it, checking what must hold whatever a repository contains:
 *  - every writer succeeds and gives the same bytes twice;
 *  - the JSON output is valid JSON (our strict parser);
 *  - text without colour and Markdown hold no control character but '\n'
 *    and are valid UTF-8; text with colour holds no escape sequence but
 *    the writer's own SGR codes.
 *
 * Input: bytes for counts, enums and numbers, and strings as a length byte
 * (values >= 200 mean a long string of 4 * (len - 199) bytes, for snippets
 * over the 200-byte limit) followed by that many bytes (a NUL cuts it).
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/utf8.h"
#include "parse/doc.h"
#include "parse/json.h"
#include "report/report.h"

#include <math.h>
#include <stdlib.h>

#define MAXF 8
#define POOL (64 * 1024)

struct input {
	const uint8_t *p;
	size_t n;
	char pool[POOL]; /* strings, NUL-terminated */
	size_t used;
};

static unsigned take(struct input *in)
{
	unsigned c;

	if (!in->n)
		return 0;
	c = in->p[0];
	in->p++;
	in->n--;
	return c;
}

/* A string, or NULL when its length byte is 0. */
static const char *take_str(struct input *in)
{
	unsigned lb = take(in);
	size_t len = lb >= 200 ? 4 * (size_t)(lb - 199) : lb, i;
	char *s;

	if (!lb || in->used + len + 1 > POOL)
		return NULL;
	s = in->pool + in->used;
	for (i = 0; i < len && in->n; i++)
		s[i] = (char)take(in);
	s[i] = '\0';
	in->used += i + 1;
	return s;
}

static double take_num(struct input *in)
{
	unsigned b = take(in);

	if (b == 255)
		return NAN;
	if (b == 254)
		return -0.0;
	return b / 2.5;
}

static void check_clean(const struct rc_buf *b, bool color)
{
	size_t i;

	if (!rc_utf8_valid(b->ptr, b->len))
		abort();
	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->ptr[i];

		if (c == 0x1b && color) {
			const char *p = b->ptr + i;

			if (strncmp(p, "\033[0m", 4) &&
			    strncmp(p, "\033[1m", 4) &&
			    strncmp(p, "\033[2m", 4) &&
			    strncmp(p, "\033[31m", 5) &&
			    strncmp(p, "\033[32m", 5) &&
			    strncmp(p, "\033[33m", 5))
				abort();
			continue;
		}
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			abort();
	}
}

static void run(const struct rc_report *r, const struct rc_report_opts *o)
{
	const char *const *names = rc_report_writer_names();
	size_t i;

	for (i = 0; names[i]; i++) {
		const struct rc_report_writer *w =
			rc_report_writer_find(names[i]);
		struct rc_buf a = RC_BUF_INIT, b = RC_BUF_INIT;

		if (w->write(r, o, &a) || w->write(r, o, &b))
			abort();
		if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len))
			abort();
		if (!strcmp(w->name, "json")) {
			struct rc_doc *doc = NULL;
			struct rc_err err = RC_ERR_INIT;

			if (rc_json_parse(&doc, a.ptr, a.len, "report.json",
					  &err))
				abort();
			rc_doc_free(doc);
		} else {
			check_clean(&a, o->color && !strcmp(w->name, "text"));
		}
		rc_buf_release(&a);
		rc_buf_release(&b);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct input in;
	static struct rc_check checks[MAXF];
	static struct rc_finding f[MAXF];
	static struct rc_roadmap_item road[MAXF];
	struct rc_report_kind kinds[2];
	const char *ecos[3];
	struct rc_diags diags = RC_DIAGS_INIT;
	struct rc_report r;
	struct rc_report_opts o;
	unsigned flags, c;
	size_t i, j;

	memset(&in, 0, sizeof(in));
	memset(checks, 0, sizeof(checks));
	memset(f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	in.p = data;
	in.n = size;

	flags = take(&in);
	o.color = flags & 1;
	o.verbose = flags & 2;
	o.quiet = flags & 4;
	r.tool_version = take_str(&in);
	r.name = take_str(&in);
	r.root = take_str(&in);
	r.profile = take_str(&in);
	r.fail_under = (int)take(&in) - 28; /* some negative: no gate */
	r.files = take(&in);
	r.bytes = (uint64_t)take(&in) << (take(&in) % 48);
	r.skipped = take(&in);

	r.nkinds = take(&in) % 3;
	for (i = 0; i < r.nkinds; i++) {
		kinds[i].kind = take_str(&in);
		kinds[i].reason = take_str(&in);
		kinds[i].path = take_str(&in);
		kinds[i].line = take(&in);
	}
	r.kinds = kinds;
	j = take(&in) % 3;
	for (i = 0; i < j; i++) {
		const char *e = take_str(&in);

		ecos[i] = e ? e : "";
	}
	ecos[j] = NULL;
	r.ecosystems = (flags & 8) ? NULL : ecos;

	r.score.total = take_num(&in);
	r.score.level = take(&in) % 4;
	for (c = 0; c < RC_CAT_COUNT; c++) {
		unsigned b = take(&in);

		r.score.cat[c].applicable = b & 1;
		r.score.cat[c].weight = b >> 1;
		r.score.cat[c].weight_eff = take_num(&in);
		r.score.cat[c].score = take_num(&in);
		r.score.cat[c].points = take(&in);
		r.score.cat[c].max_points = take(&in);
		r.score.cat[c].passed = take(&in) % 8;
		r.score.cat[c].failed = take(&in) % 8;
		r.score.cat[c].na = take(&in) % 8;
	}

	r.nfindings = take(&in) % (MAXF + 1);
	for (i = 0; i < r.nfindings; i++) {
		struct rc_check *k = &checks[i];
		unsigned b = take(&in);

		k->id = take_str(&in);
		if (!k->id)
			k->id = "x";
		k->title = take_str(&in);
		k->category = take(&in) % RC_CAT_COUNT;
		k->severity = b % 4;
		k->effort = (b >> 2) % 3;
		k->manual = b & 0x80;
		k->why = take_str(&in);
		k->remediation = take_str(&in);
		f[i].check = (b & 0x40) && i == 0 ? NULL : k;
		f[i].package = take_str(&in);
		f[i].waiver = take_str(&in);
		f[i].outcome.status = take(&in) % 5;
		f[i].outcome.nev = take(&in) % 4;
		for (j = 0; j < f[i].outcome.nev; j++) {
			struct rc_evidence *e = &f[i].outcome.ev[j];

			e->path = take_str(&in);
			e->line = take(&in);
			e->snippet = take_str(&in);
			e->text = take_str(&in);
		}
	}
	r.findings = f;
	r.nroadmap = take(&in) % (MAXF + 1);
	for (i = 0; i < r.nroadmap; i++) {
		road[i].index = take(&in) % (MAXF + 2);
		road[i].gain = take_num(&in);
	}
	r.roadmap = road;

	j = take(&in) % 4;
	for (i = 0; i < j; i++) {
		const char *path = take_str(&in), *msg = take_str(&in);
		unsigned line = take(&in), col = take(&in);

		if (rc_diags_add(&diags, (enum rc_diag_level)(line % 3), path,
				 line, col, "%s", msg ? msg : ""))
			abort();
	}
	r.diags = (flags & 16) ? NULL : &diags;

	run(&r, &o);
	rc_diags_release(&diags);
	return 0;
}
