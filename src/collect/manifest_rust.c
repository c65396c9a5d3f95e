/*
 * manifest_rust.c - Cargo.toml.
 */
#include "../core/common.h"
#include "manifest.h"
#include "manifest_util.h"
#include "../parse/toml.h"

#include <stdio.h>

static const char *const dep_sections[] = {
	"dependencies",	    "dev-dependencies",	  "build-dependencies",
	"dev_dependencies", "build_dependencies",
};

static bool dev_section(const char *key)
{
	return strcmp(key, "dependencies") != 0;
}

/* Enabled features of a dependency: cargo.feature "dep/feature". */
static int features(struct rc_facts *f, const char *path, const char *dep,
		    const struct rc_node *list)
{
	size_t i;
	int e;

	for (i = 0; i < rc_node_count(list) && rc_node_is(list, RC_NODE_ARRAY);
	     i++) {
		const struct rc_node *x = rc_node_at(list, i);
		const char *s = rc_node_str(x);
		char v[2 * RC_MANIFEST_NAME_MAX + 2];
		size_t dn = strlen(dep), sn;

		if (!s || dn + (sn = strlen(s)) + 1 >= sizeof(v))
			continue;
		memcpy(v, dep, dn);
		v[dn] = '/';
		memcpy(v + dn + 1, s, sn);
		if ((e = rc_manifest_strn(f, "cargo.feature", v, dn + 1 + sn,
					  path, x->line)))
			return e;
	}
	return 0;
}

static int deps(struct rc_facts *f, struct rc_diags *d, const char *path,
		const struct rc_node *t, const char *key, bool dev,
		const char *note)
{
	size_t i;
	int e;

	if (!t)
		return 0;
	if (!rc_node_is(t, RC_NODE_TABLE))
		return rc_manifest_type_error(d, path, t, key, "a table");
	for (i = 0; i < rc_node_count(t); i++) {
		const struct rc_node *x = rc_node_at(t, i);
		const char *name = x->key;
		const char *pkg = rc_node_str(rc_node_get(x, "package"));

		if (!name)
			continue;
		if (pkg && *pkg)
			name = pkg;
		if ((e = rc_manifest_dep(f, dev, "rust", name, strlen(name),
					 path, x->line, note)))
			return e;
		if ((e = features(f, path, name, rc_node_get(x, "features"))))
			return e;
	}
	return 0;
}

static bool bare_key(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* [target.'cfg(...)'.dependencies] and friends. */
static int target_deps(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const struct rc_node *targets)
{
	size_t i, k;
	int e;

	if (!targets)
		return 0;
	if (!rc_node_is(targets, RC_NODE_TABLE))
		return rc_manifest_type_error(d, path, targets, "target",
					      "a table");
	for (i = 0; i < rc_node_count(targets); i++) {
		const struct rc_node *t = rc_node_at(targets, i);

		if (!t->key || !rc_node_is(t, RC_NODE_TABLE))
			continue;
		for (k = 0; k < RC_ARRAY_SIZE(dep_sections); k++) {
			char note[320];
			const char *q = bare_key(t->key) ? "" : "'";

			snprintf(note, sizeof(note), "[target.%s%.200s%s.%s]",
				 q, t->key, q, dep_sections[k]);
			e = deps(f, d, path, rc_node_get(t, dep_sections[k]),
				 dep_sections[k], dev_section(dep_sections[k]),
				 note);
			if (e)
				return e;
		}
	}
	return 0;
}

static int str_fact(struct rc_facts *f, const char *name,
		    const struct rc_node *n, const char *path)
{
	const char *s = rc_node_str(n);

	if (!s)
		return 0;
	return rc_manifest_strn(f, name, s, strlen(s), path, n->line);
}

static int bins(struct rc_facts *f, const char *path,
		const struct rc_node *list, const char *pkgname)
{
	size_t i;
	int e;

	if (!rc_node_is(list, RC_NODE_ARRAY))
		return 0;
	for (i = 0; i < rc_node_count(list); i++) {
		const struct rc_node *b = rc_node_at(list, i);
		const char *name = rc_node_str(rc_node_get(b, "name"));

		if (!rc_node_is(b, RC_NODE_TABLE))
			continue;
		if (!name)
			name = pkgname ? pkgname : "";
		if ((e = rc_manifest_strn(f, "manifest.bin", name, strlen(name),
					  path, b->line)))
			return e;
	}
	return 0;
}

static int workspace(struct rc_facts *f, const char *path,
		     const struct rc_node *ws)
{
	const struct rc_node *members = rc_node_get(ws, "members");
	size_t i;
	int e;

	if (!rc_node_is(members, RC_NODE_ARRAY))
		return 0;
	for (i = 0; i < rc_node_count(members); i++)
		if ((e = str_fact(f, "manifest.workspace",
				  rc_node_at(members, i), path)))
			return e;
	return 0;
}

static int cargo(struct rc_facts *f, struct rc_diags *d, const char *path,
		 const struct rc_node *root)
{
	const struct rc_node *pkg = rc_node_get(root, "package");
	const struct rc_node *lib = rc_node_get(root, "lib");
	const char *pkgname = rc_node_str(rc_node_get(pkg, "name"));
	size_t k;
	int e;

	if (pkg && !rc_node_is(pkg, RC_NODE_TABLE))
		return rc_manifest_type_error(d, path, pkg, "package",
					      "a table");
	if ((e = str_fact(f, "manifest.name", rc_node_get(pkg, "name"),
			  path)) ||
	    (e = str_fact(f, "manifest.version", rc_node_get(pkg, "version"),
			  path)) ||
	    (e = str_fact(f, "manifest.license", rc_node_get(pkg, "license"),
			  path)))
		return e;
	for (k = 0; k < RC_ARRAY_SIZE(dep_sections); k++) {
		char note[64];

		snprintf(note, sizeof(note), "[%s]", dep_sections[k]);
		if ((e = deps(f, d, path, rc_node_get(root, dep_sections[k]),
			      dep_sections[k], dev_section(dep_sections[k]),
			      note)))
			return e;
	}
	if ((e = target_deps(f, d, path, rc_node_get(root, "target"))))
		return e;
	if (rc_node_is(lib, RC_NODE_TABLE) &&
	    (e = rc_facts_add_bool(f, "manifest.lib", true, path, lib->line)))
		return e;
	if ((e = bins(f, path, rc_node_get(root, "bin"), pkgname)))
		return e;
	return workspace(f, path, rc_node_get(root, "workspace"));
}

int rc_collect_cargo(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	e = rc_toml_parse(&doc, buf, len, path, &err);
	if (e) {
		rc_doc_free(doc);
		return rc_manifest_parse_error(d, path, e, &err);
	}
	e = cargo(f, d, path, doc->root);
	rc_doc_free(doc);
	return e;
}
