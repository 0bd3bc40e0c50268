#pragma once

#include <QString>

// Where the tests find the programs the build made (build/bin/ of the same build tree).
class ProgramPath
{
public:
    static QString of(const QString &programName); // e.g. of("vigil-server")
    static QString sourceDir();                    // the repository's top folder
};
