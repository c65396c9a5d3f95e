/*
 * test_report.c - the report writers (text, md, json) on a synthetic report:
 * several categories, passes, failures with evidence, n/a, manual, waived,
 * diagnostics and a roadmap. Asserts exact key lines of each format, the
 * 80-column layout, escaping of hostile strings, byte-identical reruns,
 * allocation failures, and validates the JSON against the schema with
 * tests/e2e/schema_validate.py.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/diag.h"
#include "report/report.h"

#ifndef RC_SOURCE_DIR
#define RC_SOURCE_DIR "."
#endif

/* ---- the synthetic report ---------------------------------------------- */

enum {
	F_SECPOL,
	F_DEPUPD,
	F_SECRETS,
	F_SBOM,
	F_AUDIT,
	F_RATE,
	F_LICENSE,
	F_CHANGELOG,
	F_RELWF,
	F_LOGGING,
	F_README,
	F_CODEOWNERS,
	F_MIGRATIONS,
	NF
};

static struct rc_check checks[NF] = {
	[F_SECPOL] = { .id = "security-policy",
		       .title = "Add a security policy",
		       .category = RC_CAT_SECURITY,
		       .severity = RC_SEV_CRITICAL,
		       .effort = RC_EFFORT_QUICK,
		       .why = "Reporters need a private channel.",
		       .remediation = "Add SECURITY.md saying how to report a "
				      "vulnerability (an email address or "
				      "GitHub private reporting)." },
	[F_DEPUPD] = { .id = "dependency-updates",
		       .title = "Automated dependency updates",
		       .category = RC_CAT_SECURITY,
		       .severity = RC_SEV_MEDIUM,
		       .effort = RC_EFFORT_QUICK },
	[F_SECRETS] = { .id = "secrets-none",
			.title = "No secrets in the tree",
			.category = RC_CAT_SECURITY,
			.severity = RC_SEV_CRITICAL,
			.effort = RC_EFFORT_QUICK,
			.remediation = "Revoke the secret, then remove it "
				       "from the tree\nand from history." },
	[F_SBOM] = { .id = "sbom-generation",
		     .title = "Generate an SBOM",
		     .category = RC_CAT_SECURITY,
		     .severity = RC_SEV_MEDIUM,
		     .effort = RC_EFFORT_DAY },
	[F_AUDIT] = { .id = "security-audit",
		      .title = "Third-party security audit",
		      .category = RC_CAT_SECURITY,
		      .severity = RC_SEV_HIGH,
		      .effort = RC_EFFORT_WEEK,
		      .manual = true,
		      .remediation = "Attest it under `attest:` in "
				     ".readycheck.yml." },
	[F_RATE] = { .id = "rate-limiting",
		     .title = "Rate limiting",
		     .category = RC_CAT_SECURITY,
		     .severity = RC_SEV_MEDIUM,
		     .effort = RC_EFFORT_DAY },
	[F_LICENSE] = { .id = "license",
			.title = "License file",
			.category = RC_CAT_RELEASE,
			.severity = RC_SEV_CRITICAL,
			.effort = RC_EFFORT_QUICK },
	[F_CHANGELOG] = { .id = "changelog",
			  .title = "Keep a changelog",
			  .category = RC_CAT_RELEASE,
			  .severity = RC_SEV_MEDIUM,
			  .effort = RC_EFFORT_QUICK,
			  .remediation = "Add CHANGELOG.md with an entry per "
					 "release." },
	[F_RELWF] = { .id = "release-workflow",
		      .title = "Release workflow",
		      .category = RC_CAT_RELEASE,
		      .severity = RC_SEV_MEDIUM,
		      .effort = RC_EFFORT_DAY,
		      .remediation = "Publish releases from a workflow that "
				     "runs on tags." },
	[F_LOGGING] = { .id = "structured-logging",
			.title = "Structured logging",
			.category = RC_CAT_OBSERVABILITY,
			.severity = RC_SEV_HIGH,
			.effort = RC_EFFORT_WEEK,
			.remediation = "Log JSON through tracing-subscriber "
				       "with the json feature." },
	[F_README] = { .id = "readme",
		       .title = "README with install and usage",
		       .category = RC_CAT_DOCS,
		       .severity = RC_SEV_CRITICAL,
		       .effort = RC_EFFORT_QUICK },
	[F_CODEOWNERS] = { .id = "codeowners",
			   .title = "CODEOWNERS file",
			   .category = RC_CAT_DOCS,
			   .severity = RC_SEV_LOW,
			   .effort = RC_EFFORT_QUICK,
			   .remediation = "Add .github/CODEOWNERS." },
	[F_MIGRATIONS] = { .id = "schema-migrations",
			   .title = "Schema migrations",
			   .category = RC_CAT_DATA,
			   .severity = RC_SEV_HIGH,
			   .effort = RC_EFFORT_DAY },
};

static const char *ecosystems[] = { "rust", "python", NULL };

static struct rc_report_kind kinds[] = {
	{ "service", "actix-web in Cargo.toml dependencies", "Cargo.toml", 14 },
	{ "cli", "[[bin]] in Cargo.toml", "Cargo.toml", 20 },
};

struct fixture {
	struct rc_report r;
	struct rc_finding f[NF];
	struct rc_roadmap_item road[6];
	struct rc_diags diags;
};

static void ev(struct rc_finding *f, const char *path, unsigned line,
	       const char *snippet, const char *text)
{
	struct rc_evidence *e = &f->outcome.ev[f->outcome.nev++];

	e->path = path;
	e->line = line;
	e->snippet = snippet;
	e->text = text;
}

static void set_cat(struct rc_score *s, enum rc_category c, unsigned weight,
		    double weight_eff, unsigned points, unsigned max,
		    unsigned passed, unsigned failed)
{
	s->cat[c].applicable = max > 0;
	s->cat[c].weight = weight;
	s->cat[c].weight_eff = max ? weight_eff : 0;
	s->cat[c].points = points;
	s->cat[c].max_points = max;
	s->cat[c].score = max ? 100.0 * points / max : 0;
	s->cat[c].passed = passed;
	s->cat[c].failed = failed;
}

/*
 * Scores worked by hand from score.h's rules: applicable categories
 * security 15, release 12, observability 12, docs 5 (sum 44, renormalised).
 */
static void build(struct fixture *x)
{
	static const unsigned defaults[RC_CAT_COUNT] = { 15, 12, 12, 12, 10,
							 10, 10, 8,  6,	 5 };
	struct rc_report *r = &x->r;
	struct rc_score *s = &r->score;
	double w_sec = 1500.0 / 44, w_rel = 1200.0 / 44, w_obs = 1200.0 / 44,
	       w_doc = 500.0 / 44;
	unsigned c;
	size_t i;

	memset(x, 0, sizeof(*x));
	for (i = 0; i < NF; i++) {
		x->f[i].check = &checks[i];
		x->f[i].package = ".";
		x->f[i].outcome.status = RC_STATUS_FAIL;
	}
	ev(&x->f[F_SECPOL], NULL, 0, NULL,
	   "no file matches SECURITY.md, .github/SECURITY.md, "
	   "docs/SECURITY.md");
	x->f[F_DEPUPD].outcome.status = RC_STATUS_PASS;
	ev(&x->f[F_DEPUPD], ".github/dependabot.yml", 0, NULL, "found");
	ev(&x->f[F_SECRETS], "config/app.yml", 3,
	   "token = `AKIA****` # see `docs`", "secret found");
	x->f[F_SBOM].outcome.status = RC_STATUS_WAIVED;
	x->f[F_SBOM].waiver = "internal tool, no distribution";
	x->f[F_AUDIT].outcome.status = RC_STATUS_MANUAL;
	x->f[F_RATE].outcome.status = RC_STATUS_NA;
	x->f[F_LICENSE].outcome.status = RC_STATUS_PASS;
	ev(&x->f[F_LICENSE], "LICENSE", 1, "MIT License", "found");
	ev(&x->f[F_CHANGELOG], NULL, 0, NULL,
	   "no file matches CHANGELOG.md, CHANGES, HISTORY, NEWS");
	ev(&x->f[F_RELWF], NULL, 0, NULL,
	   "no workflow runs on a tag push or a release");
	ev(&x->f[F_LOGGING], "Cargo.toml", 9, "env_logger = \"0.11\"",
	   "plain logger only");
	ev(&x->f[F_LOGGING], "src/main.rs", 4, "env_logger::init();",
	   "plain logger only");
	x->f[F_README].outcome.status = RC_STATUS_PASS;
	ev(&x->f[F_README], "README.md", 12, "## Installation",
	   "install section");
	x->f[F_CODEOWNERS].package = "services/api";
	ev(&x->f[F_CODEOWNERS], NULL, 0, NULL,
	   "no file matches CODEOWNERS, .github/CODEOWNERS, "
	   "docs/CODEOWNERS");
	x->f[F_MIGRATIONS].outcome.status = RC_STATUS_NA;

	for (c = 0; c < RC_CAT_COUNT; c++)
		s->cat[c].weight = defaults[c];
	set_cat(s, RC_CAT_SECURITY, 15, w_sec, 2, 18, 1, 2);
	s->cat[RC_CAT_SECURITY].na = 1;
	s->cat[RC_CAT_SECURITY].waived = 1;
	s->cat[RC_CAT_SECURITY].manual = 1;
	set_cat(s, RC_CAT_RELEASE, 12, w_rel, 8, 12, 1, 2);
	set_cat(s, RC_CAT_OBSERVABILITY, 12, w_obs, 0, 4, 0, 1);
	set_cat(s, RC_CAT_DOCS, 5, w_doc, 8, 9, 1, 1);
	s->cat[RC_CAT_DATA].na = 1;
	s->total = w_sec * 2 / 18 + w_rel * 8 / 12 + w_doc * 8 / 9;
	s->level = RC_LEVEL_NONE;

	/* gain per hour: quick 1, day 8, week 40 */
	x->road[0] = (struct rc_roadmap_item){ F_SECPOL, w_sec * 8 / 18 };
	x->road[1] = (struct rc_roadmap_item){ F_SECRETS, w_sec * 8 / 18 };
	x->road[2] = (struct rc_roadmap_item){ F_CHANGELOG, w_rel * 2 / 12 };
	x->road[3] = (struct rc_roadmap_item){ F_CODEOWNERS, w_doc * 1 / 9 };
	x->road[4] = (struct rc_roadmap_item){ F_LOGGING, w_obs };
	x->road[5] = (struct rc_roadmap_item){ F_RELWF, w_rel * 2 / 12 };

	assert_int_equal(rc_diags_add(&x->diags, RC_DIAG_WARNING, "Cargo.toml",
				      14, 3, "unknown key 'wieghts'"),
			 0);
	assert_int_equal(rc_diags_add(&x->diags, RC_DIAG_NOTE, "assets/big.bin",
				      0, 0, "skipped: larger than 1 MiB"),
			 0);
	assert_int_equal(rc_diags_add(&x->diags, RC_DIAG_ERROR, NULL, 0, 0,
				      "no git repository"),
			 0);

	r->tool_version = "0.1.0";
	r->root = "/src/demo-repo/";
	r->profile = "auto";
	r->ecosystems = ecosystems;
	r->kinds = kinds;
	r->nkinds = RC_ARRAY_SIZE(kinds);
	r->findings = x->f;
	r->nfindings = NF;
	r->roadmap = x->road;
	r->nroadmap = RC_ARRAY_SIZE(x->road);
	r->diags = &x->diags;
	r->files = 42;
	r->bytes = 1536;
	r->skipped = 2;
	r->fail_under = 80;
}

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));

	if (!x)
		return -1;
	build(x);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;

	rc_diags_release(&x->diags);
	free(x);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static char *render(const char *fmt, const struct rc_report *r, bool color,
		    bool verbose, bool quiet)
{
	const struct rc_report_writer *w = rc_report_writer_find(fmt);
	struct rc_report_opts o = { color, verbose, quiet };
	struct rc_buf b = RC_BUF_INIT;

	assert_non_null(w);
	assert_int_equal(w->write(r, &o, &b), 0);
	return rc_buf_detach(&b, NULL);
}

/* Whether text has line as one whole line. */
static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line))) {
		if ((p == text || p[-1] == '\n') &&
		    (p[n] == '\n' || p[n] == '\0'))
			return true;
		p++;
	}
	return false;
}

#define assert_line(text, line)                                             \
	do {                                                                \
		if (!has_line((text), (line)))                              \
			fail_msg("line not found: \"%s\"\nin:\n%s", (line), \
				 (text));                                   \
	} while (0)

/* Longest line in terminal columns (UTF-8 code points). */
static size_t widest(const char *text)
{
	size_t w = 0, max = 0;

	for (; *text; text++) {
		if (*text == '\n') {
			w = 0;
			continue;
		}
		if (((unsigned char)*text & 0xc0) != 0x80 && ++w > max)
			max = w;
	}
	return max;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Run the schema validator on text; skip when python3 or jsonschema is
 * missing. */
static void validate_json(const char *text)
{
	char path[] = "/tmp/test_report_XXXXXX";
	char cmd[1024];
	int fd = mkstemp(path), status;

	assert_true(fd >= 0);
	close(fd);
	write_file(path, text);
	snprintf(cmd, sizeof(cmd),
		 "python3 '%s/tests/e2e/schema_validate.py' "
		 "'%s/schema/report.schema.json' '%s'",
		 RC_SOURCE_DIR, RC_SOURCE_DIR, path);
	status = system(cmd);
	unlink(path);
	assert_true(status != -1 && WIFEXITED(status));
	if (WEXITSTATUS(status) == 77 || WEXITSTATUS(status) == 127)
		skip(); /* no python3-jsonschema, or no python3 */
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- tests -------------------------------------------------------------- */

static void test_report__writer_table(void **state)
{
	const char *const *names = rc_report_writer_names();
	size_t i;

	(void)state;
	for (i = 0; names[i]; i++) {
		const struct rc_report_writer *w =
			rc_report_writer_find(names[i]);

		assert_non_null(w);
		assert_string_equal(w->name, names[i]);
		assert_non_null(w->write);
	}
	assert_int_equal(i, 3);
	assert_string_equal(names[0], "text");
	assert_string_equal(names[1], "md");
	assert_string_equal(names[2], "json");
	assert_null(rc_report_writer_find("markdown"));
	assert_null(rc_report_writer_find(""));
	assert_null(rc_report_writer_find(NULL));
}

static void test_report__evidence_loc(void **state)
{
	struct rc_evidence a = { "src/main.rs", 14, "x", "found" };
	struct rc_evidence b = { "SECURITY.md", 0, NULL, "found" };
	struct rc_evidence c = { NULL, 7, NULL, "no file matches SECURITY.md" };
	struct rc_evidence d = { "", 0, NULL, NULL };
	struct rc_buf buf = RC_BUF_INIT;

	(void)state;
	assert_int_equal(rc_report_evidence_loc(&a, &buf), 0);
	assert_string_equal(buf.ptr, "src/main.rs:14");
	rc_buf_reset(&buf);
	rc_report_evidence_loc(&b, &buf);
	assert_string_equal(buf.ptr, "SECURITY.md");
	rc_buf_reset(&buf);
	rc_report_evidence_loc(&c, &buf);
	assert_string_equal(buf.ptr, "no file matches SECURITY.md");
	rc_buf_reset(&buf);
	rc_report_evidence_loc(&d, &buf);
	assert_string_equal(buf.ptr, "");
	rc_buf_release(&buf);
}

static void test_report__add_line(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	char big[300];
	const char *s;

	(void)state;
	s = "a\tb\nc\033[31mred\x7f\x01";
	rc_report_add_line(&b, s, strlen(s), 0);
	assert_string_equal(b.ptr, "a b c?[31mred??");
	rc_buf_reset(&b);
	/* invalid UTF-8, a C1 control (U+009B CSI), a bidi override */
	s = "x\xff\xc2\x9b\xe2\x80\xae\xc3\xa9y";
	rc_report_add_line(&b, s, strlen(s), 0);
	assert_string_equal(b.ptr, "x???\xc3\xa9y");
	rc_buf_reset(&b);
	/* cut at 200 bytes with "...", on a character boundary */
	memset(big, 'a', sizeof(big));
	big[195] = '\xc3';
	big[196] = '\xa9';
	rc_report_add_line(&b, big, sizeof(big), RC_REPORT_SNIPPET_MAX);
	assert_int_equal(b.len, 200);
	assert_memory_equal(b.ptr + 193, "aa\xc3\xa9...", 8);
	rc_buf_reset(&b);
	/* a character across the cut is dropped whole */
	big[195] = 'a';
	big[196] = '\xc3';
	big[197] = '\xa9';
	rc_report_add_line(&b, big, sizeof(big), RC_REPORT_SNIPPET_MAX);
	assert_int_equal(b.len, 199);
	assert_memory_equal(b.ptr + 193, "aaa...", 7);
	rc_buf_reset(&b);
	rc_report_add_line(&b, big, 200, RC_REPORT_SNIPPET_MAX);
	assert_int_equal(b.len, 200);
	assert_int_equal(b.ptr[199], 'a');
	rc_buf_reset(&b);
	rc_report_add_line(&b, "abcdef", 6, 4);
	assert_string_equal(b.ptr, "a...");
	rc_buf_release(&b);
}

static void test_report__numbers_and_names(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_report r;

	(void)state;
	rc_report_add_num(&b, 72.0);
	rc_buf_addc(&b, ' ');
	rc_report_add_num(&b, 13.333);
	rc_buf_addc(&b, ' ');
	rc_report_add_num(&b, -0.01);
	rc_buf_addc(&b, ' ');
	rc_report_add_num(&b, NAN);
	rc_buf_addc(&b, ' ');
	rc_report_add_num(&b, 99.96);
	assert_string_equal(b.ptr, "72 13.3 0 0 100");
	rc_buf_reset(&b);
	rc_report_add_size(&b, 1);
	rc_buf_addc(&b, ' ');
	rc_report_add_size(&b, 1536);
	rc_buf_addc(&b, ' ');
	rc_report_add_size(&b, 3u << 20);
	assert_string_equal(b.ptr, "1 byte 1.5 KiB 3 MiB");
	rc_buf_reset(&b);

	memset(&r, 0, sizeof(r));
	r.root = "/src/demo-repo//";
	rc_report_add_name(&b, &r);
	assert_string_equal(b.ptr, "demo-repo");
	rc_buf_reset(&b);
	r.root = "/";
	rc_report_add_name(&b, &r);
	assert_string_equal(b.ptr, "/");
	rc_buf_reset(&b);
	r.root = NULL;
	rc_report_add_name(&b, &r);
	assert_string_equal(b.ptr, ".");
	rc_buf_reset(&b);
	r.name = "acme-api";
	rc_report_add_name(&b, &r);
	assert_string_equal(b.ptr, "acme-api");
	rc_buf_release(&b);

	assert_string_equal(rc_report_group_name(RC_EFFORT_QUICK), "quick");
	assert_string_equal(rc_report_group_name(RC_EFFORT_DAY), "next");
	assert_string_equal(rc_report_group_name(RC_EFFORT_WEEK), "later");
}

static void test_report__category_order(void **state)
{
	struct fixture *x = *state;
	size_t idx[NF], n;

	n = rc_report_category_order(&x->r, RC_CAT_SECURITY, idx);
	assert_int_equal(n, 6);
	assert_int_equal(idx[0], F_SECPOL);
	assert_int_equal(idx[1], F_SECRETS);
	assert_int_equal(idx[2], F_AUDIT);
	assert_int_equal(idx[3], F_SBOM);
	assert_int_equal(idx[4], F_DEPUPD);
	assert_int_equal(idx[5], F_RATE);
	n = rc_report_category_order(&x->r, RC_CAT_TESTING, idx);
	assert_int_equal(n, 0);
}

static const char *const text_lines[] = {
	"readycheck 0.1.0  /src/demo-repo/",
	"  kinds       service (actix-web in Cargo.toml dependencies)",
	"              cli ([[bin]] in Cargo.toml)",
	"  ecosystems  rust, python",
	"  profile     auto",
	"  scanned     42 files, 1.5 KiB (2 skipped)",
	"Score 32.1/100 (no level)",
	"Gate (fail under 80): failed",
	"Security and supply chain    weight 34  score  11%  [#---------]",
	"  FAIL    critical  Add a security policy [security-policy]",
	"                    no file matches SECURITY.md, .github/SECURITY.md,",
	"                    docs/SECURITY.md",
	"  FAIL    critical  No secrets in the tree [secrets-none]",
	"                    secret found in config/app.yml:3: token = "
	"`AKIA****` # see",
	"                    `docs`",
	"  waived  medium    Generate an SBOM [sbom-generation]",
	"                    waived: internal tool, no distribution",
	"  1 passed, 2 failed, 1 n/a, 1 waived, 1 manual",
	"Release engineering          weight 27  score  67%  [#######---]",
	"  FAIL    medium    Keep a changelog [changelog]",
	"Observability                weight 27  score   0%  [----------]",
	"  FAIL    high      Structured logging [structured-logging]",
	"                    plain logger only in Cargo.toml:9: env_logger = "
	"\"0.11\"",
	"                    plain logger only in src/main.rs:4: "
	"env_logger::init();",
	"  0 passed, 1 failed, 0 n/a",
	"Documentation and community  weight 11  score  89%  [#########-]",
	"  FAIL    low       CODEOWNERS file [codeowners] (services/api)",
	"Not applicable: Reliability and resilience, Scalability and "
	"performance, Data",
	"  integrity and contracts, Testing and quality gates, Configuration "
	"and",
	"  environment, Operations and deployment",
	"Quick wins (under an hour each)",
	"  +15.2  Add a security policy [security-policy]",
	"  +15.2  No secrets in the tree [secrets-none]",
	"   +4.5  Keep a changelog [changelog]",
	"   +1.3  CODEOWNERS file [codeowners]",
	"Roadmap to 100%",
	"  first the quick wins above, then",
	"  next (about a day each)",
	"   +4.5  Release workflow [release-workflow]",
	"  later (a week or more each)",
	"  +27.3  Structured logging [structured-logging]",
	"Diagnostics",
	"  warning  Cargo.toml:14:3: unknown key 'wieghts'",
	"  note     assets/big.bin: skipped: larger than 1 MiB",
	"  error    no git repository",
};

static void test_report__text(void **state)
{
	struct fixture *x = *state;
	char *out = render("text", &x->r, false, false, false);
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(text_lines); i++)
		assert_line(out, text_lines[i]);
	/* passes, manual items and n/a only with --verbose */
	assert_null(strstr(out, "[dependency-updates]"));
	assert_null(strstr(out, "[security-audit]"));
	assert_null(strstr(out, "[rate-limiting]"));
	assert_null(strstr(out, "fix:"));
	assert_null(strchr(out, '\033'));
	assert_true(widest(out) <= 80);
	assert_int_equal(out[strlen(out) - 1], '\n');
	rc_free(out);
}

static void test_report__text_verbose(void **state)
{
	struct fixture *x = *state;
	char *out = render("text", &x->r, false, true, false);

	assert_line(out, "  pass    medium    Automated dependency updates "
			 "[dependency-updates]");
	assert_line(out, "                    found in .github/dependabot.yml");
	assert_line(out, "  manual  high      Third-party security audit "
			 "[security-audit]");
	assert_line(out, "                    fix: Attest it under `attest:` "
			 "in .readycheck.yml.");
	assert_line(out, "  n/a     medium    Rate limiting [rate-limiting]");
	assert_line(out, "  pass    critical  License file [license]");
	assert_line(out, "                    found in LICENSE:1: MIT License");
	assert_line(out, "                    fix: Revoke the secret, then "
			 "remove it from the tree and");
	assert_line(out, "                    from history.");
	assert_true(widest(out) <= 80);
	rc_free(out);
}

static void test_report__text_quiet(void **state)
{
	struct fixture *x = *state;
	char *out = render("text", &x->r, false, false, true);

	assert_string_equal(
		out,
		"Score 32.1/100 (no level)\n"
		"Gate (fail under 80): failed\n"
		"  FAIL    critical  Add a security policy [security-policy]\n"
		"                    no file matches SECURITY.md, "
		".github/SECURITY.md,\n"
		"                    docs/SECURITY.md\n"
		"  FAIL    critical  No secrets in the tree [secrets-none]\n"
		"                    secret found in config/app.yml:3: token = "
		"`AKIA****` # see\n"
		"                    `docs`\n"
		"  FAIL    medium    Keep a changelog [changelog]\n"
		"                    no file matches CHANGELOG.md, CHANGES, "
		"HISTORY, NEWS\n"
		"  FAIL    medium    Release workflow [release-workflow]\n"
		"                    no workflow runs on a tag push or a "
		"release\n"
		"  FAIL    high      Structured logging [structured-logging]\n"
		"                    plain logger only in Cargo.toml:9: "
		"env_logger = \"0.11\"\n"
		"                    plain logger only in src/main.rs:4: "
		"env_logger::init();\n"
		"  FAIL    low       CODEOWNERS file [codeowners] "
		"(services/api)\n"
		"                    no file matches CODEOWNERS, "
		".github/CODEOWNERS,\n"
		"                    docs/CODEOWNERS\n");
	rc_free(out);
}

static void test_report__text_color(void **state)
{
	struct fixture *x = *state;
	char *out = render("text", &x->r, true, true, false);

	assert_non_null(strstr(out, "\033[1mScore 32.1/100 (no level)\033[0m"));
	assert_non_null(strstr(out, "  \033[31mFAIL\033[0m    critical  "));
	assert_non_null(strstr(out, "  \033[32mpass\033[0m    medium    "));
	assert_non_null(strstr(out, "\033[33mwarning\033[0m"));
	assert_non_null(strstr(out, "\033[2mn/a\033[0m"));
	assert_non_null(strstr(out, "\033[1mSecurity and supply chain\033[0m"));
	rc_free(out);
}

static void test_report__markdown(void **state)
{
	struct fixture *x = *state;
	char *out = render("md", &x->r, false, false, false);
	static const char *const lines[] = {
		"# Production readiness: demo-repo",
		"| Item | Value |",
		"|---|---|",
		"| Score | **32.1/100** |",
		"| Level | none |",
		"| Kinds | service (actix-web in Cargo.toml dependencies); cli "
		"(\\[\\[bin\\]\\] in Cargo.toml) |",
		"| Ecosystems | rust, python |",
		"| Profile | auto |",
		"| Files scanned | 42 (1.5 KiB), 2 skipped |",
		"| Gate | fail under 80: failed |",
		"## Score by category",
		"| Category | Weight | Score | Passed |",
		"|---|---:|---:|---:|",
		"| Security and supply chain | 34.1% | 11.1% | 1/3 |",
		"| Release engineering | 27.3% | 66.7% | 1/3 |",
		"| Observability | 27.3% | 0% | 0/1 |",
		"| Reliability and resilience | n/a | n/a | 0/0 |",
		"| Documentation and community | 11.4% | 88.9% | 1/2 |",
		"| **Total** | 100% | **32.1%** | 3/9 |",
		"## Security and supply chain (weight 34.1%)",
		"- [ ] **Add a security policy** (`security-policy`, "
		"critical): "
		"no file matches SECURITY.md, .github/SECURITY.md, "
		"docs/SECURITY.md. Fix: Add SECURITY.md saying how to report a "
		"vulnerability (an email address or GitHub private reporting).",
		"- [ ] **No secrets in the tree** (`secrets-none`, critical): "
		"secret found in `config/app.yml:3`: "
		"`` token = `AKIA****` # see `docs` ``. Fix: Revoke the "
		"secret, "
		"then remove it from the tree",
		"  and from history.",
		"- [ ] (manual) **Third-party security audit** "
		"(`security-audit`, high). Fix: Attest it under `attest:` in "
		".readycheck.yml.",
		"- [ ] ~~**Generate an SBOM** (`sbom-generation`, medium)~~ "
		"waived: internal tool, no distribution",
		"- [x] **Automated dependency updates** "
		"(`dependency-updates`): "
		"found in `.github/dependabot.yml`",
		"Not applicable here: `rate-limiting`.",
		"## Release engineering (weight 27.3%)",
		"- [x] **License file** (`license`): found in `LICENSE:1`: "
		"`MIT License`",
		"## Observability (weight 27.3%)",
		"- [ ] **Structured logging** (`structured-logging`, high): "
		"plain logger only in `Cargo.toml:9`: `env_logger = \"0.11\"`; "
		"plain logger only in `src/main.rs:4`: `env_logger::init();`. "
		"Fix: Log JSON through tracing-subscriber with the json "
		"feature.",
		"## Data integrity and contracts (not applicable)",
		"Not applicable here: `schema-migrations`.",
		"## Documentation and community (weight 11.4%)",
		"- [ ] **CODEOWNERS file** (`codeowners`, low, in "
		"`services/api`): no file matches CODEOWNERS, "
		".github/CODEOWNERS, docs/CODEOWNERS. Fix: Add "
		".github/CODEOWNERS.",
		"- [x] **README with install and usage** (`readme`): install "
		"section in `README.md:12`: `## Installation`",
		"## Quick wins",
		"- [ ] **Add a security policy** (`security-policy`, "
		"critical): "
		"+15.2 points",
		"- [ ] **CODEOWNERS file** (`codeowners`, low, in "
		"`services/api`): +1.3 points",
		"## Roadmap to 100%",
		"Start with the quick wins above (+36.1 points in all), then:",
		"### Next: a day",
		"1. **Release workflow** (`release-workflow`, medium): +4.5 "
		"points",
		"### Later: a week or more",
		"1. **Structured logging** (`structured-logging`, high): +27.3 "
		"points",
		"## Notes",
		"- warning: `Cargo.toml:14:3`: unknown key 'wieghts'",
		"- note: `assets/big.bin`: skipped: larger than 1 MiB",
		"- error: no git repository",
		"Generated by readycheck 0.1.0.",
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(lines); i++)
		assert_line(out, lines[i]);
	/* categories without any check are in the table only */
	assert_null(strstr(out, "## Reliability and resilience"));
	/* the section order follows the framework */
	assert_true(strstr(out, "## Security and supply chain") <
		    strstr(out, "## Release engineering"));
	assert_true(strstr(out, "## Documentation and community") <
		    strstr(out, "## Quick wins"));
	assert_true(strstr(out, "## Quick wins") <
		    strstr(out, "## Roadmap to 100%"));
	rc_free(out);
}

/* Hostile strings from a repository: Markdown metacharacters, backticks,
 * HTML, control characters, overlong snippets. */
static void test_report__markdown_escaping(void **state)
{
	struct fixture *x = *state;
	struct rc_check c = checks[F_SECPOL];
	char big[400];
	char *out;

	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	c.title = "Use *strong* <b>crypto</b> | now";
	c.remediation = "Run `a<b>` then <script>x</script>\n\n  and `` ` ``.";
	x->f[F_SECPOL].check = &c;
	x->f[F_SECPOL].outcome.nev = 0;
	ev(&x->f[F_SECPOL], "docs/**/my_file [1].md", 2, "``", "**/*.md &amp;");
	ev(&x->f[F_SECPOL], NULL, 0, big, NULL);
	x->r.name = "evil\033[2J #name_x_ |";
	out = render("md", &x->r, false, false, false);
	assert_line(out, "# Production readiness: evil?\\[2J \\#name_x\\_ \\|");
	assert_non_null(strstr(
		out, "- [ ] **Use \\*strong\\* \\<b\\>crypto\\</b\\> \\| now** "
		     "(`security-policy`, critical): `**/*.md &amp;` in "
		     "`docs/**/my_file [1].md:2`: ``` `` ```; `bbbb"));
	assert_non_null(strstr(out,
			       "bbb...`. Fix: Run `a<b>` then "
			       "\\<script>x\\</script>\n  and `` ` ``.\n"));
	/* the snippet is cut to 200 bytes, "..." included */
	{
		const char *p = strstr(out, "; `bbbb");

		assert_non_null(p);
		assert_int_equal(strstr(p, "...`") + 3 - (p + 3), 200);
	}
	assert_null(strstr(out,
			   "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
			   "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
			   "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
			   "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
			   "b"));
	assert_null(strchr(out, '\033'));
	rc_free(out);

	/* a huge remediation full of unmatched backtick runs is cut (and
	 * its code-span search stays bounded) */
	{
		static char huge[100001];
		const char *p;
		size_t i;

		for (i = 0; i < sizeof(huge) - 1; i++)
			huge[i] = "`` ` "[i % 5];
		c.remediation = huge;
		out = render("md", &x->r, false, false, false);
		p = strstr(out, ". Fix: ``");
		assert_non_null(p);
		assert_int_equal(strchr(p, '\n') - p, 7 + 4096 + 3);
		assert_memory_equal(strchr(p, '\n') - 3, "...", 3);
		rc_free(out);
	}
	out = render("text", &x->r, true, true, false);
	/* no escape sequence but ours: every ESC starts a known SGR code */
	{
		const char *p = out;

		while ((p = strchr(p, '\033'))) {
			assert_true(!strncmp(p, "\033[0m", 4) ||
				    !strncmp(p, "\033[1m", 4) ||
				    !strncmp(p, "\033[2m", 4) ||
				    !strncmp(p, "\033[31m", 5) ||
				    !strncmp(p, "\033[32m", 5) ||
				    !strncmp(p, "\033[33m", 5));
			p++;
		}
	}
	rc_free(out);
}

/* Long evidence is cut in md and text (JSON keeps it whole). */
static void test_report__evidence_limits(void **state)
{
	struct fixture *x = *state;
	struct rc_finding *f = &x->f[F_CHANGELOG];
	char long_text[401];
	char *out;
	const char *p;
	size_t i;

	memset(long_text, 'w', 400);
	long_text[400] = '\0';
	for (i = 4; i < 200; i += 8)
		long_text[i] = ' ';
	f->outcome.nev = 0;
	ev(f, NULL, 0, NULL, long_text);
	ev(f, "CHANGES", 0, NULL, "searched");
	ev(f, "HISTORY", 0, NULL, "searched");
	ev(f, "NEWS", 0, NULL, "searched");
	ev(f, "NEWS.md", 0, NULL, "searched");
	ev(f, "HISTORY", 0, NULL, "searched"); /* a repeat: shown once */

	out = render("md", &x->r, false, false, false);
	p = strstr(out, "(`changelog`, medium): ");
	assert_non_null(p);
	p += strlen("(`changelog`, medium): ");
	/* 300 bytes of text, then the next evidence */
	assert_int_equal(strstr(p, "...; ") + 3 - p, 300);
	assert_non_null(strstr(p, "...; searched in `CHANGES`; searched in "
				  "`HISTORY`; and 2 more. Fix: "));
	rc_free(out);

	out = render("text", &x->r, false, false, false);
	assert_line(out, "                    searched in CHANGES");
	assert_line(out,
		    "                    and 3 more (--verbose shows all)");
	assert_null(strstr(out, "searched in HISTORY"));
	assert_true(strstr(out, "www...") != NULL);
	rc_free(out);

	out = render("text", &x->r, false, true, false);
	assert_line(out, "                    searched in NEWS.md");
	assert_null(strstr(out, "www..."));
	assert_null(strstr(out, "more (--verbose"));
	/* 200 w's without a space are split at the margin */
	assert_true(widest(out) == 80);
	assert_non_null(strstr(out, "\n                    wwwwwwwwwwwwwwwwwwww"
				    "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww"
				    "\n"));
	rc_free(out);

	out = render("json", &x->r, false, false, false);
	assert_non_null(strstr(out, long_text));
	p = strstr(out, "\"path\": \"HISTORY\"");
	assert_non_null(p);
	assert_non_null(strstr(p + 1, "\"path\": \"HISTORY\""));
	assert_non_null(strstr(out, "\"path\": \"NEWS.md\""));
	rc_free(out);
}

static const char *const json_lines[] = {
	"{",
	"  \"schema\": \"readycheck/report/v1\",",
	"  \"tool\": {",
	"    \"name\": \"readycheck\",",
	"    \"version\": \"0.1.0\"",
	"  \"root\": \"/src/demo-repo/\",",
	"  \"profile\": \"auto\",",
	"      {",
	"        \"kind\": \"service\",",
	"        \"reason\": \"actix-web in Cargo.toml dependencies\",",
	"        \"path\": \"Cargo.toml\",",
	"        \"line\": 14",
	"    \"ecosystems\": [",
	"      \"rust\",",
	"      \"python\"",
	"  \"score\": {",
	"    \"total\": 32.1,",
	"    \"level\": \"none\",",
	"    \"fail_under\": 80",
	"      \"id\": \"security\",",
	"      \"title\": \"Security and supply chain\",",
	"      \"weight\": 15,",
	"      \"weight_effective\": 34.09,",
	"      \"score\": 11.1,",
	"      \"points\": 2,",
	"      \"max_points\": 18,",
	"      \"passed\": 1,",
	"      \"failed\": 2,",
	"      \"na\": 1,",
	"      \"waived\": 1,",
	"      \"manual\": 1",
	"      \"id\": \"reliability\",",
	"      \"weight_effective\": 0.00,",
	"      \"score\": 0.0,",
	"      \"check\": \"secrets-none\",",
	"      \"title\": \"No secrets in the tree\",",
	"      \"category\": \"security\",",
	"      \"severity\": \"critical\",",
	"      \"effort\": \"quick\",",
	"      \"status\": \"fail\",",
	"      \"package\": \".\",",
	"          \"path\": \"config/app.yml\",",
	"          \"line\": 3,",
	"          \"snippet\": \"token = `AKIA****` # see `docs`\",",
	"          \"text\": \"secret found\"",
	"      \"why\": null,",
	"      \"remediation\": \"Revoke the secret, then remove it from the "
	"tree\\nand from history.\"",
	"      \"status\": \"n-a\",",
	"      \"status\": \"waived\",",
	"      \"status\": \"manual\",",
	"      \"evidence\": [],",
	"          \"path\": null,",
	"          \"line\": null,",
	"          \"snippet\": null,",
	"          \"text\": \"no file matches SECURITY.md, "
	".github/SECURITY.md, "
	"docs/SECURITY.md\"",
	"      \"package\": \"services/api\",",
	"      \"check\": \"security-policy\",",
	"      \"gain\": 15.15,",
	"      \"effort\": \"quick\",",
	"      \"group\": \"quick\"",
	"      \"check\": \"structured-logging\",",
	"      \"gain\": 27.27,",
	"      \"effort\": \"week\",",
	"      \"group\": \"later\"",
	"      \"gain\": 4.55,",
	"      \"group\": \"next\"",
	"      \"level\": \"warning\",",
	"      \"path\": \"Cargo.toml\",",
	"      \"line\": 14,",
	"      \"col\": 3,",
	"      \"message\": \"unknown key 'wieghts'\"",
	"      \"level\": \"error\",",
	"      \"path\": null,",
	"      \"col\": null,",
	"  \"stats\": {",
	"    \"files\": 42,",
	"    \"bytes\": 1536,",
	"    \"skipped\": 2",
	"}",
};

static void test_report__json(void **state)
{
	struct fixture *x = *state;
	char *out = render("json", &x->r, true, true, true);
	char *again = render("json", &x->r, false, false, false);
	static const char *const order[] = {
		"\"schema\":",	    "\"tool\":",     "\"root\":",
		"\"profile\":",	    "\"project\":",  "\"score\":",
		"\"categories\":",  "\"findings\":", "\"roadmap\":",
		"\"diagnostics\":", "\"stats\":",
	};
	const char *prev = out;
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(json_lines); i++)
		assert_line(out, json_lines[i]);
	for (i = 0; i < RC_ARRAY_SIZE(order); i++) {
		const char *p = strstr(out, order[i]);

		assert_non_null(p);
		assert_true(p >= prev);
		prev = p;
	}
	/* options do not change JSON; reruns give the same bytes */
	assert_string_equal(out, again);
	assert_int_equal(out[strlen(out) - 1], '\n');
	validate_json(out);
	rc_free(out);
	rc_free(again);
}

static void test_report__json_hostile(void **state)
{
	struct fixture *x = *state;
	char big[400];
	char *out, *p;

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[196] = '\xc3'; /* a character across the cut */
	big[197] = '\xa9';
	x->f[F_SECPOL].outcome.nev = 0;
	ev(&x->f[F_SECPOL], "a\"b\\c\n", 1, big, "tab\there \033[31m\xff");
	x->r.fail_under = -1;
	x->r.ecosystems = NULL;
	out = render("json", &x->r, false, false, false);
	assert_line(out, "          \"path\": \"a\\\"b\\\\c\\n\",");
	assert_line(out,
		    "          \"text\": \"tab\\there \\u001b[31m\\ufffd\"");
	assert_line(out, "    \"fail_under\": null");
	assert_line(out, "    \"ecosystems\": []");
	p = strstr(out, "\"snippet\": \"zzz");
	assert_non_null(p);
	p += strlen("\"snippet\": \"");
	assert_int_equal(strchr(p, '"') - p, 199); /* 196 + "..." */
	assert_memory_equal(p + 193, "zzz...\"", 7);
	validate_json(out);
	rc_free(out);
}

static void test_report__empty(void **state)
{
	struct rc_report r;
	char *out;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.fail_under = -1;
	out = render("json", &r, false, false, false);
	assert_line(out, "  \"findings\": [],");
	assert_line(out, "  \"roadmap\": [],");
	assert_line(out, "  \"diagnostics\": [],");
	assert_line(out, "  \"root\": \".\",");
	validate_json(out);
	rc_free(out);
	out = render("md", &r, false, false, false);
	assert_line(out, "# Production readiness: .");
	assert_line(out, "| Kinds | none detected |");
	assert_line(out, "Nothing left: every applicable check passes.");
	assert_null(strstr(out, "## Notes"));
	rc_free(out);
	out = render("text", &r, false, false, false);
	assert_line(out, "  kinds       none detected");
	assert_line(out, "  nothing left: every applicable check passes");
	assert_line(out, "Score 0/100 (no level)");
	rc_free(out);
}

/* Every allocation failure gives RC_ENOMEM, never a crash or a leak. */
static void test_report__alloc_failures(void **state)
{
	struct fixture *x = *state;
	const char *const *names = rc_report_writer_names();
	size_t i;

	for (i = 0; names[i]; i++) {
		const struct rc_report_writer *w =
			rc_report_writer_find(names[i]);
		struct rc_report_opts o = { true, true, false };
		long n;
		int err = RC_ENOMEM;

		for (n = 0; err == RC_ENOMEM && n < 10000; n++) {
			struct rc_buf b = RC_BUF_INIT;

			rc_alloc_fail_after(n);
			err = w->write(&x->r, &o, &b);
			rc_alloc_fail_after(-1);
			rc_buf_release(&b);
		}
		assert_int_equal(err, 0);
		assert_true(n > 1);
	}
}

/* A ceiling on the output buffer gives RC_ETOOBIG. */
static void test_report__too_big(void **state)
{
	struct fixture *x = *state;
	const char *const *names = rc_report_writer_names();
	size_t i;

	for (i = 0; names[i]; i++) {
		struct rc_buf b;

		rc_buf_init(&b, 100);
		assert_int_equal(
			rc_report_writer_find(names[i])->write(&x->r, NULL, &b),
			RC_ETOOBIG);
		rc_buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__writer_table),
		cmocka_unit_test(test_report__evidence_loc),
		cmocka_unit_test(test_report__add_line),
		cmocka_unit_test(test_report__numbers_and_names),
		cmocka_unit_test_setup_teardown(test_report__category_order,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_report__text, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_report__text_verbose,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_report__text_quiet, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_report__text_color, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_report__markdown, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_report__markdown_escaping,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_report__evidence_limits,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_report__json, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_report__json_hostile,
						setup, teardown),
		cmocka_unit_test(test_report__empty),
		cmocka_unit_test_setup_teardown(test_report__alloc_failures,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_report__too_big, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
