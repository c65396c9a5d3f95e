/*
 * xml_lite.h - a small pull scanner for XML manifests (pom.xml, *.csproj).
 *
 * Enough XML for build files: elements with attributes, text, CDATA,
 * comments, processing instructions and a DOCTYPE (skipped). It checks
 * that tags nest and close, and nothing else: entities are not decoded,
 * namespaces are part of the name, no DTD is read. Input is untrusted:
 * nothing is read past buf + len, nesting is limited to RC_XML_MAX_DEPTH
 * and no memory is allocated.
 *
 *	struct rc_xml x;
 *	struct rc_xml_item it;
 *
 *	rc_xml_init(&x, buf, len);
 *	while (rc_xml_next(&x, &it) > RC_XML_END)
 *		if (it.type == RC_XML_TEXT && rc_xml_path_is(&x,
 *"project/version"))
 *			...;
 *	if (it.type == RC_XML_ERROR)
 *		report x.msg at x.err_line:x.err_col;
 */
#ifndef RC_COLLECT_XML_LITE_H
#define RC_COLLECT_XML_LITE_H

#include "../core/common.h"

#define RC_XML_MAX_DEPTH 64

enum rc_xml_event {
	RC_XML_ERROR = -1, /* malformed: see msg, err_line, err_col */
	RC_XML_END = 0,	   /* end of input, every element closed */
	RC_XML_OPEN,	   /* start tag; the element is on the stack */
	RC_XML_CLOSE,	   /* end tag (also after a self-closing tag); the
			    * element is still on the stack */
	RC_XML_TEXT,	   /* text or CDATA inside the current element,
			    * blanks trimmed, never empty */
};

struct rc_xml_item {
	enum rc_xml_event type;
	const char *name; /* OPEN, CLOSE: element name (not NUL-terminated) */
	size_t name_len;
	const char *attrs; /* OPEN: raw attribute text */
	size_t attrs_len;
	const char *text; /* TEXT: raw text (entities not decoded) */
	size_t text_len;
	unsigned line, col; /* where the item starts, 1-based */
};

struct rc_xml {
	const char *p, *end, *bol;
	unsigned line;
	struct {
		const char *name;
		size_t len;
	} stack[RC_XML_MAX_DEPTH];
	size_t depth;
	bool pop_next;		 /* the last CLOSE's element leaves on next */
	bool pending_close;	 /* a self-closing tag: CLOSE comes next */
	enum rc_xml_event state; /* RC_XML_ERROR or RC_XML_END once done */
	unsigned err_line, err_col;
	char msg[160];
};

void rc_xml_init(struct rc_xml *x, const char *buf, size_t len);

/* The next item into *it; returns its type. After RC_XML_END or
 * RC_XML_ERROR every call returns the same. */
enum rc_xml_event rc_xml_next(struct rc_xml *x, struct rc_xml_item *it);

/*
 * True when the open elements, outermost first, are exactly path
 * ("project/dependencies/dependency"). During RC_XML_CLOSE the closing
 * element still counts.
 */
bool rc_xml_path_is(const struct rc_xml *x, const char *path);

/* Value of attribute name of an OPEN item (quotes removed, raw). */
bool rc_xml_attr(const struct rc_xml_item *it, const char *name,
		 const char **value, size_t *len);

#endif
