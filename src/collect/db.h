/*
 * db.h - database usage and schema migrations.
 *
 * Per file (rc_collect_migration(), for files rc_db_migration_file()
 * accepts: source or SQL files under a migrations directory):
 *   db.migration.file  str  the path; note `up`, `down` or `up+down`
 *                           (a down step in the same file: Alembic or Django
 *                           `def downgrade`/`def down` with a body that is
 *                           not just `pass`, Rails `def down`/`def change`,
 *                           knex/umzug `exports.down`/`down(`, goose or
 *                           sql-migrate `-- +goose Down`/`-- +migrate Down`)
 * After all files (rc_collect_db()):
 *   db.client          str  a database client or ORM among the dependencies
 *                           (the dependency's provenance; note the engine:
 *                           postgres, mysql, sqlite, mongodb, sql)
 *   db.migrations      str  a migrations directory (its path; note the tool
 *                           the layout suggests), once per directory
 *   db.migrations.count num up migrations found
 *   db.migration.irreversible str an up migration without a down: none in
 *                           the file and no companion file (x.up.sql and
 *                           x.down.sql, Diesel's up.sql and down.sql,
 *                           Flyway V<n>__x.sql and U<n>__x.sql)
 */
#ifndef RC_COLLECT_DB_H
#define RC_COLLECT_DB_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* The length of the migrations directory holding path, or 0 when none:
 * a directory named migrations or migration, db/migrate, alembic/versions,
 * prisma/migrations (the innermost such directory). */
size_t rc_db_migrations_dir(const char *path);

/* A migration file (SQL or source code in a migrations directory)? */
bool rc_db_migration_file(const char *path);

int rc_collect_migration(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len);

int rc_collect_db(struct rc_facts *f);

#endif
