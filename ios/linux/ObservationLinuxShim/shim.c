// Debian trixie's libswiftObservation.so (swiftlang 6.0.3) references
// swift::threading::fatal(const char *, ...) but no library of the package defines it, so any
// program using Observation fails to link. This defines it under its C++ mangled name: print and
// abort, as the runtime's own does. Linux test builds only.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noreturn)) void skolbryggan_swift_threading_fatal(const char *format, ...)
    __asm__("_ZN5swift9threading5fatalEPKcz");

void skolbryggan_swift_threading_fatal(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    abort();
}
