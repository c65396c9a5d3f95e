/*
 * utf8.h - UTF-8 validation helpers.
 */
#ifndef RC_CORE_UTF8_H
#define RC_CORE_UTF8_H

#include "common.h"

/* Length (1-4) of the valid UTF-8 sequence at s, or 0 if invalid/truncated. */
size_t rc_utf8_valid_len(const char *s, size_t n);
/* True when the n bytes at s are entirely valid UTF-8. */
bool rc_utf8_valid(const char *s, size_t n);

#endif
