#pragma once
// `coverage plan`: the target network that connects the selected addresses of a classify run
// to the existing fibre network, and what it costs. Streets mode: a Steiner tree over the
// street graph (Mehlhorn's 2-approximation); desk mode (no streets): the exact minimum
// spanning tree over the addresses and the existing network as one node, lengths times a
// detour factor. Costs come from a TOML cost model; each connected address carries its drop,
// its house connection and an equal share of every trench / duct edge on its path among all
// the addresses that edge serves, in whole cents that add up exactly to the total.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// A cost model (lib/costs/*.toml or a user file). Rates per metre, in `currency`.
struct CostModel {
    std::string name;
    std::string version;
    std::string title;
    std::string currency; // ISO 4217, e.g. "EUR"
    std::string source;
    std::vector<std::string> notes;
    double trench_per_m = 0; // civil works for a new trench with its duct
    double duct_per_m = 0;   // reusing an existing empty duct (blowing / pulling fibre in)
    double fibre_per_m = 0;  // fibre cable, on every trench and duct metre
    double drop_per_m = 0;   // the drop from the street to the building, all in
    double per_address = 0;  // house connection and equipment, per connected address
    double per_unit = 0;     // per dwelling / business unit of a connected address
};

/// Parses a cost model from TOML; strict like rule profiles (unknown keys name the nearest
/// known key, errors carry line:column). Throws InputError.
CostModel parse_cost_model(std::string_view toml_text, const std::string& origin);

struct BuiltinCostModel {
    std::string_view name;
    std::string_view toml;
};
const std::vector<BuiltinCostModel>& builtin_cost_models();

/// A built-in name or a path to a .toml file. Throws UsageError / InputError.
CostModel load_cost_model(const std::string& name_or_path);
std::optional<std::string_view> builtin_cost_model_text(std::string_view name);

enum class PlanSelect {
    eligible,   // eligible = 1 in the results (default)
    white,      // class "white"
    not_served, // every address not already on fibre (best_technology not ftth / fttb)
};

struct PlanOptions {
    std::vector<std::string> results; // classify outputs; "-" = CSV on stdin
    PlanSelect select = PlanSelect::eligible;
    std::vector<std::string> streets; // line layers; empty: desk mode
    std::vector<std::string> routes;  // existing fibre: feeds at no cost
    std::vector<std::string> ducts;   // empty ducts: duct rate instead of trench rate
    std::string costs = "de-2024";
    double max_drop_m = 150;
    double detour = 1.3;     // desk mode: straight lines times this
    std::string working_crs; // empty: chosen from the addresses (UTM zone)
    // Areas for the per-area table and the area_id of edges and addresses: a results
    // column (--by) or a polygon layer (--areas with --area-id).
    std::string by;
    std::string areas;
    std::string area_id;
    std::optional<double> budget;
    std::optional<double> threshold;
    // Outputs; empty: not written.
    std::string network;       // .gpkg .geojson .fgb (.csv: without geometry)
    std::string addresses_out; // CSV
    std::string areas_out;     // .csv (or GDAL formats, without geometry)
    std::string summary;       // JSON; "-" = stdout
    bool overwrite = false;
    std::string tool_version; // written into the summary
};

struct PlanCount {
    std::uint64_t addresses = 0;
    std::uint64_t units = 0;
};

struct CurvePoint {
    double share = 0; // of the connected addresses, cheapest first
    PlanCount count;
    std::int64_t cost_cents = 0; // cumulative
};

struct PlanReport {
    std::string cost_model;
    std::string currency;
    std::string mode; // "streets" | "desk"
    std::string working_crs;
    std::string working_crs_why;
    std::uint64_t read = 0;
    PlanCount selected, connected, unreachable;
    std::uint64_t no_street = 0;                    // unreachable: no street within --max-drop
    std::uint64_t no_path = 0;                      // unreachable: no path to the existing network
    std::uint64_t no_coordinates = 0;               // unreachable: the result row has no lon/lat
    std::uint64_t fibre_sources = 0;                // fibre-served addresses feeding the network
    std::uint64_t graph_nodes = 0, graph_edges = 0; // streets mode
    double trench_m = 0, duct_m = 0, drop_m = 0, fibre_m = 0;
    std::int64_t total_cents = 0;
    std::int64_t p50_cents = 0, p90_cents = 0;
    std::vector<CurvePoint> curve; // 0.1, 0.2, ..., 1.0
    std::optional<double> budget;
    PlanCount within_budget;
    std::int64_t budget_cost_cents = 0;
    std::optional<double> threshold;
    PlanCount above_threshold;
    std::vector<std::string> notes;   // e.g. "--ducts are not used in desk mode"
    std::vector<std::string> written; // output paths
};

/// Runs the plan and writes the outputs named in `options`. Throws UsageError / InputError /
/// OutputError.
PlanReport run_plan(const PlanOptions& options);

/// The summary as JSON (the documented contract; stable key order, no timestamps).
std::string plan_summary_json(const PlanReport& report, const std::string& tool_version);
/// A short human-readable report (for stderr).
std::string plan_summary_text(const PlanReport& report);

} // namespace coverage
