# Cross-build for aarch64 (the Raspberry Pi) on a Debian amd64 machine with Debian's multiarch
# packages: the :arm64 -dev packages install their libraries, pkg-config files and Qt CMake
# packages under /usr/lib/aarch64-linux-gnu next to the native ones, and the Qt host tools
# (moc, rcc, qmltyperegistrar, lrelease...) are the native amd64 ones. `./run.sh cross-arm64`
# installs both; the `arm64` preset uses this file.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(VIGIL_TARGET_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${VIGIL_TARGET_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${VIGIL_TARGET_TRIPLET}-g++)

# Multiarch keeps both architectures under one root (/usr), so the root is / and the arch
# lives in the library path. Headers are shared between architectures (/usr/include), with
# the arch-specific parts in /usr/include/aarch64-linux-gnu, which the cross gcc already
# searches. Programs (host tools) are searched natively; libraries and packages only for the
# target, so that an amd64 libmosquitto or Qt6Config.cmake can never be picked by mistake.
set(CMAKE_FIND_ROOT_PATH /)
set(CMAKE_LIBRARY_ARCHITECTURE ${VIGIL_TARGET_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_PREFIX_PATH /usr/lib/${VIGIL_TARGET_TRIPLET}/cmake)

# pkg-config (libmosquitto, libgpiod): only the target's .pc files; PKG_CONFIG_LIBDIR replaces
# the native search path instead of adding to it.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${VIGIL_TARGET_TRIPLET}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
set(PKG_CONFIG_EXECUTABLE /usr/bin/pkg-config CACHE FILEPATH "pkg-config, told by PKG_CONFIG_LIBDIR which architecture")

# Qt's target packages come from the arm64 tree; its build-time tools from the native Qt.
set(QT_HOST_PATH /usr CACHE PATH "Where the native Qt (the host tools) is installed")
set(QT_HOST_PATH_CMAKE_DIR /usr/lib/x86_64-linux-gnu/cmake CACHE PATH "The native Qt's CMake packages")
# Debian builds its arm64 Qt natively (not as a cross build), so its Qt6Config never looks for
# Qt6HostInfo itself; without it, the *Tools packages (LinguistTools, CoreTools...) are only
# searched in the arm64 tree, where they are not.
set(Qt6HostInfo_DIR ${QT_HOST_PATH_CMAKE_DIR}/Qt6HostInfo CACHE PATH "The native Qt's host info package")

# ctest runs the tests under qemu-user. -L / lets qemu find the arm64 dynamic loader and
# libraries where multiarch put them. The programs the tests start themselves (vigil-server,
# vigil-agent...) are run by the kernel's binfmt_misc entry, which scripts/cross-arm64.sh
# registers; it also runs ctest under a seccomp filter without which no QProcess starts under
# bookworm's qemu 7.2 (the reason is there), so run the tests through it, not ctest alone.
find_program(VIGIL_QEMU_AARCH64 qemu-aarch64-static PATHS /usr/bin NO_CMAKE_FIND_ROOT_PATH)
if(VIGIL_QEMU_AARCH64)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${VIGIL_QEMU_AARCH64} -L /)
else()
    message(WARNING "qemu-aarch64-static not found: the arm64 tests cannot run (apt-get install qemu-user-static)")
endif()
