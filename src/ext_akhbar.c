/* ext_akhbar.c — the SQLite loadable extension (build-dir/akhbar.so):
 *   sqlite3 news.db '.load ./build/akhbar' "SELECT title FROM articles_fts WHERE articles_fts MATCH 'سوريا'"
 * registers the FTS5 tokenizer "akhbar" and the SQL functions
 * akhbar_normalize, akhbar_stem and akhbar_hash on the connection, so a
 * corpus made by akhbar.open stays searchable from any SQLite tool. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdio.h>

#include "akhbar.h"

AKH_API int sqlite3_akhbar_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api);

int sqlite3_akhbar_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  akh_error err = {0};
  if (akh_fts5_register(db, &err) != AKH_OK) {
    if (errmsg) *errmsg = sqlite3_mprintf("akhbar: %s", err.message);
    return SQLITE_ERROR;
  }
  int rc = akh_sql_register(db);
  if (rc != SQLITE_OK && errmsg) *errmsg = sqlite3_mprintf("akhbar: registering SQL functions failed (%d)", rc);
  return rc;
}
