// Snowball's stemmers (Debian: libstemmer-dev), for SankofaCore's search normaliser.
#include <libstemmer.h>
