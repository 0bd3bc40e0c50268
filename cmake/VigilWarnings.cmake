# One interface target that carries the warnings and the strict Qt defines; every target links it.
add_library(vigil_warnings INTERFACE)
target_compile_options(vigil_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
if(VIGIL_WERROR)
    target_compile_options(vigil_warnings INTERFACE -Werror)
endif()
target_compile_definitions(vigil_warnings INTERFACE
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    VIGIL_VERSION="${PROJECT_VERSION}")
