/* akh_fingerprint.h — near-duplicate fingerprints (SimHash, MinHash).  Included by akhbar.h. */
#ifndef AKH_FINGERPRINT_H
#define AKH_FINGERPRINT_H

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
