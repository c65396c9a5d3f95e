/*
 * test_dockerfile.c - the Dockerfile reader (parse/dockerfile.c) and the
 * Dockerfile collector (collect/docker.c).
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/diag.h"
#include "core/err.h"
#include "collect/docker.h"
#include "facts/facts.h"
#include "parse/dockerfile.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#define fail_at(file, line, ...)                    \
	do {                                        \
		print_error("%s:%d: ", file, line); \
		fail_msg(__VA_ARGS__);              \
	} while (0)

static struct rc_dockerfile *parse_ok(const char *text)
{
	struct rc_dockerfile *df = NULL;
	struct rc_err err = RC_ERR_INIT;
	int e = rc_dockerfile_parse(&df, text, strlen(text), "Dockerfile",
				    &err);

	if (e)
		fail_msg("unexpected error %d: %u:%u: %s", e, err.line, err.col,
			 err.msg);
	assert_non_null(df);
	return df;
}

/* Expect a parse error at line:col whose message is msg. */
static void parse_err_(const char *text, size_t len, unsigned line,
		       unsigned col, const char *msg, const char *hint,
		       const char *file, int fline)
{
	struct rc_dockerfile *df = (struct rc_dockerfile *)1;
	struct rc_err err = RC_ERR_INIT;
	int e = rc_dockerfile_parse(&df, text, len, "Dockerfile", &err);

	if (e != RC_EPARSE || err.line != line || err.col != col ||
	    strcmp(err.msg, msg) || strcmp(err.hint, hint ? hint : "") ||
	    df != NULL || strcmp(err.path, "Dockerfile"))
		fail_at(file, fline,
			"got %d %u:%u '%s' hint '%s', want %u:%u '%s'", e,
			err.line, err.col, err.msg, err.hint, line, col, msg);
}
#define parse_err(text, line, col, msg, hint) \
	parse_err_(text, strlen(text), line, col, msg, hint, __FILE__, __LINE__)

static void assert_words(const struct rc_dockerfile_instr *in, size_t n, ...)
{
	va_list ap;
	size_t k;

	assert_int_equal(in->nwords, n);
	va_start(ap, n);
	for (k = 0; k < n; k++)
		assert_string_equal(in->words[k], va_arg(ap, const char *));
	va_end(ap);
}

static void test_dockerfile__basic(void **state)
{
	struct rc_dockerfile *df;
	(void)state;

	df = parse_ok("# syntax=docker/dockerfile:1\n"
		      "# a comment\n"
		      "\n"
		      "from --platform=$BUILDPLATFORM golang:1.22 AS build\n"
		      "  RUN go build \\\n"
		      "    # dropped comment\n"
		      "\n"
		      "    -o /app ./cmd  \n"
		      "CMD [\"/app\", \"--port\", \"8080\"]\n"
		      "ENTRYPOINT [\"broken\"\n"
		      "LABEL a=\"b c\" 'd e'=f\n");
	assert_int_equal(df->n, 5);
	assert_string_equal(df->syntax, "docker/dockerfile:1");
	assert_int_equal(df->escape, '\\');

	assert_string_equal(df->instrs[0].cmd, "FROM");
	assert_int_equal(df->instrs[0].line, 4);
	assert_int_equal(df->instrs[0].col, 1);
	assert_int_equal(df->instrs[0].nflags, 1);
	assert_string_equal(df->instrs[0].flags[0].name, "platform");
	assert_string_equal(rc_dockerfile_flag(&df->instrs[0], "platform"),
			    "$BUILDPLATFORM");
	assert_null(rc_dockerfile_flag(&df->instrs[0], "nope"));
	assert_words(&df->instrs[0], 3, "golang:1.22", "AS", "build");

	assert_string_equal(df->instrs[1].cmd, "RUN");
	assert_int_equal(df->instrs[1].line, 5);
	assert_int_equal(df->instrs[1].col, 3);
	assert_int_equal(df->instrs[1].end_line, 8);
	assert_string_equal(df->instrs[1].args, "go build     -o /app ./cmd");
	assert_false(df->instrs[1].json);

	assert_string_equal(df->instrs[2].cmd, "CMD");
	assert_true(df->instrs[2].json);
	assert_words(&df->instrs[2], 3, "/app", "--port", "8080");

	/* not valid JSON: shell form */
	assert_false(df->instrs[3].json);
	assert_words(&df->instrs[3], 1, "[broken");
	assert_int_equal(df->instrs[3].line, 10);

	assert_words(&df->instrs[4], 2, "a=b c", "d e=f");
	rc_dockerfile_free(df);
}

static void test_dockerfile__escape_directive(void **state)
{
	struct rc_dockerfile *df;
	(void)state;

	df = parse_ok("# escape=`\n"
		      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
		      "COPY . C:\\app\\\n"
		      "RUN dir `\n"
		      "  C:\\app\n");
	assert_int_equal(df->escape, '`');
	assert_int_equal(df->n, 3);
	assert_string_equal(df->instrs[1].args, ". C:\\app\\");
	assert_string_equal(df->instrs[2].args, "dir   C:\\app");
	rc_dockerfile_free(df);

	/* a directive after a comment is a comment */
	df = parse_ok("# hello\n# escape=`\nFROM a\nRUN x \\\n y\n");
	assert_int_equal(df->escape, '\\');
	assert_int_equal(df->n, 2);
	assert_string_equal(df->instrs[1].args, "x  y");
	rc_dockerfile_free(df);
}

static void test_dockerfile__json_form(void **state)
{
	struct rc_dockerfile *df;
	(void)state;

	df = parse_ok("FROM a\n"
		      "RUN [ \"sh\" , \"-c\", \"echo \\\"hi\\\" "
		      "\\u00e9\\ud83d\\ude00\" ]\n"
		      "CMD []\n"
		      "SHELL [\"a\\u0000\"]\n"
		      "HEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", "
		      "\"http://x/\"]\n"
		      "VOLUME [\"/data\"] trailing\n");
	assert_true(df->instrs[1].json);
	assert_words(&df->instrs[1], 3, "sh", "-c",
		     "echo \"hi\" \xc3\xa9\xf0\x9f\x98\x80");
	assert_true(df->instrs[2].json);
	assert_int_equal(df->instrs[2].nwords, 0);
	assert_false(df->instrs[3].json); /* NUL is refused */
	assert_true(df->instrs[4].json);
	assert_string_equal(rc_dockerfile_flag(&df->instrs[4], "interval"),
			    "5s");
	assert_words(&df->instrs[4], 4, "CMD", "curl", "-f", "http://x/");
	assert_false(df->instrs[5].json);
	rc_dockerfile_free(df);
}

static void test_dockerfile__heredoc(void **state)
{
	struct rc_dockerfile *df;
	(void)state;

	df = parse_ok("FROM alpine\n"
		      "RUN <<EOF\n"
		      "FROM not-an-instruction\n"
		      "bogus line\n"
		      "EOF\n"
		      "COPY <<-\"A\" /a <<B /b\n"
		      "\tUSER nobody\n"
		      "\tA\n"
		      "B?\n"
		      "B\n"
		      "RUN echo '<<NOT' \"<<NOPE\" && cat <<<here\n"
		      "USER app\r\n");
	assert_int_equal(df->n, 5);
	assert_int_equal(df->instrs[1].nheredocs, 1);
	assert_int_equal(df->instrs[1].line, 2);
	assert_int_equal(df->instrs[1].end_line, 5);
	assert_string_equal(df->instrs[2].cmd, "COPY");
	assert_int_equal(df->instrs[2].line, 6);
	assert_int_equal(df->instrs[2].nheredocs, 2);
	assert_int_equal(df->instrs[2].end_line, 10);
	assert_string_equal(df->instrs[3].cmd, "RUN");
	assert_int_equal(df->instrs[3].nheredocs, 0);
	assert_string_equal(df->instrs[4].cmd, "USER");
	assert_int_equal(df->instrs[4].line, 12);
	assert_string_equal(df->instrs[4].args, "app");
	rc_dockerfile_free(df);

	/* heredocs only for RUN, COPY and ADD; never in exec form */
	df = parse_ok("FROM a\nCMD cat <<EOF\nRUN [\"<<EOF\"]\nUSER x\n");
	assert_int_equal(df->n, 4);
	rc_dockerfile_free(df);
}

static void test_dockerfile__errors(void **state)
{
	(void)state;

	parse_err("FROM a\n\n  FORM b\n", 3, 3, "unknown instruction 'FORM'",
		  "FROM");
	parse_err("FROM a\nRUN x\n123 y\n", 3, 1, "unknown instruction '123'",
		  NULL);
	parse_err("FROM a\nRUN a && \\\n  <<EOF cat\nline\n", 3, 3,
		  "unterminated heredoc 'EOF'", NULL);
	parse_err("FROM a\nRUN <<-X\n  X\n", 2, 5, "unterminated heredoc 'X'",
		  NULL);
	parse_err("FROM\n", 1, 1, "'FROM' requires at least one argument",
		  NULL);
	parse_err("FROM a\n  user \\\n \n", 2, 3,
		  "'USER' requires at least one argument", NULL);
	parse_err("# escape=x\nFROM a\n", 1, 10,
		  "invalid escape token 'x' does not match ` or \\", NULL);
	parse_err("# escape=`\n# ESCAPE = \\\n", 2, 3,
		  "only one 'escape' parser directive can be used", NULL);
	parse_err_("FROM a\nRUN b\0"
		   "c\n",
		   13, 2, 6, "unexpected NUL byte", NULL, __FILE__, __LINE__);
}

static void test_dockerfile__empty_and_bom(void **state)
{
	struct rc_dockerfile *df;
	(void)state;

	df = parse_ok("");
	assert_int_equal(df->n, 0);
	rc_dockerfile_free(df);
	df = parse_ok("\xef\xbb\xbf# escape=`\nFROM a `\n  AS b");
	assert_int_equal(df->escape, '`');
	assert_int_equal(df->n, 1);
	assert_words(&df->instrs[0], 3, "a", "AS", "b");
	rc_dockerfile_free(df);
	rc_dockerfile_free(NULL);
}

static void test_dockerfile__oom(void **state)
{
	static const char text[] = "# syntax=x\nFROM a AS b\nRUN <<EOF\nx\n"
				   "EOF\nCMD [\"a\", \"b\"]\nEXPOSE 1 2 3\n";
	long n;
	(void)state;

	for (n = 0; n < 200; n++) {
		struct rc_dockerfile *df = NULL;
		struct rc_err err = RC_ERR_INIT;
		int e;

		rc_alloc_fail_after(n);
		e = rc_dockerfile_parse(&df, text, sizeof(text) - 1, "D", &err);
		rc_alloc_fail_after(-1);
		if (!e) {
			assert_int_equal(df->n, 4);
			rc_dockerfile_free(df);
			return;
		}
		assert_int_equal(e, RC_ENOMEM);
		assert_null(df);
	}
	fail_msg("parser never succeeded");
}

/* ---- collector ---------------------------------------------------------- */

static struct rc_facts *collect(const char *text, struct rc_diags *d)
{
	struct rc_facts *f = NULL;

	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_collect_dockerfile(f, d, "svc/Dockerfile", text,
					       strlen(text)),
			 0);
	return f;
}

/* The i-th fact named name: value, line (and note, NULL for none). */
static void want_(const struct rc_facts *f, const char *name, size_t i,
		  const char *value, unsigned line, const char *note,
		  const char *file, int fline)
{
	const struct rc_fact *x = NULL;
	size_t it = 0, k;

	for (k = 0; k <= i; k++)
		x = rc_facts_next(f, name, &it);
	if (!x)
		fail_at(file, fline, "no fact %s #%zu", name, i);
	if (strcmp(x->str, value) || x->line != line ||
	    strcmp(x->path, "svc/Dockerfile") ||
	    strcmp(x->note ? x->note : "(null)", note ? note : "(null)"))
		fail_at(file, fline, "%s #%zu = '%s' @%u note '%s'", name, i,
			x->str, x->line, x->note ? x->note : "(null)");
}
#define want(f, name, i, value, line, note) \
	want_(f, name, i, value, line, note, __FILE__, __LINE__)

static size_t count(const struct rc_facts *f, const char *name)
{
	size_t it = 0, n = 0;

	while (rc_facts_next(f, name, &it))
		n++;
	return n;
}

static void test_dockerfile__collect_multistage(void **state)
{
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f;
	(void)state;

	f = collect("ARG BASE=debian:12@sha256:abc\n"
		    "ARG GO\n"
		    "FROM golang:1.22 AS build\n"
		    "USER builder\n"
		    "HEALTHCHECK CMD true\n"
		    "EXPOSE 9999\n"
		    "FROM Build AS test\n"
		    "RUN go test\n"
		    "FROM ${BASE} AS run\n"
		    "FROM golang:${GO}\n"
		    "FROM ${NOPE:-alpine:3.20}\n"
		    "FROM scratch\n"
		    "FROM gcr.io/x/y@sha256:0123\n"
		    "COPY --from=build /app /app\n"
		    "EXPOSE 8080/tcp 8443\n"
		    "HEALTHCHECK --interval=30s CMD [\"/app\", \"health\"]\n",
		    &d);
	assert_int_equal(d.list.n, 0);
	want(f, "docker.file", 0, "svc/Dockerfile", 0, NULL);
	assert_int_equal(count(f, "docker.from"), 6);
	want(f, "docker.from", 0, "golang:1.22", 3, NULL);
	want(f, "docker.from", 1, "${BASE}", 9,
	     "build argument resolves to 'debian:12@sha256:abc'");
	want(f, "docker.from", 2, "golang:${GO}", 10,
	     "set by a build argument without a default");
	want(f, "docker.from", 3, "${NOPE:-alpine:3.20}", 11,
	     "build argument resolves to 'alpine:3.20'");
	want(f, "docker.from", 4, "scratch", 12, NULL);
	want(f, "docker.from", 5, "gcr.io/x/y@sha256:0123", 13, NULL);
	assert_int_equal(count(f, "docker.from.unpinned"), 3);
	want(f, "docker.from.unpinned", 0, "golang:1.22", 3, NULL);
	want(f, "docker.from.unpinned", 1, "golang:${GO}", 10,
	     "set by a build argument without a default");
	want(f, "docker.from.unpinned", 2, "${NOPE:-alpine:3.20}", 11,
	     "build argument resolves to 'alpine:3.20'");
	assert_int_equal(count(f, "docker.stages"), 1);
	assert_int_equal(rc_facts_get(f, "docker.stages")->num, 7);
	assert_int_equal(count(f, "docker.expose"), 3);
	want(f, "docker.expose", 0, "9999", 6, NULL);
	want(f, "docker.expose", 1, "8080/tcp", 15, NULL);
	want(f, "docker.expose", 2, "8443", 15, NULL);
	/* USER of an earlier stage does not reach the final one */
	assert_int_equal(count(f, "docker.user"), 0);
	want(f, "docker.user.root", 0, "root", 13,
	     "no USER instruction in the final stage");
	want(f, "docker.healthcheck", 0,
	     "--interval=30s CMD [\"/app\", \"health\"]", 16, NULL);
	rc_facts_free(f);
	rc_diags_release(&d);
}

static void test_dockerfile__collect_user(void **state)
{
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f;
	(void)state;

	/* the final stage inherits USER and HEALTHCHECK from its base stage */
	f = collect("FROM alpine AS base\nUSER app:app\nHEALTHCHECK CMD x\n"
		    "FROM base\n",
		    &d);
	want(f, "docker.user", 0, "app:app", 2, NULL);
	assert_int_equal(count(f, "docker.user.root"), 0);
	want(f, "docker.healthcheck", 0, "CMD x", 3, NULL);
	rc_facts_free(f);

	/* USER root and HEALTHCHECK NONE in the final stage */
	f = collect("FROM alpine AS base\nUSER app\nHEALTHCHECK CMD x\n"
		    "FROM base\nUSER 0:0\nHEALTHCHECK NONE\n",
		    &d);
	want(f, "docker.user", 0, "0:0", 5, NULL);
	want(f, "docker.user.root", 0, "0:0", 5, NULL);
	assert_int_equal(count(f, "docker.healthcheck"), 0);
	rc_facts_free(f);

	f = collect("FROM a\nUSER root\nUSER rootless\n", &d);
	want(f, "docker.user", 0, "rootless", 3, NULL);
	assert_int_equal(count(f, "docker.user.root"), 0);
	rc_facts_free(f);

	f = collect("FROM gcr.io/distroless/static:nonroot\n", &d);
	want(f, "docker.user", 0, "nonroot", 1, "set by the base image");
	assert_int_equal(count(f, "docker.user.root"), 0);
	rc_facts_free(f);
	assert_int_equal(d.list.n, 0);
	rc_diags_release(&d);
}

static void test_dockerfile__collect_error(void **state)
{
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f;
	(void)state;

	f = collect("FROM alpine\nUSR app\n", &d);
	assert_int_equal(rc_facts_count(f), 1);
	want(f, "docker.file", 0, "svc/Dockerfile", 0, NULL);
	assert_int_equal(d.list.n, 1);
	assert_int_equal(d.list.v[0].level, RC_DIAG_ERROR);
	assert_string_equal(d.list.v[0].path, "svc/Dockerfile");
	assert_int_equal(d.list.v[0].line, 2);
	assert_int_equal(d.list.v[0].col, 1);
	assert_string_equal(d.list.v[0].msg,
			    "unknown instruction 'USR' (did you mean 'USER'?)");
	rc_facts_free(f);

	/* no FROM at all: no stage facts */
	f = collect("# nothing\n", &d);
	assert_int_equal(rc_facts_get(f, "docker.stages")->num, 0);
	assert_int_equal(count(f, "docker.user.root"), 0);
	rc_facts_free(f);
	rc_diags_release(&d);
}

static void test_dockerfile__collect_oom(void **state)
{
	static const char text[] = "ARG B=x\nFROM ${B} AS a\nUSER app\n"
				   "FROM a\nEXPOSE 80 443\nHEALTHCHECK CMD x\n";
	long n;
	(void)state;

	for (n = 0; n < 500; n++) {
		struct rc_diags d = RC_DIAGS_INIT;
		struct rc_facts *f = NULL;
		int e;

		assert_int_equal(rc_facts_new(&f), 0);
		rc_alloc_fail_after(n);
		e = rc_collect_dockerfile(f, &d, "D", text, sizeof(text) - 1);
		rc_alloc_fail_after(-1);
		rc_facts_free(f);
		assert_int_equal(d.list.n, 0);
		rc_diags_release(&d);
		if (!e)
			return;
		assert_int_equal(e, RC_ENOMEM);
	}
	fail_msg("collector never succeeded");
}

static void test_dockerfile__is_dockerfile(void **state)
{
	(void)state;
	assert_true(rc_collect_is_dockerfile("Dockerfile"));
	assert_true(rc_collect_is_dockerfile("a/b/Dockerfile"));
	assert_true(rc_collect_is_dockerfile("Containerfile"));
	assert_true(rc_collect_is_dockerfile("Dockerfile.prod"));
	assert_true(rc_collect_is_dockerfile("deploy/api.Dockerfile"));
	assert_true(rc_collect_is_dockerfile("api.dockerfile"));
	assert_false(rc_collect_is_dockerfile(".dockerignore"));
	assert_false(rc_collect_is_dockerfile("Dockerfile/x"));
	assert_false(rc_collect_is_dockerfile("docs/Dockerfile.md.txt/y"));
	assert_false(rc_collect_is_dockerfile(".Dockerfile"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dockerfile__basic),
		cmocka_unit_test(test_dockerfile__escape_directive),
		cmocka_unit_test(test_dockerfile__json_form),
		cmocka_unit_test(test_dockerfile__heredoc),
		cmocka_unit_test(test_dockerfile__errors),
		cmocka_unit_test(test_dockerfile__empty_and_bom),
		cmocka_unit_test(test_dockerfile__oom),
		cmocka_unit_test(test_dockerfile__collect_multistage),
		cmocka_unit_test(test_dockerfile__collect_user),
		cmocka_unit_test(test_dockerfile__collect_error),
		cmocka_unit_test(test_dockerfile__collect_oom),
		cmocka_unit_test(test_dockerfile__is_dockerfile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
