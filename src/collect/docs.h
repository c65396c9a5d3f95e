/*
 * docs.h - the headings of the project's documentation.
 *
 * Documentation checks look for a section by keyword ("## Deployment").
 * A readiness plan has the same headings for what is missing, so they are
 * read here, where a plan can be told apart from a document:
 *
 *  - files: Markdown (.md, .markdown), reStructuredText (.rst) and
 *    AsciiDoc (.adoc) at the root, under any `docs`/`doc` directory, or
 *    named README* anywhere (a package's README), outside foreign
 *    directories; in .github/ only CONTRIBUTING*, SECURITY* and SUPPORT*;
 *  - planning files are skipped: a base name starting with TODO, FIXME or
 *    ROADMAP, or containing roadmap, readiness or checklist (any case):
 *    they list what is missing, not what exists;
 *  - a heading counts only when its section (up to the next heading of the
 *    same or a higher level) has a line that is neither blank, nor a
 *    heading, nor a task-list item (`- [ ] ...`, `- [x] ...`): a heading
 *    over a checklist announces work, it does not document anything.
 *
 * Each heading that counts gives `doc.heading` (value: the heading as a
 * Markdown ATX heading, `#` repeated by level, a space and the title, at
 * most 200 bytes; provenance: the heading's line). Fenced code blocks are
 * skipped. At most 1000 headings per file.
 */
#ifndef RC_COLLECT_DOCS_H
#define RC_COLLECT_DOCS_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* Is path a documentation file whose headings are collected? */
bool rc_collect_is_doc(const char *path);

/* A planning file (TODO*, FIXME*, ROADMAP*, *roadmap*, *readiness*,
 * *checklist*), by base name. */
bool rc_collect_is_plan(const char *path);

int rc_collect_doc(struct rc_facts *f, struct rc_diags *d, const char *path,
		   const char *buf, size_t len);

#endif
