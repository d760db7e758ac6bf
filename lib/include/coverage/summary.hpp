#pragma once
// Counts and shares of per-address results by class, tier, eligibility and category,
// weighted by addresses and by units, optionally per value of a kept column (--by district).
#include "coverage/aggregate.hpp"
#include "coverage/results.hpp"

#include <string>
#include <vector>

namespace coverage {

struct SummaryOptions {
    std::string by;                   // a column of the results (e.g. district); empty: none
    std::vector<std::string> classes; // class order override
};

/// One dimension (class, tier, eligible, category): group x value counts.
struct Breakdown {
    std::string name;
    std::vector<std::string> values;
    CountMatrix addresses, units; // group x value
};

struct SummaryReport {
    std::vector<std::string> inputs;
    std::string by;                    // field name, empty when not grouped
    std::vector<std::string> groups;   // by values, sorted; one "" group when not grouped
    CountVector addresses, units;      // per group
    std::vector<Breakdown> breakdowns; // class, tier, eligible, category
};

SummaryReport summarise(const ResultTable& results, const SummaryOptions& options);

enum class SummaryFormat { text, markdown, json, csv };
/// Throws UsageError for an unknown name.
SummaryFormat summary_format(const std::string& name);
std::string format_summary(const SummaryReport& report, SummaryFormat format);

/// Percentage with two decimals ("37.50"); empty when the total is 0.
std::string percent(std::int64_t part, std::int64_t total);

/// The summary command as one call: read the results, count, write the text ("-": stdout).
struct SummaryRun {
    SummaryOptions options;
    SummaryFormat format = SummaryFormat::text;
    std::vector<std::string> inputs;
    std::string output = "-";
    bool overwrite = false;
};
void run_summary(const SummaryRun& run);

} // namespace coverage
