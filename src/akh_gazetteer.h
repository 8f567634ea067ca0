/* akh_gazetteer.h — entity gazetteer and matching automaton.  Included by akhbar.h. */
#ifndef AKH_GAZETTEER_H
#define AKH_GAZETTEER_H

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
