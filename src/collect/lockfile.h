/*
 * lockfile.h - collectors for dependency lockfiles.
 *
 * A lockfile names the exact version of every package a build resolved.
 * rc_collect_lockfile() reads one (path relative to the root, contents in
 * buf[0..len), not necessarily NUL-terminated) and adds, all with the
 * lockfile as their path (docs/internals/lockfiles.md):
 *
 *   lockfile          str  format id (cargo npm yarn pnpm poetry uv pipenv
 *                          gomod bundler composer nuget gradle), line 0
 *   locked.<eco>      str  "name@version" per distinct locked package, at
 *                          the line where its entry starts; note "dev" for
 *                          dev-only entries when the format says so
 *   locked.count      num  number of locked.<eco> facts added, line 0
 *
 * Formats are found by file name (any directory): Cargo.lock,
 * package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml,
 * poetry.lock, uv.lock, Pipfile.lock, go.sum, Gemfile.lock, composer.lock,
 * packages.lock.json, gradle.lockfile.
 *
 * A malformed lockfile becomes one RC_DIAG_ERROR diagnostic with its
 * location and the reader's message; the facts learned before it are kept
 * and the scan goes on. At most RC_LOCKFILE_MAX_PACKAGES packages are kept
 * per lockfile; past that one RC_DIAG_NOTE says so. The only error returned
 * is RC_ENOMEM.
 *
 * Stateless: safe to call from several threads on different fact stores.
 */
#ifndef RC_COLLECT_LOCKFILE_H
#define RC_COLLECT_LOCKFILE_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* Ceiling on locked.<eco> facts from one lockfile. */
#define RC_LOCKFILE_MAX_PACKAGES 20000

/* True when the file name of path (any directory) is a known lockfile. */
bool rc_collect_is_lockfile(const char *path);

/*
 * Collect the lockfile at path (see above). A path that is not a lockfile
 * adds nothing. 0 or RC_ENOMEM; on RC_ENOMEM f and d may hold part of the
 * file's facts.
 */
int rc_collect_lockfile(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len);

#endif
