/*
 * collect.h - collectors: files in, facts out.
 *
 * rc_collect_file() is called by a worker for every text file with its
 * contents; it dispatches on the path to the structured collectors
 * (manifests, CI workflows, Dockerfiles, ...) which add facts and, for
 * malformed input, diagnostics ("Cargo.toml:12:5: expected '='").
 * Repository-wide collectors run once after all files: ecosystems and
 * project kinds (from the file list and manifest facts) and git.
 *
 * The dispatch (collect.c): CI files (ci.h, rc_collect_ci_system()) and
 * Dockerfiles (docker.h, rc_collect_is_dockerfile()) anywhere; package
 * manifests (manifest.h), non-test Go files and YAML files outside
 * .github/ (platform.h, Kubernetes kinds) only outside foreign directories
 * (vendored code, node_modules, test fixtures, examples: see
 * rc_manifest_foreign() in manifest_util.h).
 *
 * Fact names are documented in docs/internals/facts.md.
 */
#ifndef RC_COLLECT_COLLECT_H
#define RC_COLLECT_COLLECT_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* True when path is a file some structured collector parses. */
bool rc_collect_wants(const char *path);

/* Collect facts from one file's contents. 0 or RC_ENOMEM. */
int rc_collect_file(struct rc_facts *f, struct rc_diags *d, const char *path,
		    const char *buf, size_t len);

/*
 * After all files (the file list complete and every batch merged): adds
 * the `ecosystem`, `platform`, `package` and `kind` facts, in that order,
 * from the file list and the facts of the collectors. Call it once per
 * store (a second call adds every fact again). d is unused: nothing here
 * is malformed input. 0 or RC_ENOMEM.
 */
int rc_collect_project(struct rc_facts *f, struct rc_diags *d);

/*
 * Could path be the manifest of a package? Then *dirlen is the length of
 * the package's directory (0: the root). A superset of the `package`
 * facts rc_collect_project() decides (it also drops helper programs and
 * nested build files), known from the path alone, before any file is
 * read: the engine groups content matches by it.
 */
bool rc_collect_package_candidate(const char *path, size_t *dirlen);

/* Git facts via libgit2 (tags, latest commit). 0 or RC_ENOMEM; a missing
 * or unreadable repository is a note, not an error. */
int rc_collect_git(struct rc_facts *f, struct rc_diags *d, const char *root);

#endif
