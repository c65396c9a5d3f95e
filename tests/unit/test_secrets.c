/* Unit tests of src/secrets and the detector loader (rules/secret_rules.c):
 * confirmation (groups, keywords, entropy, allowlists, placeholders, inline
 * allow, baseline, generic detectors in tests and minified files,
 * lockfiles, multiline windows, overlaps), redaction and fingerprints, the
 * loader's errors, and the labelled corpus of every built-in detector
 * (tests/secrets/corpus/<id>.txt). */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/fs.h"
#include "rules/secret_rules.h"
#include "secrets/secrets.h"

#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

#define CORPUS RC_SOURCE_DIR "/tests/secrets/corpus"

static const char detectors[] =
	"secrets:\n"
	"  - id: tok\n"
	"    description: a token with a prefix\n"
	"    regex: '\\b(tok_[A-Za-z0-9]{20})\\b'\n"
	"    group: 1\n"
	"    severity: high\n"
	"  - id: ctx\n"
	"    description: a value in context\n"
	"    regex: '(?i)acme[_ ]?secret\\s*[:=]\\s*\"?([A-Za-z0-9/+]{24})'\n"
	"    group: 1\n"
	"    keywords: [ACME]\n"
	"    entropy: 3.5\n"
	"    allow: ['^SAMPLE']\n"
	"    severity: critical\n"
	"  - id: generic-secret\n"
	"    description: secret-ish name, random literal\n"
	"    regex: "
	"'(?i)(?:secret|token|password)\\w*\\s*[:=]\\s*\"([^\"\\s]{12,})\"'\n"
	"    group: 1\n"
	"    entropy: 3.0\n"
	"    severity: medium\n"
	"  - id: pem\n"
	"    description: a key block\n"
	"    regex: '-----BEGIN KEY-----\\s*([A-Za-z0-9+/=\\s]{32,})-----END "
	"KEY-----'\n"
	"    group: 1\n"
	"    multiline: true\n"
	"    severity: critical\n";

struct fx {
	struct rc_secrets *set;
	struct rc_secrets_scanner *sc;
	rc_secret_vec out;
	struct rc_secret_counts counts;
};

static struct rc_secrets_scanner *scanner(struct rc_secrets *set)
{
	struct rc_secrets_scanner *sc = NULL;
	struct rc_err err = RC_ERR_INIT;

	assert_int_equal(rc_secrets_scanner_new(&sc, set, NULL, NULL, &err), 0);
	return sc;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct rc_err err = RC_ERR_INIT;

	assert_non_null(f);
	assert_int_equal(rc_secrets_new(&f->set), 0);
	if (rc_secret_rules_add_yaml(f->set, detectors, strlen(detectors),
				     "test.yml", &err))
		fail_msg("%s", err.msg);
	f->sc = scanner(f->set);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	rc_secrets_scanner_free(f->sc);
	rc_secrets_free(f->set);
	rc_vec_free(&f->out);
	free(f);
	return 0;
}

/* Scan text as path; the number of findings. */
static size_t scan(struct fx *f, const char *path, const char *text)
{
	f->out.n = 0;
	memset(&f->counts, 0, sizeof(f->counts));
	assert_int_equal(rc_secrets_scan(f->sc, path, text, strlen(text),
					 &f->out, &f->counts),
			 0);
	return f->out.n;
}

static const char *rule_of(const struct fx *f, size_t i)
{
	return f->set->rules[f->out.v[i].rule].id;
}

static void test_secrets__prefix_group_position(void **state)
{
	struct fx *f = *state;
	const char *text = "x = 1\n  key = \"tok_aB3dE5fG7hI9jK1lM3nO\"\n";

	assert_int_equal(scan(f, "src/a.py", text), 1);
	assert_string_equal(rule_of(f, 0), "tok");
	assert_int_equal(f->out.v[0].line, 2);
	assert_int_equal(f->out.v[0].col, 10);
	assert_int_equal(f->out.v[0].length, 24);
	assert_string_equal(f->out.v[0].prefix, "tok_");
	assert_int_equal(strlen(f->out.v[0].fingerprint), RC_SECRET_FP_LEN);
	/* the secret itself is nowhere in the finding */
	assert_null(strstr(f->out.v[0].prefix, "aB3d"));
	/* two on one line, and a longer run is not a token */
	assert_int_equal(
		scan(f, "a",
		     "tok_aB3dE5fG7hI9jK1lM3nO tok_Zz3dE5fG7hI9jK1lM3nO"),
		2);
	assert_int_equal(scan(f, "a", "tok_aB3dE5fG7hI9jK1lM3nOPQ"), 0);
}

static void test_secrets__keywords_entropy_allow(void **state)
{
	struct fx *f = *state;

	assert_int_equal(
		scan(f, "a.env", "ACME_SECRET=q8Vb2Lm9Zx4Kp7Rt1Wn5Yc3H\n"), 1);
	assert_string_equal(rule_of(f, 0), "ctx");
	/* low entropy: a run of a few characters */
	assert_int_equal(
		scan(f, "a.env", "ACME_SECRET=abababababababababababab\n"), 0);
	/* the detector's allow regex */
	assert_int_equal(
		scan(f, "a.env", "ACME_SECRET=SAMPLEb2Lm9Zx4Kp7Rt1Wn5Yc3H\n"),
		0);
	assert_int_equal(f->counts.allow, 1);
}

static void test_secrets__placeholders_and_templates(void **state)
{
	struct fx *f = *state;

	assert_true(rc_secrets_placeholder("xxxxxxxxxxxx", 12));
	assert_true(rc_secrets_placeholder("AKIAIOSFODNN7EXAMPLE", 20));
	assert_true(rc_secrets_placeholder("${DB_PASSWORD}", 14));
	assert_true(rc_secrets_placeholder("<YOUR_TOKEN>", 12));
	assert_true(rc_secrets_placeholder("{{ .Values.token }}", 19));
	assert_true(rc_secrets_placeholder("aaaaaaaaaaaaaaaa", 16));
	assert_false(rc_secrets_placeholder("q8Vb2Lm9Zx4Kp7Rt1Wn5", 20));
	assert_int_equal(
		scan(f, "a.py", "password = \"${DB_PASSWORD_VALUE}\"\n"), 0);
	assert_int_equal(f->counts.placeholder, 1);
	assert_int_equal(scan(f, "a.py", "token = \"<YOUR_API_TOKEN_HERE>\"\n"),
			 0);
}

static void test_secrets__inline_allow_and_allowlists(void **state)
{
	struct fx *f = *state;
	const char *line = "k = \"tok_aB3dE5fG7hI9jK1lM3nO\"";
	char buf[128], fp[RC_SECRET_FP_LEN + 1];
	const char *fps[1] = { fp };
	const char *globs[] = { "docs/**" };

	snprintf(buf, sizeof(buf), "%s  # readycheck:allow\n", line);
	assert_int_equal(scan(f, "a.py", buf), 0);
	assert_int_equal(f->counts.inline_allow, 1);
	/* fingerprint allowlist: the same secret at another path is new */
	assert_int_equal(scan(f, "a.py", line), 1);
	memcpy(fp, f->out.v[0].fingerprint, sizeof(fp));
	assert_int_equal(rc_secrets_allow_fingerprints(f->set, fps, 1), 0);
	assert_int_equal(scan(f, "a.py", line), 0);
	assert_int_equal(f->counts.allow, 1);
	assert_int_equal(scan(f, "b.py", line), 1);
	/* path globs */
	assert_int_equal(rc_secrets_allow_paths(f->set, globs, 1), 0);
	assert_int_equal(scan(f, "docs/guide/setup.md", line), 0);
	assert_int_equal(scan(f, "src/setup.md", line), 1);
}

static void test_secrets__baseline_hides_generic_too(void **state)
{
	struct fx *f = *state;
	const char *line = "token = \"tok_aB3dE5fG7hI9jK1lM3nO\"\n";
	char fp[RC_SECRET_FP_LEN + 1];
	const char *fps[1] = { fp };

	/* the format detector wins over the generic one on the same value */
	assert_int_equal(scan(f, "a.py", line), 1);
	assert_string_equal(rule_of(f, 0), "tok");
	memcpy(fp, f->out.v[0].fingerprint, sizeof(fp));
	assert_int_equal(rc_secrets_set_baseline(f->set, fps, 1), 0);
	/* accepted: and the generic finding does not take its place */
	assert_int_equal(scan(f, "a.py", line), 0);
	assert_int_equal(f->counts.baseline, 1);
}

static void test_secrets__generic_quiet_in_tests_and_minified(void **state)
{
	struct fx *f = *state;
	const char *line = "password = \"q8Vb2Lm9Zx4Kp7Rt\"\n";
	struct rc_buf big = RC_BUF_INIT;

	assert_int_equal(scan(f, "src/db.py", line), 1);
	assert_string_equal(rule_of(f, 0), "generic-secret");
	assert_int_equal(scan(f, "tests/test_db.py", line), 0);
	assert_int_equal(scan(f, "spec/fixtures/db.yml", line), 0);
	assert_int_equal(scan(f, "static/app.min.js", line), 0);
	/* a line of minified code, whatever the file's name */
	rc_buf_addch_n(&big, ';', RC_SECRETS_MINIFIED);
	rc_buf_adds(&big, line);
	assert_int_equal(scan(f, "static/app.js", big.ptr), 0);
	rc_buf_release(&big);
	/* format detectors still apply there */
	assert_int_equal(
		scan(f, "tests/test_db.py", "t = tok_aB3dE5fG7hI9jK1lM3nO\n"),
		1);
}

static void test_secrets__lockfiles_skipped(void **state)
{
	struct fx *f = *state;
	const char *line = "tok_aB3dE5fG7hI9jK1lM3nO\n";

	assert_int_equal(scan(f, "package-lock.json", line), 0);
	assert_int_equal(scan(f, "sub/Cargo.lock", line), 0);
	assert_int_equal(scan(f, "go.sum", line), 0);
	assert_int_equal(scan(f, "lock.json", line), 1);
}

static void test_secrets__multiline_window(void **state)
{
	struct fx *f = *state;
	const char *pem = "# key\n-----BEGIN KEY-----\n"
			  "Q8Vb2Lm9Zx4Kp7Rt1Wn5Yc3Hq8Vb2Lm9Zx4Kp7Rt\n"
			  "1Wn5Yc3Hq8Vb2Lm9Zx4Kp7Rt1Wn5Yc3H==\n"
			  "-----END KEY-----\n";

	assert_int_equal(scan(f, "key.pem", pem), 1);
	assert_string_equal(rule_of(f, 0), "pem");
	assert_int_equal(f->out.v[0].line, 3);
	assert_int_equal(f->out.v[0].col, 1);
	assert_string_equal(f->out.v[0].prefix, "Q8Vb");
	/* no body: nothing */
	assert_int_equal(
		scan(f, "key.pem", "-----BEGIN KEY-----\n-----END KEY-----\n"),
		0);
}

static void test_secrets__fingerprint_and_redaction(void **state)
{
	char a[RC_SECRET_FP_LEN + 1], b[RC_SECRET_FP_LEN + 1];
	char c[RC_SECRET_FP_LEN + 1], d[RC_SECRET_FP_LEN + 1];

	(void)state;
	rc_secrets_fingerprint("tok", "secret-value", 12, "a.py", a);
	rc_secrets_fingerprint("tok", "secret-value", 12, "a.py", b);
	rc_secrets_fingerprint("tok", "secret-value", 12, "b.py", c);
	rc_secrets_fingerprint("tak", "secret-value", 12, "a.py", d);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_string_not_equal(a, d);
	/* stable across builds and machines: SHA-256 of id NUL secret NUL
	 * path, first 8 bytes (the value Python's hashlib gives) */
	assert_string_equal(a, "7bb5f307ca54b8cb");
	assert_int_equal(rc_secrets_shown(40), 4);
	assert_int_equal(rc_secrets_shown(16), 4);
	assert_int_equal(rc_secrets_shown(12), 3);
	assert_int_equal(rc_secrets_shown(3), 0);
	assert_true(rc_secrets_entropy("aaaa", 4) == 0);
	assert_true(rc_secrets_entropy("abcd", 4) == 2);
	assert_true(rc_secrets_entropy("", 0) == 0);
}

static void expect_load_error(const char *yaml, const char *msg)
{
	struct rc_secrets *set = NULL;
	struct rc_err err = RC_ERR_INIT;

	assert_int_equal(rc_secrets_new(&set), 0);
	assert_int_equal(rc_secret_rules_add_yaml(set, yaml, strlen(yaml),
						  "s.yml", &err),
			 RC_EUSAGE);
	if (!strstr(err.msg, msg) && strcmp(err.hint, msg))
		fail_msg("expected '%s' in '%s' (hint '%s')", msg, err.msg,
			 err.hint);
	assert_int_equal(set->n, 0);
	rc_secrets_free(set);
}

static void test_secrets__loader_errors(void **state)
{
	(void)state;
	expect_load_error(
		"secrets:\n  - id: a\n    descripton: x\n    regex: 'a+'\n"
		"    severity: low\n",
		"description");
	expect_load_error(
		"secrets:\n  - id: a\n    description: x\n    regex: 'a('\n"
		"    severity: low\n",
		"bad regex");
	expect_load_error(
		"secrets:\n  - id: a\n    description: x\n    regex: 'a+'\n"
		"    group: 2\n    severity: low\n",
		"group 2 does not exist");
	expect_load_error(
		"secrets:\n  - id: a\n    description: x\n    regex: 'a+'\n"
		"    severity: urgent\n",
		"severity");
	expect_load_error(
		"secrets:\n  - id: a\n    description: x\n    regex: 'a+'\n"
		"    entropy: 9\n    severity: low\n",
		"between 0 and 8");
	expect_load_error(
		"secrets:\n  - id: a\n    description: x\n    regex: 'a+'\n"
		"    severity: low\n  - id: a\n    description: y\n"
		"    regex: 'b+'\n    severity: low\n",
		"duplicate secret detector id 'a'");
	expect_load_error(
		"secrets:\n  - id: Bad\n    description: x\n    regex: 'a+'\n"
		"    severity: low\n",
		"bad secret detector id");
}

/*
 * The corpus: one file per built-in detector, cases introduced by
 * "== true [path=P]" (must give a finding of this detector) or
 * "== false [path=P]" (must give no finding at all).
 */
struct corpus_case {
	bool positive;
	char path[256];
	struct rc_buf text;
	unsigned line; /* of the == line */
};

static void run_case(struct fx *f, const char *rule, struct corpus_case *c,
		     unsigned *npos, unsigned *nneg, unsigned *bad)
{
	size_t i;
	bool found = false;

	while (c->text.len && c->text.ptr[c->text.len - 1] == '\n' &&
	       c->text.len > 1 && c->text.ptr[c->text.len - 2] == '\n')
		c->text.ptr[--c->text.len] = '\0';
	f->out.n = 0;
	assert_int_equal(rc_secrets_scan(f->sc, c->path, c->text.ptr,
					 c->text.len, &f->out, &f->counts),
			 0);
	for (i = 0; i < f->out.n; i++)
		found |= !strcmp(rule_of(f, i), rule);
	if (c->positive) {
		(*npos)++;
		if (!found) {
			(*bad)++;
			print_message("%s.txt:%u: true case not found by %s "
				      "(path %s)\n",
				      rule, c->line, rule, c->path);
		}
	} else {
		(*nneg)++;
		if (f->out.n) {
			(*bad)++;
			print_message("%s.txt:%u: false case matched %s "
				      "(path %s)\n",
				      rule, c->line, rule_of(f, 0), c->path);
		}
	}
}

static unsigned run_corpus_file(struct fx *f, const char *rule,
				const char *text, unsigned *npos,
				unsigned *nneg)
{
	struct corpus_case c = { 0 };
	const char *p = text, *nl;
	unsigned line = 0, bad = 0;
	bool open = false;

	rc_buf_init(&c.text, 1u << 20);
	for (; *p; p = nl ? nl + 1 : p + strlen(p)) {
		size_t n;

		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		if (n >= 3 && !strncmp(p, "== ", 3)) {
			const char *at;

			if (open)
				run_case(f, rule, &c, npos, nneg, &bad);
			rc_buf_reset(&c.text);
			c.positive = !strncmp(p + 3, "true", 4);
			if (!c.positive && strncmp(p + 3, "false", 5))
				fail_msg("%s.txt:%u: expected '== true' or "
					 "'== false'",
					 rule, line);
			snprintf(c.path, sizeof(c.path), "%s",
				 "src/app/settings.txt");
			at = strstr(p, "path=");
			if (at && at < p + n) {
				size_t k = (size_t)(p + n - (at + 5));

				if (k >= sizeof(c.path))
					k = sizeof(c.path) - 1;
				memcpy(c.path, at + 5, k);
				c.path[k] = '\0';
			}
			c.line = line;
			open = true;
			continue;
		}
		if (!open)
			continue; /* comments before the first case */
		rc_buf_add(&c.text, p, n);
		rc_buf_addc(&c.text, '\n');
	}
	if (open)
		run_case(f, rule, &c, npos, nneg, &bad);
	rc_buf_release(&c.text);
	return bad;
}

static void test_secrets__corpus(void **state)
{
	struct rc_secrets *set = NULL;
	struct fx f = { 0 };
	struct rc_err err = RC_ERR_INIT;
	unsigned bad = 0, total_pos = 0, total_neg = 0;
	size_t i;

	(void)state;
	assert_int_equal(rc_secrets_new(&set), 0);
	if (rc_secret_rules_load_builtin(set, &err))
		fail_msg("%s:%u:%u: %s", err.path, err.line, err.col, err.msg);
	f.set = set;
	f.sc = scanner(set);
	/* built-in regexes are compiled on a detector's first candidate */
	for (i = 0; i < set->n; i++)
		assert_null(set->rules[i].re);
	for (i = 0; i < set->n; i++) {
		const char *id = set->rules[i].id;
		struct rc_buf path = RC_BUF_INIT, text = RC_BUF_INIT;
		unsigned npos = 0, nneg = 0;

		rc_buf_addf(&path, "%s/%s.txt", CORPUS, id);
		if (rc_fs_read(&text, AT_FDCWD, path.ptr, 1u << 20, false,
			       NULL)) {
			print_message("%s: no corpus file %s\n", id, path.ptr);
			bad++;
		} else {
			bad += run_corpus_file(&f, id, text.ptr, &npos, &nneg);
			if (npos < 2 || nneg < 2) {
				print_message("%s: %u true and %u false cases "
					      "(at least 2 of each)\n",
					      id, npos, nneg);
				bad++;
			}
		}
		total_pos += npos;
		total_neg += nneg;
		rc_buf_release(&path);
		rc_buf_release(&text);
	}
	print_message("corpus: %zu detectors, %u true cases, %u false cases, "
		      "%u problems\n",
		      set->n, total_pos, total_neg, bad);
	assert_int_equal(bad, 0);
	for (i = 0; i < set->n; i++) /* each had a candidate, hence a code */
		assert_non_null(set->rules[i].re);
	rc_secrets_scanner_free(f.sc);
	rc_vec_free(&f.out);
	rc_secrets_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_secrets__prefix_group_position, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_secrets__keywords_entropy_allow, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_secrets__placeholders_and_templates, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_secrets__inline_allow_and_allowlists, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_secrets__baseline_hides_generic_too, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_secrets__generic_quiet_in_tests_and_minified,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_secrets__lockfiles_skipped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_secrets__multiline_window,
						setup, teardown),
		cmocka_unit_test(test_secrets__fingerprint_and_redaction),
		cmocka_unit_test(test_secrets__loader_errors),
		cmocka_unit_test(test_secrets__corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
