/*
 * manifest_fuzzer.c - the manifest collectors and project detection on
 * arbitrary bytes.
 *
 * The input is collected as each of the manifest formats in turn (the file
 * name picks the collector), all into one fact store, and then
 * rc_collect_project() decides the project from what was found. Nothing
 * may crash, hang, leak or read out of bounds; diagnostics are expected.
 */
#include "core/common.h"
#include "core/diag.h"
#include "collect/collect.h"
#include "facts/facts.h"

static const char *const names[] = {
	"go.mod",
	"pom.xml",
	"requirements.txt",
	"Gemfile",
	"package.json",
	"Cargo.toml",
	"CMakeLists.txt",
	"pyproject.toml",
	"setup.py",
	"setup.cfg",
	"build.gradle",
	"composer.json",
	"app/App.csproj",
	"meson.build",
	"cmd/x/main.go",
	"deploy/k8s.yaml",
	"sub/CMakeLists.txt",
	"sub/src/main.rs",
	"x.gemspec",
	"lib/x/version.rb",
	"build.gradle.kts",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_facts *f;
	struct rc_diags d = RC_DIAGS_INIT;
	const char *buf = (const char *)data;
	size_t i;

	if (rc_facts_new(&f))
		return 0;
	for (i = 0; i < RC_ARRAY_SIZE(names); i++) {
		if (rc_facts_add_file(f, names[i], size, 0, 1))
			break;
		if (rc_collect_wants(names[i]) &&
		    rc_collect_file(f, &d, names[i], buf, size))
			break;
	}
	rc_facts_sort_files(f);
	rc_collect_project(f, &d);
	rc_diags_release(&d);
	rc_facts_free(f);
	return 0;
}
