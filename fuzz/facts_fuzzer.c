/*
 * facts_fuzzer.c - drive the fact store with a stream of operations and
 * check its indexes against a linear scan.
 *
 * Input: a sequence of operations, each one byte (low 4 bits: the
 * operation, bit 4: which of two stores) followed by its arguments; strings
 * are a length byte (mod 24) and that many bytes.
 */
#include "core/common.h"
#include "facts/facts.h"
#include "core/buf.h"

#include <stdio.h>

struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned take_byte(struct input *in)
{
	unsigned c;

	if (!in->n)
		return 0;
	c = in->p[0];
	in->p++;
	in->n--;
	return c;
}

/* A NUL-terminated string of at most 23 bytes (a NUL inside cuts it). */
static void take_str(struct input *in, char *out)
{
	size_t len = take_byte(in) % 24, i;

	for (i = 0; i < len; i++)
		out[i] = (char)take_byte(in);
	out[len] = '\0';
}

static bool name_matches(const char *name, const char *query)
{
	size_t len = strlen(query);

	if (len >= 2 && query[len - 2] == '.' && query[len - 1] == '*')
		return !strncmp(name, query, len - 1);
	return !strcmp(name, query);
}

static void check_query(const struct rc_facts *f, const char *query)
{
	const struct rc_fact *x;
	size_t it = 0, i = 0, n = rc_facts_count(f);

	while ((x = rc_facts_next(f, query, &it)) != NULL) {
		/* the next match of a linear scan */
		while (i < n && !name_matches(rc_facts_at(f, i)->name, query))
			i++;
		if (i >= n || rc_facts_at(f, i) != x || it != i + 1)
			__builtin_trap();
		i++;
	}
	while (i < n)
		if (name_matches(rc_facts_at(f, i++)->name, query))
			__builtin_trap();
}

static void check_find(const struct rc_facts *f, const char *name,
		       const char *value)
{
	const struct rc_fact *x = NULL, *y;
	size_t i;

	for (i = 0; i < rc_facts_count(f) && !x; i++) {
		y = rc_facts_at(f, i);
		if (y->type == RC_FACT_STR && !strcmp(y->name, name) &&
		    !strcmp(y->str, value))
			x = y;
	}
	if (rc_facts_find(f, name, value) != x)
		__builtin_trap();
	x = NULL;
	for (i = 0; i < rc_facts_count(f) && !x; i++)
		if (!strcmp(rc_facts_at(f, i)->name, name))
			x = rc_facts_at(f, i);
	if (rc_facts_get(f, name) != x)
		__builtin_trap();
}

static void check_files(struct rc_facts *f, const char *path, bool sort)
{
	const struct rc_file_entry *e = NULL;
	size_t i;

	if (sort) {
		rc_facts_sort_files(f);
		for (i = 1; i < rc_facts_file_count(f); i++)
			if (strcmp(rc_facts_file_at(f, i - 1)->path,
				   rc_facts_file_at(f, i)->path) > 0)
				__builtin_trap();
	}
	for (i = 0; i < rc_facts_file_count(f) && !e; i++)
		if (!strcmp(rc_facts_file_at(f, i)->path, path))
			e = rc_facts_file_at(f, i);
	if (!e != !rc_facts_file(f, path))
		__builtin_trap();
	if (e && strcmp(rc_facts_file(f, path)->path, path))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct rc_facts *s[2] = { NULL, NULL }, *f;
	struct rc_buf b = RC_BUF_INIT;
	char x[32], y[32], z[32];
	const struct rc_hit *h;
	uint64_t total;
	unsigned op, k, a1, a2;
	double num;
	int steps = 0;

	if (rc_facts_new(&s[0]) || rc_facts_new(&s[1]))
		goto out;
	while (in.n && steps++ < 2000) {
		op = take_byte(&in);
		f = s[(op >> 4) & 1];
		switch (op & 15) {
		case 0:
			take_str(&in, x);
			take_str(&in, y);
			take_str(&in, z);
			a1 = take_byte(&in);
			a2 = take_byte(&in);
			rc_facts_add_str(f, x, y, a1 & 1 ? z : NULL, a2);
			break;
		case 1:
			take_str(&in, x);
			a1 = take_byte(&in);
			a2 = take_byte(&in);
			num = ((double)a1 - 128) / (a2 % 7 + 1);
			if (take_byte(&in) == 255)
				num = num / 0.0;
			rc_facts_add_num(f, x, num, NULL, 0);
			break;
		case 2:
			take_str(&in, x);
			rc_facts_add_bool(f, x, take_byte(&in) & 1, NULL, 0);
			break;
		case 3:
			take_str(&in, x);
			take_str(&in, y);
			take_str(&in, z);
			rc_facts_add_note(f, x, y, NULL, 1, z);
			break;
		case 4:
			take_str(&in, x);
			take_str(&in, y);
			rc_facts_add_str_once(f, x, y, "p", 2);
			break;
		case 5:
			take_str(&in, x);
			a1 = take_byte(&in);
			a2 = take_byte(&in);
			rc_facts_add_file(f, x, a1, a2 & 7, 0);
			break;
		case 6:
			take_str(&in, x);
			take_str(&in, y);
			k = take_byte(&in);
			rc_facts_add_hit(f, k % 64 == 63 ? k << 16 : k, x, 3, y,
					 strlen(y));
			rc_facts_hits(f, k, &h, &total);
			break;
		case 7:
			rc_facts_merge(s[0], s[1]);
			break;
		case 8:
			take_str(&in, x);
			check_query(f, x);
			break;
		case 9:
			take_str(&in, x);
			take_str(&in, y);
			check_find(f, x, y);
			break;
		case 10:
			take_str(&in, x);
			a1 = take_byte(&in);
			check_files(f, x, a1 & 1);
			break;
		case 11:
			rc_buf_init(&b, take_byte(&in) * 64 + 1);
			rc_facts_to_json(f, &b);
			rc_buf_release(&b);
			break;
		default:
			break;
		}
	}
	rc_buf_init(&b, RC_BUF_MAX_DEFAULT);
	if (rc_facts_to_json(s[0], &b) || rc_facts_to_json(s[1], &b))
		__builtin_trap();
	rc_buf_release(&b);
out:
	rc_facts_free(s[0]);
	rc_facts_free(s[1]);
	return 0;
}
