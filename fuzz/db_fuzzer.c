/*
 * db_fuzzer.c - the migration scanner and the database facts
 * (src/collect/db.c), and the Rust inline-test counter (src/collect/code.c).
 * The first byte picks the migration's file name; the rest is its text.
 */
#include "core/common.h"
#include "collect/code.h"
#include "collect/db.h"
#include "facts/facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"migrations/1_a.up.sql",
		"migrations/3_c/up.sql",
		"alembic/versions/e.py",
		"db/migration/V2__x.sql",
		"db/migrate/1_x.rb",
		"migrations/5.js",
		"migrations/6.go",
		"migrations/down.sql",
		"Data/Migrations/20240101_Init.cs",
	};
	struct rc_facts *f = NULL;
	const char *path, *buf = (const char *)data + 1;

	if (!size || rc_facts_new(&f))
		return 0;
	path = names[data[0] % RC_ARRAY_SIZE(names)];
	size--;
	rc_facts_add_file(f, path, size, 0, 1);
	rc_facts_add_file(f, "migrations/1_a.down.sql", 1, 0, 1);
	rc_facts_add_file(f, "src/lib.rs", size, 0, 1);
	rc_facts_sort_files(f);
	rc_collect_migration(f, NULL, path, buf, size);
	rc_collect_rust_source(f, NULL, "src/lib.rs", buf, size);
	rc_facts_add_str(f, "dependency.rust", "sqlx", "Cargo.toml", 1);
	rc_collect_db(f);
	rc_collect_code_stats(f);
	rc_facts_free(f);
	return 0;
}
