#ifndef INDY_CORE_H
#define INDY_CORE_H
/* Source compatibility with libindy's umbrella header. */
#include "indy.h"
#endif
