/* fts5_int.h — shared between fts5.c (the tokenizer and the registration)
 * and fts5_snippet.c (the auxiliary function).  Not API: symbols use the
 * akh__ prefix and are hidden from the shared objects. */
#ifndef AKH_FTS5_INT_H
#define AKH_FTS5_INT_H

#include <sqlite3.h>

/* Register akhbar_snippet() (see fts5_snippet.c); an SQLite result code. */
int akh__fts5_register_snippet(fts5_api *api);

#endif
