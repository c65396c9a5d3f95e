/*
 * code.c - source code by path, and the test-to-source line ratio (code.h).
 */
#include "../core/common.h"
#include "code.h"
#include "../core/lang.h"
#include "manifest_util.h"
#include "../core/buf.h"
#include "../core/str.h"

#include <stdio.h>

bool rc_code_wants_rust(const char *path)
{
	return rc_str_ends_with(path, ".rs") && !rc_code_is_test(path);
}

int rc_collect_rust_source(struct rc_facts *f, struct rc_diags *d,
			   const char *path, const char *buf, size_t len)
{
	static const char mark[] = "#[cfg(test)]";
	const char *at = NULL, *p = buf, *end = buf + len;
	size_t lines = 0;

	(void)d;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *s = p;

		while (s < eol && (*s == ' ' || *s == '\t'))
			s++;
		if (!at && (size_t)(eol - s) >= sizeof(mark) - 1 &&
		    !memcmp(s, mark, sizeof(mark) - 1))
			at = p;
		if (at)
			lines++;
		p = nl ? nl + 1 : end;
	}
	if (!at)
		return 0;
	return rc_facts_add_num(f, "code.rust.test_lines", (double)lines, path,
				0);
}

int rc_collect_code_stats(struct rc_facts *f)
{
	const struct rc_fact *x;
	char note[128];
	double src = 0, test = 0, inline_tests = 0;
	size_t i, n = rc_facts_file_count(f), it = 0;
	int e;

	for (i = 0; i < n; i++) {
		const struct rc_file_entry *fe = rc_facts_file_at(f, i);

		if (!fe ||
		    (fe->flags &
		     (RC_FILE_BINARY | RC_FILE_SKIPPED | RC_FILE_SYMLINK)) ||
		    !rc_code_language(fe->path) ||
		    rc_manifest_foreign(fe->path))
			continue;
		if (rc_code_is_test(fe->path))
			test += (double)fe->lines;
		else
			src += (double)fe->lines;
	}
	while ((x = rc_facts_next(f, "code.rust.test_lines", &it)))
		if (x->type == RC_FACT_NUM && !rc_manifest_foreign(x->path))
			inline_tests += x->num;
	if (inline_tests > src)
		inline_tests = src;
	src -= inline_tests;
	test += inline_tests;
	if ((e = rc_facts_add_num(f, "code.lines.source", src, NULL, 0)) ||
	    (e = rc_facts_add_num(f, "code.lines.test", test, NULL, 0)))
		return e;
	if (src <= 0)
		return 0;
	snprintf(note, sizeof(note), "%.0f test lines / %.0f source lines",
		 test, src);
	return rc_facts_add_num_note(f, "code.test_ratio", test / src, NULL, 0,
				     note);
}
