#pragma once

#include <QString>

// The results table: reads the JSON file bench/run-bench.sh assembled and prints one row per
// figure with its same-run baseline, the ratio, the target and whether it is met, as plain
// text or as the Markdown table of docs/performance.md.
namespace BenchReport {

int print(const QString &resultsPath, bool markdown);

} // namespace BenchReport
