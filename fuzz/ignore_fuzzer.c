/*
 * ignore_fuzzer.c - gitignore parsing and matching.
 *
 * Input: gitignore text, a NUL byte, then paths separated by '\n' (a path
 * ending in '/' is matched as a directory). Besides crashes, checks three
 * invariants: the same text read as the .gitignore of directory "d" gives
 * the same verdict for "d/<path>" as the root file for "<path>"; the text
 * added line by line with rc_ignore_add() gives the same verdicts as
 * rc_ignore_parse(); a path outside a set's base never matches it.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "walk/ignore.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PATH_LEN 4096

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "invariant broken: %s\n", what);
		abort();
	}
}

/* The text line by line through rc_ignore_add (CR and BOM as git). */
static struct rc_ignore *by_lines(const char *text, size_t len)
{
	struct rc_ignore *ig;
	const char *end = text + len, *nl;
	char *line;
	size_t n;

	if (rc_ignore_parse(&ig, "", 0, ""))
		return NULL;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		text += 3;
	while (text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		n = (size_t)((nl ? nl : end) - text);
		if (n && text[n - 1] == '\r')
			n--;
		line = rc_strndup(text, n);
		if (!line || rc_ignore_add(ig, line)) {
			rc_free(line);
			rc_ignore_free(ig);
			return NULL;
		}
		rc_free(line);
		text = nl ? nl + 1 : end;
	}
	return ig;
}

static void one_path(const struct rc_ignore *root, const struct rc_ignore *sub,
		     const struct rc_ignore *lines, const char *p, size_t n)
{
	static char in_d[MAX_PATH_LEN + 3];
	const struct rc_ignore *sets[2] = { sub, root };
	enum rc_ignore_verdict v, vd;
	bool dir = n && p[n - 1] == '/';
	char *path;

	if (dir)
		n--;
	if (n > MAX_PATH_LEN || memchr(p, '\0', n))
		return;
	path = rc_strndup(p, n);
	if (!path)
		return;
	v = rc_ignore_match(root, path, dir);
	check(v == RC_IGNORE_NONE || v == RC_IGNORE_EXCLUDE ||
		      v == RC_IGNORE_INCLUDE,
	      "verdict in range");
	memcpy(in_d, "d/", 2);
	memcpy(in_d + 2, path, n + 1);
	vd = rc_ignore_match_n(sub, in_d, n + 2, dir);
	if (n)
		check(v == vd, "same verdict below a base");
	if (lines)
		check(rc_ignore_match(lines, path, dir) == v,
		      "rc_ignore_add agrees with rc_ignore_parse");
	if (n && path[0] != 'd')
		check(rc_ignore_match(sub, path, dir) == RC_IGNORE_NONE,
		      "no match outside the base");
	(void)rc_ignore_is_excluded(sets, 2, path, dir);
	(void)rc_ignore_is_excluded(sets, 2, in_d, dir);
	rc_free(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *end = text + size, *p, *nl;
	const char *sep = memchr(text, '\0', size);
	size_t tlen = sep ? (size_t)(sep - text) : size;
	struct rc_ignore *root = NULL, *sub = NULL, *lines;

	if (rc_ignore_parse(&root, text, tlen, "") ||
	    rc_ignore_parse(&sub, text, tlen, "d")) {
		rc_ignore_free(root);
		return 0;
	}
	check(rc_ignore_count(root) == rc_ignore_count(sub), "same count");
	lines = by_lines(text, tlen);
	if (lines)
		check(rc_ignore_count(lines) == rc_ignore_count(root),
		      "rc_ignore_add count");
	for (p = sep ? sep + 1 : end; p < end; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		one_path(root, sub, lines, p, (size_t)((nl ? nl : end) - p));
	}
	rc_ignore_free(lines);
	rc_ignore_free(sub);
	rc_ignore_free(root);
	return 0;
}
