/*
 * manifest.h - collectors for package manifests, one per format.
 *
 * Each takes one file (path relative to the root, its contents in
 * buf[0..len), not necessarily NUL-terminated) and adds facts to f: the
 * `manifest` fact (value = path), `manifest.name`/`.version`/`.license`,
 * `dependency.<eco>` and `dev_dependency.<eco>` with the line of each
 * declaration and the section as the fact's note, `manifest.bin`,
 * `manifest.lib`, `manifest.workspace` and the format's own facts
 * (docs/internals/facts.md, sections "Project" and "Manifests").
 *
 * A malformed manifest becomes an RC_DIAG_ERROR diagnostic in d with its
 * location and the reader's message ("expected '='"), and the collector
 * returns 0 with whatever it could learn: a scan never stops on one bad
 * file. The only error returned is RC_ENOMEM.
 *
 * Python dependency names are normalised (lower-case, runs of '-', '_' and
 * '.' become one '-'); other ecosystems keep names as written (Maven and
 * Gradle as "groupId:artifactId").
 *
 * Collectors keep no state between calls and are safe to call from several
 * threads on different fact stores.
 */
#ifndef RC_COLLECT_MANIFEST_H
#define RC_COLLECT_MANIFEST_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* Rust: Cargo.toml (via the TOML reader). */
int rc_collect_cargo(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len);

/* Python: pyproject.toml ([project], [tool.poetry], [dependency-groups]). */
int rc_collect_pyproject(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len);
/* Python: requirements*.txt; dev_dependency when the file name says dev,
 * test, lint, doc or ci. */
int rc_collect_requirements(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len);
/* Python: setup.py (install_requires, tests_require, name, version,
 * console_scripts by simple scanning). */
int rc_collect_setup_py(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len);
/* Python: setup.cfg ([metadata], [options] install_requires,
 * [options.extras_require], [options.entry_points] console_scripts). */
int rc_collect_setup_cfg(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len);

/* Node: package.json (via the JSON reader). */
int rc_collect_package_json(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len);

/* Go: go.mod (module, go, require; replace/exclude/retract ignored). */
int rc_collect_gomod(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len);
/* Go: a non-test *.go file: `go.main` for `package main`, `go.listen` for
 * a server start call. */
int rc_collect_go_source(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len);

/* Java: pom.xml (XML-lite): coordinates, dependencies, the main class of
 * an executable jar, distributionManagement. */
int rc_collect_pom(struct rc_facts *f, struct rc_diags *d, const char *path,
		   const char *buf, size_t len);
/* Java/Kotlin: build.gradle and build.gradle.kts (dependency strings,
 * plugins, the application main class and a top-level `version = "x"` by
 * simple scanning). */
int rc_collect_gradle(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len);

/* Ruby: the files of RC_MF_GEMFILE by name: a *.gemspec goes to
 * rc_collect_gemspec(), lib/.../version.rb to rc_collect_ruby_version(),
 * anything else is a Gemfile (gem lines, development/test groups). */
int rc_collect_gemfile(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const char *buf, size_t len);
/* Ruby: *.gemspec, by simple scanning of `spec.<attr> = literal` lines of
 * the Gem::Specification block: name, version, license(s), executables
 * (`manifest.bin`; a computed list gives `gem.executables`), bindir,
 * add_dependency/add_runtime_dependency/add_development_dependency. */
int rc_collect_gemspec(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const char *buf, size_t len);
/* Ruby: lib/.../version.rb: `VERSION = "1.2.3"` as `manifest.version`
 * (no `manifest` fact: the file is not a manifest). */
int rc_collect_ruby_version(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len);
/* PHP: composer.json (require, require-dev, type, bin, autoload). */
int rc_collect_composer(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len);
/* .NET: *.csproj, *.fsproj, *.vbproj (PackageReference, Sdk, OutputType,
 * Version/VersionPrefix, packaging properties, FrameworkReference). */
int rc_collect_csproj(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len);

/* C/C++: CMakeLists.txt (project, add_executable, add_library,
 * find_package, pkg_check_modules). */
int rc_collect_cmake(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len);
/* C/C++: meson.build (project, executable, library, dependency). */
int rc_collect_meson(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len);

#endif
