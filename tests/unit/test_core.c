/* Unit tests of src/core: buf, str, vec, arena, err, diag, pool, utf8, alloc.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/pool.h"
#include "core/sha256.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/vec.h"

#include <setjmp.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

static void test_core__buf_invariants(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	char *p;
	size_t len;

	(void)state;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	assert_int_equal(rc_buf_adds(&b, "abc"), 0);
	assert_int_equal(rc_buf_addf(&b, "-%d-%s", 42, "x"), 0);
	assert_string_equal(b.ptr, "abc-42-x");
	assert_int_equal(b.len, 8);
	rc_buf_truncate(&b, 3);
	assert_string_equal(b.ptr, "abc");
	assert_int_equal(rc_buf_addch_n(&b, '.', 3), 0);
	p = rc_buf_detach(&b, &len);
	assert_string_equal(p, "abc...");
	assert_int_equal(len, 6);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	rc_free(p);
	/* long formatted text grows the buffer */
	assert_int_equal(rc_buf_addf(&b, "%0500d", 7), 0);
	assert_int_equal(b.len, 500);
	rc_buf_release(&b);
}

static void test_core__buf_ceiling_is_sticky(void **state)
{
	struct rc_buf b;

	(void)state;
	rc_buf_init(&b, 4);
	assert_int_equal(rc_buf_adds(&b, "abcd"), 0);
	assert_int_equal(rc_buf_addc(&b, 'e'), RC_ETOOBIG);
	assert_int_equal(rc_buf_adds(&b, ""), RC_ETOOBIG);
	assert_int_equal(rc_buf_err(&b), RC_ETOOBIG);
	assert_string_equal(b.ptr, "abcd");
	rc_buf_reset(&b);
	assert_int_equal(rc_buf_err(&b), 0);
	rc_buf_release(&b);
}

static void test_core__buf_enomem(void **state)
{
	struct rc_buf b = RC_BUF_INIT;

	(void)state;
	rc_alloc_fail_after(0);
	assert_int_equal(rc_buf_adds(&b, "x"), RC_ENOMEM);
	rc_alloc_fail_after(-1);
	assert_int_equal(rc_buf_adds(&b, "x"), RC_ENOMEM); /* sticky */
	rc_buf_release(&b);
	assert_int_equal(rc_buf_adds(&b, "x"), 0);
	rc_buf_release(&b);
}

static void test_core__buf_json_str(void **state)
{
	struct rc_buf b = RC_BUF_INIT;
	const char in[] = "a\"b\\c\n\t\x01\xc3\xa9\xff";

	(void)state;
	rc_buf_add_json_str(&b, in, sizeof(in) - 1);
	assert_string_equal(b.ptr,
			    "\"a\\\"b\\\\c\\n\\t\\u0001\xc3\xa9\\ufffd\"");
	rc_buf_release(&b);
}

static void test_core__str_helpers(void **state)
{
	const char *cands[] = { "weights", "version", "profile", "ignore" };
	const char *s = "1234x", *end = s + 5;
	uint64_t v;

	(void)state;
	assert_true(rc_str_starts_with("readycheck", "ready"));
	assert_true(rc_str_ends_with("file.yml", ".yml"));
	assert_false(rc_str_ends_with("yml", ".yml"));
	/* rc_str_find: bounded by len, not by a NUL */
	{
		static const char hay[] = "a-b-cd\0cd";

		assert_ptr_equal(rc_str_find(hay, 6, "cd", 2), hay + 4);
		assert_ptr_equal(rc_str_find(hay, 5, "cd", 2), NULL);
		assert_ptr_equal(rc_str_find(hay + 5, 4, "cd", 2), hay + 7);
		assert_ptr_equal(rc_str_find(hay, 6, "-", 1), hay + 1);
		assert_ptr_equal(rc_str_find(hay, 1, "ab", 2), NULL);
		assert_ptr_equal(rc_str_find(hay, 6, "x", 0), NULL);
	}
	assert_true(rc_str_ieq("ReadMe", "README"));
	assert_non_null(rc_str_icase_find("# Getting Started", 17, "started"));
	assert_int_equal(rc_str_distance("kitten", "sitting"), 3);
	assert_int_equal(rc_str_distance("scna", "scan"), 1);
	assert_int_equal(rc_str_distance("", "abc"), 3);
	assert_int_equal(rc_str_distance("abc", "abc"), 0);
	assert_string_equal(rc_str_suggest("wieghts", cands, 4), "weights");
	assert_string_equal(rc_str_suggest("profle", cands, 4), "profile");
	assert_null(rc_str_suggest("zzzzzz", cands, 4));
	assert_int_equal(rc_parse_u64(&s, end, 10000, &v), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(*s, 'x');
	s = "99999";
	assert_int_equal(rc_parse_u64(&s, s + 5, 1000, &v), RC_ETOOBIG);
	s = "x";
	assert_int_equal(rc_parse_u64(&s, s + 1, 1000, &v), RC_EPARSE);
}

static void test_core__utf8(void **state)
{
	(void)state;
	assert_true(rc_utf8_valid("caf\xc3\xa9", 5));
	assert_false(rc_utf8_valid("caf\xe9", 4));
	assert_false(rc_utf8_valid("\xc0\x80", 2));	/* overlong */
	assert_false(rc_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
	assert_int_equal(rc_utf8_valid_len("\xf0\x9f\x98\x80", 4), 4);
	assert_int_equal(rc_utf8_valid_len("\xf0\x9f\x98", 3), 0);
}

static void test_core__vec_and_arena(void **state)
{
	RC_VEC(int) v = { 0 };
	struct rc_arena a = RC_ARENA_INIT;
	char *s;
	int i;
	void *big;

	(void)state;
	for (i = 0; i < 1000; i++)
		assert_int_equal(rc_vec_push(&v, i), 0);
	assert_int_equal(v.n, 1000);
	assert_int_equal(v.v[999], 999);
	rc_vec_free(&v);
	assert_null(v.v);
	s = rc_arena_strdup(&a, "hello");
	assert_string_equal(s, "hello");
	assert_int_equal((uintptr_t)rc_arena_alloc(&a, 3) % 16, 0);
	big = rc_arena_alloc(&a, 1 << 20);
	assert_non_null(big);
	assert_string_equal(rc_arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(s, "hello");
	rc_arena_release(&a);
	assert_null(a.head);
}

static void test_core__err_format(void **state)
{
	struct rc_err err = RC_ERR_INIT;
	char out[256];

	(void)state;
	assert_int_equal(rc_err_set(&err, RC_EUSAGE, ".readycheck.yml", 4, 3,
				    "unknown key '%s'", "wieghts"),
			 RC_EUSAGE);
	rc_err_hint(&err, "weights");
	assert_string_equal(rc_err_format(&err, out, sizeof(out)),
			    ".readycheck.yml:4:3: unknown key 'wieghts' (did "
			    "you mean 'weights'?)");
	rc_err_set(&err, RC_EIO, "x", 0, 0, "cannot open");
	assert_string_equal(rc_err_format(&err, out, sizeof(out)),
			    "x: cannot open");
	rc_err_set(&err, RC_EIO, NULL, 0, 0, "plain");
	assert_string_equal(rc_err_format(&err, out, sizeof(out)), "plain");
	assert_string_equal(rc_err_format(&err, out, 3), "pl");
	assert_int_equal(rc_err_set(NULL, RC_ENOMEM, NULL, 0, 0, "x"),
			 RC_ENOMEM);
}

static void test_core__diags_sorted(void **state)
{
	struct rc_diags a = RC_DIAGS_INIT, b = RC_DIAGS_INIT;

	(void)state;
	rc_diags_add(&a, RC_DIAG_ERROR, "b.toml", 3, 1, "expected '='");
	rc_diags_add(&b, RC_DIAG_NOTE, "a.bin", 0, 0, "skipped %d", 9);
	rc_diags_add(&b, RC_DIAG_WARNING, NULL, 0, 0, "repository-wide");
	assert_int_equal(rc_diags_take(&a, &b), 0);
	assert_int_equal(b.list.n, 0);
	rc_diags_sort(&a);
	assert_string_equal(a.list.v[0].path, "");
	assert_string_equal(a.list.v[1].msg, "skipped 9");
	assert_string_equal(a.list.v[2].path, "b.toml");
	assert_string_equal(rc_diag_level_name(a.list.v[2].level), "error");
	rc_diags_release(&a);
	rc_diags_release(&b);
}

#define N 10000
struct pool_ctx {
	int out[N];
	size_t drained;
	bool in_order;
};

static int square(size_t i, unsigned worker, void *payload)
{
	struct pool_ctx *c = payload;

	(void)worker;
	c->out[i] = (int)(i * i % 1000);
	return 0;
}

static int drain(size_t i, void *payload)
{
	struct pool_ctx *c = payload;

	if (i != c->drained)
		c->in_order = false;
	c->drained++;
	return 0;
}

/* The windowed pool: never more than WIN items started and not drained,
 * drains in order, the first error (of an item or of a drain) stops it. */
#define WIN 8
static struct {
	atomic_size_t drained, started, beyond;
	size_t fail_item, fail_drain;
} win;

static int windowed_item(size_t i, unsigned worker, void *payload)
{
	(void)worker;
	(void)payload;
	atomic_fetch_add(&win.started, 1);
	if (i >= atomic_load(&win.drained) + WIN)
		atomic_fetch_add(&win.beyond, 1);
	return i == win.fail_item ? RC_EIO : 0;
}

static int windowed_drain(size_t i, void *payload)
{
	(void)payload;
	if (i != atomic_load(&win.drained))
		return RC_EINTERNAL;
	atomic_fetch_add(&win.drained, 1);
	return i == win.fail_drain ? RC_ENOMEM : 0;
}

static void windowed(unsigned jobs, size_t fail_item, size_t fail_drain,
		     int want)
{
	atomic_store(&win.drained, 0);
	atomic_store(&win.started, 0);
	atomic_store(&win.beyond, 0);
	win.fail_item = fail_item;
	win.fail_drain = fail_drain;
	assert_int_equal(rc_pool_run_windowed(jobs, 5000, WIN, windowed_item,
					      windowed_drain, NULL),
			 want);
	assert_int_equal(atomic_load(&win.beyond), 0);
	if (!want) {
		assert_int_equal(atomic_load(&win.drained), 5000);
		assert_int_equal(atomic_load(&win.started), 5000);
	} else {
		assert_true(atomic_load(&win.started) <=
			    atomic_load(&win.drained) + WIN);
		assert_true(atomic_load(&win.drained) < 5000);
	}
}

static void test_core__pool_windowed(void **state)
{
	unsigned jobs;

	(void)state;
	for (jobs = 1; jobs <= 4; jobs++) {
		windowed(jobs, SIZE_MAX, SIZE_MAX, 0);
		windowed(jobs, 1234, SIZE_MAX, RC_EIO);
		windowed(jobs, SIZE_MAX, 777, RC_ENOMEM);
	}
}

static int fail_at_77(size_t i, unsigned worker, void *payload)
{
	(void)worker;
	(void)payload;
	return i == 77 ? RC_EIO : 0;
}

/* FIPS 180-4 examples and a long message fed in uneven pieces. */
static void test_core__sha256(void **state)
{
	static const struct {
		const char *msg, *hex;
	} cases[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410f"
			 "f61f20015ad" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
		      "7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db"
		  "06c1" },
	};
	struct rc_sha256 h;
	unsigned char d[32];
	char hex[65], chunk[997];
	size_t i, left;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		rc_sha256_init(&h);
		rc_sha256_update(&h, cases[i].msg, strlen(cases[i].msg));
		rc_sha256_final(&h, d);
		rc_sha256_hex(d, 32, hex);
		assert_string_equal(hex, cases[i].hex);
	}
	memset(chunk, 'a', sizeof(chunk));
	rc_sha256_init(&h);
	for (left = 1000000; left;) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);

		rc_sha256_update(&h, chunk, n);
		left -= n;
	}
	rc_sha256_final(&h, d);
	rc_sha256_hex(d, 32, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a4972"
				 "00e046d39ccc7112cd0");
	rc_sha256_hex(d, 4, hex);
	assert_int_equal(strlen(hex), 8);
}

static void test_core__pool(void **state)
{
	static struct pool_ctx c;
	size_t i;

	(void)state;
	assert_true(rc_pool_cpus() >= 1);
	assert_int_equal(rc_pool_run(4, N, square, &c), 0);
	for (i = 0; i < N; i++)
		assert_int_equal(c.out[i], (int)(i * i % 1000));
	c.in_order = true;
	assert_int_equal(rc_pool_run_windowed(3, N, 100, square, drain, &c), 0);
	assert_int_equal(c.drained, N);
	assert_true(c.in_order);
	assert_int_equal(rc_pool_run(4, 1000, fail_at_77, NULL), RC_EIO);
	assert_int_equal(rc_pool_run(1, 1000, fail_at_77, NULL), RC_EIO);
	assert_int_equal(rc_pool_run(4, 0, fail_at_77, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core__buf_invariants),
		cmocka_unit_test(test_core__buf_ceiling_is_sticky),
		cmocka_unit_test(test_core__buf_enomem),
		cmocka_unit_test(test_core__buf_json_str),
		cmocka_unit_test(test_core__str_helpers),
		cmocka_unit_test(test_core__utf8),
		cmocka_unit_test(test_core__vec_and_arena),
		cmocka_unit_test(test_core__err_format),
		cmocka_unit_test(test_core__diags_sorted),
		cmocka_unit_test(test_core__pool),
		cmocka_unit_test(test_core__pool_windowed),
		cmocka_unit_test(test_core__sha256),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
