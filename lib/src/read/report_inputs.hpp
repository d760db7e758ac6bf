#pragma once
// The report's optional inputs, each read into plain data: the JSON of `classify --summary`,
// the CSV of `classify --rejects`, the output of `coverage progress` (CSV or JSON) and of
// `coverage plan` (--summary JSON and the network layer), per the contracts in docs/report.md.
// Errors are InputError naming the file and the field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coverage::report {

struct ClassifySummary {
    std::string profile_name, profile_version, as_of, horizon_end;
    std::int64_t addresses = 0, units = 0, eligible_addresses = 0, eligible_units = 0, rejected = 0;
    struct Count {
        std::string word;
        std::int64_t addresses = 0, units = 0;
    };
    std::vector<Count> classes, tiers;
    struct Input {
        std::string role, file, sha256;
        std::int64_t read = 0, used = 0, rejected = 0;
    };
    std::vector<Input> inputs;
};
ClassifySummary read_classify_summary(const std::string& path);

/// Rejected rows grouped by file, field and reason; a quoted value in the reason ('n/a' is
/// not a number) is replaced by '…' so one kind of fault is one line. Sorted by file, then
/// count (descending), then reason.
struct RejectGroup {
    std::string file, field, reason;
    std::int64_t rows = 0;
};
std::vector<RejectGroup> read_rejects(const std::string& path);

struct ProgressYear {
    int year = 0;
    std::int64_t addresses = 0, units = 0, gigabit_units = 0, gap_units = 0;
    std::optional<double> share_addresses, share_units, observed_share_units, trend_share_units;
    bool on_track = false;
};
struct ProgressArea {
    std::string area_id;
    std::optional<int> trend_reaches_full; // JSON only
    std::vector<ProgressYear> years;       // ascending
};
struct Progress {
    std::optional<int> target;       // JSON: "target"; CSV: the last year
    std::string as_of;               // JSON only
    std::vector<ProgressArea> areas; // "(all)" first, as the file has them
};
Progress read_progress(const std::string& path);

struct PlanSummary {
    std::string currency, cost_model, mode;
    std::int64_t selected_addresses = 0, selected_units = 0, connected_addresses = 0, connected_units = 0;
    std::int64_t unreachable_addresses = 0, unreachable_units = 0;
    std::vector<std::pair<std::string, std::int64_t>> unreachable_by_reason;
    double trench_m = 0, duct_m = 0, drop_m = 0, fibre_m = 0;
    double cost_total = 0, cost_per_address = 0, cost_per_unit = 0, cost_p50 = 0, cost_p90 = 0;
    struct CurvePoint {
        double share = 0;
        std::int64_t addresses = 0, units = 0;
        double cost = 0;
    };
    std::vector<CurvePoint> cost_curve;
};
PlanSummary read_plan_summary(const std::string& path);

/// The plan's line features as GeoJSON Feature objects in WGS84 (6 decimals), with
/// properties kind, length_m, cost, addresses; in layer order.
std::vector<std::string> read_plan_network(const std::string& path);

} // namespace coverage::report
