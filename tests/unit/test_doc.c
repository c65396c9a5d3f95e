/*
 * test_doc.c - the document model: builders, accessors, rendering.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "parse/doc.h"
#include "parse/json.h"
#include "parse/yaml.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

/* { "tool": { "poetry": { "name": "demo", "n": 3 } }, "list": [1, 2.5] } */
static struct rc_doc *sample(void)
{
	struct rc_doc *doc;
	struct rc_node *root, *tool, *poetry, *list, *n;

	assert_int_equal(rc_doc_new(&doc, "pyproject.toml"), 0);
	root = rc_doc_node(doc, RC_NODE_TABLE, 1, 1);
	tool = rc_doc_node(doc, RC_NODE_TABLE, 2, 1);
	poetry = rc_doc_node(doc, RC_NODE_TABLE, 3, 1);
	list = rc_doc_node(doc, RC_NODE_ARRAY, 7, 8);
	assert_non_null(root);
	assert_non_null(tool);
	assert_non_null(poetry);
	assert_non_null(list);
	doc->root = root;
	assert_int_equal(rc_node_append(doc, root, "tool", tool), 0);
	assert_int_equal(rc_node_append(doc, tool, "poetry", poetry), 0);
	n = rc_doc_string(doc, "demo", 4, 4, 8);
	assert_int_equal(rc_node_append(doc, poetry, "name", n), 0);
	n = rc_doc_node(doc, RC_NODE_INT, 5, 5);
	n->u.i = 3;
	assert_int_equal(rc_node_append(doc, poetry, "n", n), 0);
	assert_int_equal(rc_node_append(doc, root, "list", list), 0);
	n = rc_doc_node(doc, RC_NODE_INT, 7, 9);
	n->u.i = 1;
	assert_int_equal(rc_node_append(doc, list, NULL, n), 0);
	n = rc_doc_node(doc, RC_NODE_FLOAT, 7, 12);
	n->u.f = 2.5;
	assert_int_equal(rc_node_append(doc, list, NULL, n), 0);
	return doc;
}

static void test_doc__build_and_get(void **state)
{
	struct rc_doc *doc = sample();
	const struct rc_node *n;

	(void)state;
	assert_string_equal(doc->path, "pyproject.toml");
	assert_int_equal(rc_node_count(doc->root), 2);
	n = rc_node_get(doc->root, "tool");
	assert_non_null(n);
	assert_string_equal(n->key, "tool");
	assert_int_equal(n->line, 2);
	n = rc_node_path(doc->root, "tool.poetry.name");
	assert_non_null(n);
	assert_string_equal(rc_node_str(n), "demo");
	assert_int_equal(n->u.s.len, 4);
	assert_int_equal(n->line, 4);
	assert_int_equal(n->col, 8);
	assert_int_equal(rc_node_path(doc->root, "tool.poetry.n")->u.i, 3);
	assert_ptr_equal(rc_node_path(doc->root, ""), doc->root);
	assert_null(rc_node_path(doc->root, "tool.poetry.missing"));
	assert_null(rc_node_path(doc->root, "tool.poetry.name.deeper"));
	assert_null(rc_node_path(doc->root, "tool..poetry"));
	assert_null(rc_node_path(doc->root, "tool.poetry."));
	assert_null(rc_node_path(doc->root, "too"));
	assert_null(rc_node_path(NULL, "tool"));
	assert_null(rc_node_path(doc->root, NULL));
	/* prefix of a key is not the key */
	assert_null(rc_node_get(doc->root, "lis"));
	assert_null(rc_node_get(doc->root, "lists"));
	rc_doc_free(doc);
}

static void test_doc__array_access(void **state)
{
	struct rc_doc *doc = sample();
	const struct rc_node *list = rc_node_get(doc->root, "list");

	(void)state;
	assert_true(rc_node_is(list, RC_NODE_ARRAY));
	assert_int_equal(rc_node_count(list), 2);
	assert_int_equal(rc_node_at(list, 0)->u.i, 1);
	assert_null(rc_node_at(list, 0)->key);
	assert_true(rc_node_is(rc_node_at(list, 1), RC_NODE_FLOAT));
	assert_null(rc_node_at(list, 2));
	assert_null(rc_node_get(list, "x")); /* not a table */
	assert_int_equal(rc_node_count(rc_node_at(list, 0)), 0);
	assert_null(rc_node_at(NULL, 0));
	assert_int_equal(rc_node_count(NULL), 0);
	assert_false(rc_node_is(NULL, RC_NODE_NULL));
	assert_null(rc_node_str(list));
	assert_null(rc_node_str(NULL));
	rc_doc_free(doc);
}

static void test_doc__duplicates_keep_order(void **state)
{
	struct rc_doc *doc;
	struct rc_node *t, *a, *b, *c;

	(void)state;
	assert_int_equal(rc_doc_new(&doc, NULL), 0);
	assert_string_equal(doc->path, "");
	t = rc_doc_node(doc, RC_NODE_TABLE, 1, 1);
	a = rc_doc_string(doc, "first", 5, 1, 1);
	b = rc_doc_string(doc, "second", 6, 2, 1);
	c = rc_doc_string(doc, "third", 5, 3, 1);
	assert_int_equal(rc_node_append(doc, t, "k", a), 0);
	assert_int_equal(rc_node_append(doc, t, "other", b), 0);
	assert_int_equal(rc_node_append(doc, t, "k", c), 0);
	assert_int_equal(rc_node_count(t), 3);
	assert_string_equal(rc_node_str(rc_node_get(t, "k")), "first");
	assert_string_equal(rc_node_at(t, 1)->key, "other");
	assert_string_equal(rc_node_str(rc_node_at(t, 2)), "third");
	/* appending to a scalar is a bug, reported as such */
	assert_int_equal(rc_node_append(doc, a, "x", c), RC_EINTERNAL);
	rc_doc_free(doc);
}

static void test_doc__many_children(void **state)
{
	struct rc_doc *doc;
	struct rc_node *arr, *n;
	char key[16];
	size_t i;

	(void)state;
	assert_int_equal(rc_doc_new(&doc, "x"), 0);
	arr = rc_doc_node(doc, RC_NODE_TABLE, 1, 1);
	for (i = 0; i < 5000; i++) {
		n = rc_doc_node(doc, RC_NODE_INT, (unsigned)i + 1, 1);
		assert_non_null(n);
		n->u.i = (int64_t)i;
		snprintf(key, sizeof(key), "k%zu", i);
		assert_int_equal(rc_node_append(doc, arr, key, n), 0);
	}
	assert_int_equal(rc_node_count(arr), 5000);
	for (i = 0; i < 5000; i++)
		assert_int_equal(rc_node_at(arr, i)->u.i, (int64_t)i);
	assert_int_equal(rc_node_get(arr, "k4999")->u.i, 4999);
	rc_doc_free(doc);
}

static void test_doc__string_with_nul(void **state)
{
	struct rc_doc *doc;
	struct rc_node *s;

	(void)state;
	assert_int_equal(rc_doc_new(&doc, "x"), 0);
	s = rc_doc_string(doc, "a\0b", 3, 1, 1);
	assert_non_null(s);
	assert_int_equal(s->u.s.len, 3);
	assert_memory_equal(s->u.s.ptr, "a\0b", 4);
	s = rc_doc_string(doc, NULL, 0, 1, 1);
	assert_string_equal(rc_node_str(s), "");
	rc_doc_free(doc);
}

static void check_text(enum rc_node_type type, int64_t i, double f,
		       const char *want)
{
	struct rc_node n;
	char buf[64];
	const char *got;

	memset(&n, 0, sizeof(n));
	n.type = type;
	if (type == RC_NODE_INT)
		n.u.i = i;
	else if (type == RC_NODE_FLOAT)
		n.u.f = f;
	else if (type == RC_NODE_BOOL)
		n.u.b = i != 0;
	got = rc_node_text(&n, buf, sizeof(buf));
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
}

static void test_doc__text(void **state)
{
	struct rc_node s;
	char buf[8];

	(void)state;
	check_text(RC_NODE_BOOL, 1, 0, "true");
	check_text(RC_NODE_BOOL, 0, 0, "false");
	check_text(RC_NODE_INT, 0, 0, "0");
	check_text(RC_NODE_INT, -42, 0, "-42");
	check_text(RC_NODE_INT, INT64_MAX, 0, "9223372036854775807");
	check_text(RC_NODE_INT, INT64_MIN, 0, "-9223372036854775808");
	check_text(RC_NODE_FLOAT, 0, 1.0, "1.0");
	check_text(RC_NODE_FLOAT, 0, 0.1, "0.1");
	check_text(RC_NODE_FLOAT, 0, 1000.0, "1000.0");
	check_text(RC_NODE_FLOAT, 0, -2.5, "-2.5");
	check_text(RC_NODE_FLOAT, 0, 0.0, "0.0");
	check_text(RC_NODE_FLOAT, 0, 3.14159, "3.14159");
	check_text(RC_NODE_FLOAT, 0, 1e300, "1e+300");
	check_text(RC_NODE_FLOAT, 0, 1.5e-7, "1.5e-07");
	check_text(RC_NODE_FLOAT, 0, INFINITY, "inf");
	check_text(RC_NODE_FLOAT, 0, -INFINITY, "-inf");
	check_text(RC_NODE_FLOAT, 0, NAN, "nan");
	check_text(RC_NODE_NULL, 0, 0, NULL);
	check_text(RC_NODE_ARRAY, 0, 0, NULL);
	check_text(RC_NODE_TABLE, 0, 0, NULL);
	assert_null(rc_node_text(NULL, buf, sizeof(buf)));

	/* strings are returned as they are, whatever the buffer size */
	memset(&s, 0, sizeof(s));
	s.type = RC_NODE_STRING;
	s.u.s.ptr = "a long string value";
	s.u.s.len = strlen(s.u.s.ptr);
	assert_string_equal(rc_node_text(&s, buf, sizeof(buf)),
			    "a long string value");
	/* a short buffer truncates but stays terminated */
	memset(&s, 0, sizeof(s));
	s.type = RC_NODE_INT;
	s.u.i = 123456789;
	assert_string_equal(rc_node_text(&s, buf, 4), "123");
}

static void test_doc__type_names(void **state)
{
	(void)state;
	assert_string_equal(rc_node_type_name(RC_NODE_NULL), "null");
	assert_string_equal(rc_node_type_name(RC_NODE_BOOL), "boolean");
	assert_string_equal(rc_node_type_name(RC_NODE_INT), "integer");
	assert_string_equal(rc_node_type_name(RC_NODE_FLOAT), "float");
	assert_string_equal(rc_node_type_name(RC_NODE_STRING), "string");
	assert_string_equal(rc_node_type_name(RC_NODE_ARRAY), "array");
	assert_string_equal(rc_node_type_name(RC_NODE_TABLE), "table");
	assert_string_equal(rc_node_type_name((enum rc_node_type)99),
			    "unknown");
}

static void test_doc__alloc_failures(void **state)
{
	long i;

	(void)state;
	rc_doc_free(NULL);
	for (i = 0; i < 100; i++) {
		struct rc_doc *doc = NULL;
		struct rc_node *t, *s;
		int e;

		rc_alloc_fail_after(i);
		e = rc_doc_new(&doc, "p");
		if (e) {
			assert_int_equal(e, RC_ENOMEM);
			assert_null(doc);
			continue;
		}
		t = rc_doc_node(doc, RC_NODE_TABLE, 1, 1);
		s = rc_doc_string(doc, "v", 1, 1, 1);
		if (t && s)
			e = rc_node_append(doc, t, "k", s);
		rc_alloc_fail_after(-1);
		rc_doc_free(doc);
		if (t && s && !e)
			break;
		if (t && s)
			assert_int_equal(e, RC_ENOMEM);
	}
	rc_alloc_fail_after(-1);
	assert_true(i < 100);
}

/* Same tree: types, values, keys, lines and columns. */
static void assert_same(const struct rc_node *a, const struct rc_node *b)
{
	size_t i;

	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
	if (a->key || b->key)
		assert_string_equal(a->key ? a->key : "", b->key ? b->key : "");
	switch (a->type) {
	case RC_NODE_NULL:
		break;
	case RC_NODE_BOOL:
		assert_int_equal(a->u.b, b->u.b);
		break;
	case RC_NODE_INT:
		assert_true(a->u.i == b->u.i);
		break;
	case RC_NODE_FLOAT:
		assert_memory_equal(&a->u.f, &b->u.f, sizeof(a->u.f));
		break;
	case RC_NODE_STRING:
		assert_int_equal(a->u.s.len, b->u.s.len);
		assert_memory_equal(a->u.s.ptr, b->u.s.ptr, a->u.s.len);
		assert_int_equal(b->u.s.ptr[b->u.s.len], '\0');
		break;
	case RC_NODE_ARRAY:
	case RC_NODE_TABLE:
		assert_int_equal(a->u.kids.n, b->u.kids.n);
		for (i = 0; i < a->u.kids.n; i++)
			assert_same(a->u.kids.items[i], b->u.kids.items[i]);
		break;
	}
}

/* pack -> unpack gives the same document, from YAML and from JSON (every
 * node type, negative and huge integers, NUL in a string); every prefix
 * and every one-byte change of the packed bytes is refused or read
 * safely, never a crash. */
static void test_doc__pack_roundtrip(void **state)
{
	static const char yaml[] =
		"checks:\n  - id: a\n    n: -9223372036854775807\n"
		"    f: 2.5\n    ok: true\n    none: ~\n"
		"    list: [1, 'two', {k: v}]\n  - {}\n";
	static const char json[] =
		"{\"s\": \"a\\u0000b\", \"i\": -1, \"big\": 9007199254740993,"
		" \"x\": [[], {}, null, false, 1e300]}";
	struct rc_doc *src = NULL, *back = NULL;
	struct rc_buf b = RC_BUF_INIT, m = RC_BUF_INIT;
	struct rc_err err = RC_ERR_INIT;
	size_t n, k;
	int round;

	(void)state;
	for (round = 0; round < 2; round++) {
		if (round == 0)
			assert_int_equal(rc_yaml_parse(&src, yaml, strlen(yaml),
						       "r.yml", &err),
					 0);
		else
			assert_int_equal(rc_json_parse(&src, json, strlen(json),
						       "r.json", &err),
					 0);
		rc_buf_reset(&b);
		assert_int_equal(rc_doc_pack(src, &b), 0);
		assert_int_equal(rc_doc_unpack(&back, b.ptr, b.len, "r", &err),
				 0);
		assert_same(src->root, back->root);
		assert_string_equal(back->path, "r");
		rc_doc_free(back);
		for (n = 0; n < b.len; n++) {
			back = NULL;
			assert_int_equal(
				rc_doc_unpack(&back, b.ptr, n, "r", &err),
				RC_EPARSE);
			assert_null(back);
		}
		for (n = 0; n < b.len; n++)
			for (k = 0; k < 8; k++) {
				int e;

				rc_buf_reset(&m);
				rc_buf_add(&m, b.ptr, b.len);
				m.ptr[n] ^= (char)(1u << k);
				back = NULL;
				e = rc_doc_unpack(&back, m.ptr, m.len, "r",
						  &err);
				assert_true(e == 0 || e == RC_EPARSE);
				rc_doc_free(back);
			}
		rc_doc_free(src);
	}
	/* an empty document, and one nested past the limit */
	assert_int_equal(rc_doc_new(&src, "e"), 0);
	rc_buf_reset(&b);
	assert_int_equal(rc_doc_pack(src, &b), 0);
	assert_int_equal(rc_doc_unpack(&back, b.ptr, b.len, "e", &err), 0);
	assert_null(back->root);
	rc_doc_free(back);
	src->root = rc_doc_node(src, RC_NODE_ARRAY, 1, 1);
	{
		struct rc_node *at = src->root, *kid;

		for (n = 0; n <= RC_DOC_PACK_DEPTH; n++) {
			kid = rc_doc_node(src, RC_NODE_ARRAY, 1, 1);
			assert_int_equal(rc_node_append(src, at, NULL, kid), 0);
			at = kid;
		}
	}
	rc_buf_reset(&b);
	assert_int_equal(rc_doc_pack(src, &b), RC_ETOOBIG);
	rc_doc_free(src);
	rc_buf_release(&b);
	rc_buf_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc__build_and_get),
		cmocka_unit_test(test_doc__array_access),
		cmocka_unit_test(test_doc__duplicates_keep_order),
		cmocka_unit_test(test_doc__many_children),
		cmocka_unit_test(test_doc__string_with_nul),
		cmocka_unit_test(test_doc__text),
		cmocka_unit_test(test_doc__type_names),
		cmocka_unit_test(test_doc__alloc_failures),
		cmocka_unit_test(test_doc__pack_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
