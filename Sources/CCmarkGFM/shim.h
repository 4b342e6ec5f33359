// GitHub's CommonMark library and its extensions (tables, strikethrough, autolinks), as Debian keeps
// them (libcmark-gfm-dev, libcmark-gfm-extensions-dev), for the forum's Markdown (ForumMarkdown.swift).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
