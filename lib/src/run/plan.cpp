// run_plan: results -> selected addresses and existing network -> street graph (or desk
// points) -> Steiner tree (or exact MST) -> shares -> outputs. See coverage/plan.hpp.
#include "coverage/plan.hpp"

#include "base/json_text.hpp"
#include "coverage/aggregate.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/results.hpp"
#include "gdal/dataset.hpp"
#include "join/spatial.hpp"
#include "plan/graph.hpp"
#include "plan/lines.hpp"
#include "plan/mst.hpp"
#include "plan/segment_index.hpp"
#include "plan/shares.hpp"
#include "plan/steiner.hpp"
#include "write/feature_table.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <numeric>
#include <ogr_geometry.h>

namespace coverage {
namespace {

using plan::EdgeKind;
using plan::none;

std::int64_t to_cents(double amount) { return std::llround(amount * 100.0); }
double money(std::int64_t cents) { return static_cast<double>(cents) / 100.0; }

enum class Reason : std::uint8_t { connected, no_street, no_path, no_coordinates };

const char* reason_word(Reason r)
{
    switch (r) {
    case Reason::connected: return "";
    case Reason::no_street: return "no_street_within_max_drop";
    case Reason::no_path: return "no_path_to_network";
    case Reason::no_coordinates: return "no_coordinates";
    }
    return "";
}

// One output line feature: a chain of tree edges between junctions, or a drop.
struct NetFeature {
    EdgeKind kind;
    std::vector<double> xy;
    double length_m = 0;
    std::int64_t cents = 0;
    std::uint32_t addresses = 0;
    std::int64_t area = -1;
};

struct Plan {
    // Per selected address (in results order).
    std::vector<std::size_t> row;
    std::vector<double> x, y;
    std::vector<Reason> reason;
    std::vector<double> drop_m;
    std::vector<std::int64_t> cost_cents; // share + drop + house connection (connected only)
    std::vector<double> trench_m, duct_m, path_m;
    std::vector<std::int64_t> area;
    std::vector<NetFeature> features;
};

std::string line_wkb(const std::vector<double>& xy)
{
    OGRLineString l;
    for (std::size_t k = 0; k + 1 < xy.size(); k += 2) l.addPoint(xy[k], xy[k + 1]);
    std::string wkb(static_cast<std::size_t>(l.WkbSize()), '\0');
    l.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
    return wkb;
}

// Chains of tree edges between junctions become one feature each: a node that is not a root,
// has no address, and has exactly one child edge of the same kind continues its parent's
// chain. Features in breadth-first order from the roots.
void chain_features(std::size_t nodes, const plan::PlanEdges& edges, const plan::ShareResult& s,
                    const std::vector<double>& nx, const std::vector<double>& ny,
                    const std::vector<std::uint8_t>& roots, const std::vector<std::uint32_t>& attach,
                    std::vector<NetFeature>& out)
{
    std::vector<std::uint32_t> children(nodes, 0), has_address(nodes, 0), child_edge(nodes, none);
    std::vector<std::uint32_t> parent_edge(nodes, none);
    for (std::uint32_t e = 0; e < edges.from.size(); ++e) {
        if (s.child[e] == none) continue;
        const std::uint32_t v = s.child[e];
        const std::uint32_t p = edges.from[e] == v ? edges.to[e] : edges.from[e];
        ++children[p];
        child_edge[p] = e;
        parent_edge[v] = e;
    }
    for (const std::uint32_t n : attach)
        if (n != none) has_address[n] = 1;
    auto continues = [&](std::uint32_t v, std::uint32_t e) {
        return !roots[v] && !has_address[v] && children[v] == 1 && edges.kind[child_edge[v]] == edges.kind[e] &&
               s.area[child_edge[v]] == s.area[e];
    };
    // Heads: edges whose upper node does not continue the chain.
    std::vector<std::uint32_t> heads;
    for (std::uint32_t e = 0; e < edges.from.size(); ++e) {
        if (s.child[e] == none || s.served[e] == 0) continue;
        const std::uint32_t v = s.child[e];
        const std::uint32_t p = edges.from[e] == v ? edges.to[e] : edges.from[e];
        if (parent_edge[p] != none && continues(p, parent_edge[p])) continue;
        heads.push_back(e);
    }
    for (const std::uint32_t head : heads) {
        NetFeature f;
        f.kind = edges.kind[head];
        f.addresses = s.served[head];
        f.area = s.area[head];
        std::uint32_t e = head;
        const std::uint32_t top = edges.from[e] == s.child[e] ? edges.to[e] : edges.from[e];
        f.xy = {nx[top], ny[top]};
        for (;;) {
            const std::uint32_t v = s.child[e];
            f.xy.push_back(nx[v]);
            f.xy.push_back(ny[v]);
            f.length_m += edges.length_m[e];
            f.cents += edges.cost_cents[e];
            if (!continues(v, e)) break;
            e = child_edge[v];
        }
        out.push_back(std::move(f));
    }
}

void check_network(bool any_source)
{
    if (!any_source)
        throw UsageError("no existing network to connect to: give --routes (fibre in the ground) or results in which "
                         "some addresses are served by ftth / fttb");
}

} // namespace

PlanReport run_plan(const PlanOptions& o)
{
    if (o.results.empty())
        throw UsageError("no RESULTS: give result files of coverage classify, or - for CSV on stdin");
    if (!(o.max_drop_m >= 0)) throw UsageError("--max-drop must be 0 or more metres");
    if (!(o.detour >= 1)) throw UsageError("--detour must be 1 or more (a factor on straight-line lengths)");
    if (!o.areas.empty() && o.area_id.empty())
        throw UsageError("--areas needs --area-id FIELD (the field that names each area)");
    if (!o.areas.empty() && !o.by.empty()) throw UsageError("give --by or --areas, not both");
    if (!o.areas_out.empty() && o.by.empty() && o.areas.empty())
        throw UsageError("--areas-out needs --by FIELD or --areas FILE --area-id FIELD");
    for (const std::string* path : {&o.network, &o.addresses_out, &o.areas_out})
        if (!path->empty()) check_feature_output(*path);
    const CostModel cm = load_cost_model(o.costs);
    // Every input and output joins one set before anything is read; the outputs appear
    // together at the end, or none of them.
    OutputSet outputs(o.overwrite);
    for (const auto* files : {&o.results, &o.streets, &o.routes, &o.ducts})
        for (const auto& path : *files) outputs.add_input(path);
    outputs.add_input(o.areas);
    outputs.add_input(o.costs); // a built-in model's name is no file and is skipped
    AtomicPath* network_out = outputs.add_optional(o.network);
    AtomicPath* addresses_out = outputs.add_optional(o.addresses_out);
    AtomicPath* areas_out = outputs.add_optional(o.areas_out);
    AtomicPath* summary_out = outputs.add_optional(o.summary);
    // Only what plan uses: lon/lat, units, eligibility and class (always read), best_technology
    // (fibre feeds, --select not-served) and the --by column; --areas keeps every column for
    // aggregate's area join.
    ResultSelection keep;
    if (o.areas.empty()) {
        keep.all_extras = false;
        keep.extras = {std::string(result_column::best_technology)};
        if (!o.by.empty()) keep.extras.push_back(o.by);
    }
    const ResultTable r = read_results(o.results, {}, keep);

    PlanReport rep;
    rep.cost_model = cm.name;
    rep.currency = cm.currency;
    rep.mode = o.streets.empty() ? "desk" : "streets";
    rep.read = r.size();
    rep.budget = o.budget;
    rep.threshold = o.threshold;

    // Selection and the fibre-served addresses that feed.
    const int best_col = r.extra_column("best_technology");
    auto on_fibre = [&](std::size_t i) {
        if (best_col < 0) return false;
        const std::string_view t = r.extra[static_cast<std::size_t>(best_col)][i];
        return t == "ftth" || t == "fttb";
    };
    if (o.select == PlanSelect::not_served && best_col < 0)
        throw InputError(fmt::format("{}: no best_technology column; --select not-served needs classify's full "
                                     "output",
                                     fmt::join(r.inputs, ", ")));
    Plan p;
    std::vector<std::size_t> feeders;
    for (std::size_t i = 0; i < r.size(); ++i) {
        bool take = false;
        switch (o.select) {
        case PlanSelect::eligible: take = r.eligible[i] == 1; break;
        case PlanSelect::white: take = r.class_name[i] == "white"; break;
        case PlanSelect::not_served: take = !on_fibre(i); break;
        }
        if (take) p.row.push_back(i);
        else if (on_fibre(i) && !std::isnan(r.lon[i])) feeders.push_back(i);
    }
    const std::size_t n = p.row.size();
    for (const std::size_t i : p.row) {
        ++rep.selected.addresses;
        rep.selected.units += r.units[i];
    }
    rep.fibre_sources = feeders.size();

    // Areas.
    std::vector<std::string> area_names;
    p.area.assign(n, -1);
    if (!o.by.empty()) {
        const TextColumn& col = r.text_column(o.by);
        std::map<std::string, std::int64_t, std::less<>> index;
        for (const std::size_t i : p.row) index.try_emplace(col[i].empty() ? "(none)" : std::string(col[i]), 0);
        for (auto& [name, k] : index) {
            k = static_cast<std::int64_t>(area_names.size());
            area_names.push_back(name);
        }
        for (std::size_t a = 0; a < n; ++a) {
            const std::string_view v = col[p.row[a]];
            p.area[a] = index.find(v.empty() ? std::string_view("(none)") : v)->second;
        }
    } else if (!o.areas.empty()) {
        AggregateOptions ao;
        ao.mode = AreaMode::areas;
        ao.areas = o.areas;
        ao.area_id_field = o.area_id;
        const AreaTable t = aggregate(r, ao);
        area_names = t.area_id;
        bool outside = false;
        for (std::size_t a = 0; a < n; ++a) {
            p.area[a] = t.row_area[p.row[a]];
            if (p.area[a] < 0) outside = true;
        }
        if (outside) {
            for (auto& v : p.area)
                if (v < 0) v = static_cast<std::int64_t>(area_names.size());
            area_names.push_back("(none)");
        }
    }
    const bool with_areas = !area_names.empty() || !o.by.empty() || !o.areas.empty();

    // Working CRS and projected points (selected, then feeders).
    std::vector<double> lon, lat;
    for (const std::size_t i : p.row) lon.push_back(r.lon[i]), lat.push_back(r.lat[i]);
    for (const std::size_t i : feeders) lon.push_back(r.lon[i]), lat.push_back(r.lat[i]);
    const WorkingCrs wc = working_crs_for_lonlat(o.working_crs, lon, lat);
    rep.working_crs = wc.label;
    rep.working_crs_why = wc.why;
    OGRSpatialReference working;
    working.importFromWkt(wc.wkt.c_str());
    working.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::vector<double> px = lon, py = lat;
    {
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&gdal::wgs84(), &working));
        if (!ct) throw InputError("cannot transform lon/lat to the working CRS");
        std::vector<int> ok(px.size(), 1);
        if (!px.empty()) ct->Transform(px.size(), px.data(), py.data(), nullptr, ok.data());
        for (std::size_t k = 0; k < px.size(); ++k)
            if (!ok[k] && !std::isnan(lon[k]))
                throw InputError(fmt::format("{}: lon/lat ({}, {}) cannot be transformed to {}",
                                             r.where(k < n ? p.row[k] : feeders[k - n]), lon[k], lat[k], wc.label));
    }
    p.x.assign(px.begin(), px.begin() + static_cast<std::ptrdiff_t>(n));
    p.y.assign(py.begin(), py.begin() + static_cast<std::ptrdiff_t>(n));
    p.reason.assign(n, Reason::connected);
    for (std::size_t a = 0; a < n; ++a)
        if (std::isnan(lon[a])) p.reason[a] = Reason::no_coordinates;

    auto read_all = [&](const std::vector<std::string>& paths, const char* role) {
        std::vector<plan::Polyline> lines;
        for (const auto& path : paths) {
            plan::LineLayer l = plan::read_lines(path, role, working);
            if (l.skipped)
                rep.notes.push_back(
                    fmt::format("{}: {} of {} features are not lines (skipped)", path, l.skipped, l.features));
            for (auto& line : l.lines) lines.push_back(std::move(line));
        }
        return lines;
    };
    const std::vector<plan::Polyline> routes = read_all(o.routes, "routes");
    const double trench_rate = cm.trench_per_m + cm.fibre_per_m;
    const double duct_rate = cm.duct_per_m + cm.fibre_per_m;

    plan::PlanEdges edges;
    std::vector<std::uint8_t> roots;
    std::vector<std::uint32_t> attach(n, none);
    std::vector<double> node_x, node_y;
    p.drop_m.assign(n, 0);
    std::vector<double> drop_x(n, 0), drop_y(n, 0);

    if (!o.streets.empty()) {
        plan::GraphInput gi;
        gi.streets = read_all(o.streets, "streets");
        gi.ducts = read_all(o.ducts, "ducts");
        gi.routes = routes;
        gi.max_drop_m = o.max_drop_m;
        for (std::size_t k = 0; k < px.size(); ++k) {
            if (std::isnan(px[k])) continue;
            if (k < n && p.reason[k] != Reason::connected) continue;
            gi.px.push_back(px[k]);
            gi.py.push_back(py[k]);
            gi.point_feeds.push_back(k >= n ? 1 : 0);
        }
        const plan::StreetGraph g = plan::build_street_graph(gi);
        rep.graph_nodes = g.nodes();
        rep.graph_edges = g.edges();
        check_network(std::any_of(g.source.begin(), g.source.end(), [](std::uint8_t s) { return s != 0; }));
        plan::SteinerInput si;
        si.nodes = g.nodes();
        si.from = &g.from;
        si.to = &g.to;
        si.source = &g.source;
        si.weight.resize(g.edges());
        for (std::size_t e = 0; e < g.edges(); ++e)
            si.weight[e] = g.length_m[e] * (g.kind[e] == EdgeKind::duct ? duct_rate : trench_rate);
        std::size_t gp = 0;
        for (std::size_t a = 0; a < n; ++a) {
            if (p.reason[a] != Reason::connected) continue;
            const std::uint32_t node = g.attach[gp];
            if (node == none) p.reason[a] = Reason::no_street;
            else {
                si.terminals.push_back(node);
                attach[a] = node;
                p.drop_m[a] = g.drop_m[gp];
                drop_x[a] = g.drop_x[gp];
                drop_y[a] = g.drop_y[gp];
            }
            ++gp;
        }
        const plan::SteinerResult st = plan::steiner_mehlhorn(si);
        for (std::size_t a = 0; a < n; ++a)
            if (attach[a] != none && !st.connected[attach[a]] && !g.source[attach[a]]) {
                attach[a] = none;
                p.reason[a] = Reason::no_path;
            }
        for (std::uint32_t e = 0; e < g.edges(); ++e) {
            if (!st.edge_in_tree[e]) continue;
            edges.from.push_back(g.from[e]);
            edges.to.push_back(g.to[e]);
            edges.length_m.push_back(g.length_m[e]);
            edges.kind.push_back(g.kind[e]);
            edges.cost_cents.push_back(to_cents(si.weight[e]));
        }
        roots = g.source;
        node_x = g.x;
        node_y = g.y;
    } else {
        if (!o.ducts.empty()) rep.notes.push_back("--ducts are used only with --streets (desk mode digs everywhere)");
        // The existing network: route segments and fibre-served addresses (as points).
        std::vector<plan::Segment> net;
        for (const auto& l : routes)
            for (std::size_t k = 0; k + 3 < l.size(); k += 2) net.push_back({l[k], l[k + 1], l[k + 2], l[k + 3]});
        for (std::size_t k = n; k < px.size(); ++k) net.push_back({px[k], py[k], px[k], py[k]});
        check_network(!net.empty());
        const plan::SegmentIndex index(std::move(net), plan::SegmentIndex::spread_cells);
        std::vector<std::size_t> located;
        std::vector<double> lx, ly;
        for (std::size_t a = 0; a < n; ++a) {
            if (p.reason[a] != Reason::connected) continue;
            located.push_back(a);
            lx.push_back(p.x[a]);
            ly.push_back(p.y[a]);
        }
        // Nearest network point of each address, asked in the order of a Z curve over 1 km
        // cells so that each answer is a close first candidate for the next (the answers do
        // not depend on the order).
        const std::size_t m0 = located.size();
        std::vector<double> lnet(m0), nx2(m0), ny2(m0);
        {
            auto cell = [](double v) { return static_cast<std::uint32_t>(static_cast<std::int64_t>(v / 1000.0)); };
            auto spread = [](std::uint64_t v) {
                v &= 0xffffffffULL;
                v = (v | v << 16) & 0x0000ffff0000ffffULL;
                v = (v | v << 8) & 0x00ff00ff00ff00ffULL;
                v = (v | v << 4) & 0x0f0f0f0f0f0f0f0fULL;
                v = (v | v << 2) & 0x3333333333333333ULL;
                return (v | v << 1) & 0x5555555555555555ULL;
            };
            std::vector<std::pair<std::uint64_t, std::uint32_t>> order(m0);
            for (std::uint32_t k = 0; k < m0; ++k) order[k] = {spread(cell(lx[k])) | spread(cell(ly[k])) << 1, k};
            std::sort(order.begin(), order.end());
            std::uint32_t previous = UINT32_MAX;
            for (const auto& [key, k] : order) {
                const plan::NearestSegment hit = index.nearest(lx[k], ly[k], INFINITY, previous);
                previous = hit.segment;
                lnet[k] = hit.at.distance;
                nx2[k] = hit.at.x;
                ny2[k] = hit.at.y;
            }
        }
        const std::vector<plan::TreeEdge> tree = plan::network_mst(lx, ly, lnet);
        const std::size_t m = located.size();
        // Nodes: the located addresses, then one node per network end point (so the edge to
        // the network has its own geometry), all of which are roots.
        node_x = lx;
        node_y = ly;
        roots.assign(m, 0);
        for (const plan::TreeEdge& t : tree) {
            std::uint32_t b = t.b;
            if (b == m) {
                b = static_cast<std::uint32_t>(node_x.size());
                node_x.push_back(nx2[t.a]);
                node_y.push_back(ny2[t.a]);
                roots.push_back(1);
            }
            edges.from.push_back(t.a);
            edges.to.push_back(b);
            edges.length_m.push_back(t.length * o.detour);
            edges.kind.push_back(EdgeKind::trench);
            edges.cost_cents.push_back(to_cents(t.length * o.detour * trench_rate));
        }
        for (std::size_t k = 0; k < m; ++k) attach[located[k]] = static_cast<std::uint32_t>(k);
    }

    const plan::ShareResult s = plan::compute_shares(node_x.size(), edges, roots, attach, p.area);
    p.cost_cents.assign(n, 0);
    p.trench_m = s.trench_m;
    p.duct_m = s.duct_m;
    p.path_m = s.path_m;
    std::vector<std::size_t> connected;
    for (std::size_t a = 0; a < n; ++a) {
        const std::size_t i = p.row[a];
        if (attach[a] == none) {
            ++rep.unreachable.addresses;
            rep.unreachable.units += r.units[i];
            if (p.reason[a] == Reason::no_street) ++rep.no_street;
            else if (p.reason[a] == Reason::no_path) ++rep.no_path;
            else ++rep.no_coordinates;
            p.drop_m[a] = 0;
            continue;
        }
        connected.push_back(a);
        ++rep.connected.addresses;
        rep.connected.units += r.units[i];
        const std::int64_t drop = to_cents(p.drop_m[a] * cm.drop_per_m);
        const std::int64_t house = to_cents(cm.per_address + cm.per_unit * r.units[i]);
        p.cost_cents[a] = s.share_cents[a] + drop + house;
        rep.total_cents += p.cost_cents[a];
        rep.drop_m += p.drop_m[a];
        if (p.drop_m[a] > 0)
            p.features.push_back(
                {EdgeKind::drop, {p.x[a], p.y[a], drop_x[a], drop_y[a]}, p.drop_m[a], drop, 1, p.area[a]});
    }
    for (std::size_t e = 0; e < edges.from.size(); ++e) {
        if (s.served[e] == 0) continue;
        (edges.kind[e] == EdgeKind::duct ? rep.duct_m : rep.trench_m) += edges.length_m[e];
    }
    rep.fibre_m = rep.trench_m + rep.duct_m;
    std::vector<NetFeature> drops = std::move(p.features);
    p.features.clear();
    chain_features(node_x.size(), edges, s, node_x, node_y, roots, attach, p.features);
    for (auto& f : drops) p.features.push_back(std::move(f));

    // Cheapest first: cost curve, percentiles, budget, threshold.
    std::vector<std::size_t> order = connected;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return p.cost_cents[a] < p.cost_cents[b]; });
    const std::size_t c = order.size();
    auto percentile = [&](int pct) -> std::int64_t {
        if (c == 0) return 0;
        const std::size_t rank = (c * static_cast<std::size_t>(pct) + 99) / 100; // nearest rank
        return p.cost_cents[order[std::max<std::size_t>(rank, 1) - 1]];
    };
    rep.p50_cents = percentile(50);
    rep.p90_cents = percentile(90);
    {
        std::int64_t cum = 0;
        PlanCount count;
        std::size_t next = 1;
        const std::int64_t budget = o.budget ? to_cents(*o.budget) : -1;
        for (std::size_t k = 0; k <= c; ++k) {
            while (next <= 10 && k == (c * next + 9) / 10) {
                rep.curve.push_back({static_cast<double>(next) / 10.0, count, cum});
                ++next;
            }
            if (k == c) break;
            const std::size_t a = order[k];
            if (o.budget && cum + p.cost_cents[a] <= budget && count.addresses == k) {
                rep.within_budget.addresses = k + 1;
                rep.within_budget.units = count.units + r.units[p.row[a]];
                rep.budget_cost_cents = cum + p.cost_cents[a];
            }
            cum += p.cost_cents[a];
            ++count.addresses;
            count.units += r.units[p.row[a]];
        }
        if (o.threshold) {
            const std::int64_t limit = to_cents(*o.threshold);
            for (const std::size_t a : connected)
                if (p.cost_cents[a] > limit) {
                    ++rep.above_threshold.addresses;
                    rep.above_threshold.units += r.units[p.row[a]];
                }
        }
    }

    // Outputs.
    auto area_text = [&](std::int64_t k) -> std::string {
        if (!with_areas) return "";
        if (k == -2) return "(several)";
        if (k < 0) return "";
        return area_names[static_cast<std::size_t>(k)];
    };
    auto real = [](std::string name, std::function<double(std::size_t)> f, int decimals = 2) {
        return FeatureColumn{std::move(name),
                             ColumnKind::real,
                             decimals,
                             [f](std::size_t i) -> std::optional<double> { return f(i); },
                             {}};
    };
    auto integer = [](std::string name, std::function<double(std::size_t)> f) {
        return FeatureColumn{
            std::move(name), ColumnKind::integer, 0, [f](std::size_t i) -> std::optional<double> { return f(i); }, {}};
    };
    auto text = [](std::string name, std::function<std::string(std::size_t)> f) {
        return FeatureColumn{std::move(name), ColumnKind::text, 0, {}, std::move(f)};
    };
    if (network_out) {
        FeatureTable t;
        t.layer = "network";
        t.rows = p.features.size();
        t.geometry = FeatureGeometry::linestring;
        t.crs = wc.wkt;
        t.wkb = [&](std::size_t i) { return line_wkb(p.features[i].xy); };
        const char* kinds[] = {"trench", "duct", "drop"};
        t.columns = {
            text("kind", [&](std::size_t i) { return std::string(kinds[static_cast<int>(p.features[i].kind)]); }),
            real("length_m", [&](std::size_t i) { return p.features[i].length_m; }),
            real("cost", [&](std::size_t i) { return money(p.features[i].cents); }),
            integer("addresses", [&](std::size_t i) { return static_cast<double>(p.features[i].addresses); }),
            text("area_id", [&](std::size_t i) { return area_text(p.features[i].area); }),
        };
        write_feature_table(t, *network_out);
        rep.written.push_back(o.network);
    }
    if (addresses_out) {
        FeatureTable t;
        t.layer = "addresses";
        t.rows = n;
        auto reachable = [&](std::size_t a) { return attach[a] != none; };
        auto number_if = [&](std::string name, std::function<double(std::size_t)> f) {
            return FeatureColumn{std::move(name),
                                 ColumnKind::real,
                                 2,
                                 [f, reachable](std::size_t a) -> std::optional<double> {
                                     if (!reachable(a)) return std::nullopt;
                                     return f(a);
                                 },
                                 {}};
        };
        t.columns = {
            text("id", [&](std::size_t a) { return std::string(r.id[p.row[a]]); }),
            text("connected", [&](std::size_t a) { return std::string(reachable(a) ? "true" : "false"); }),
            text("reason", [&](std::size_t a) { return std::string(reason_word(p.reason[a])); }),
            number_if("drop_m", [&](std::size_t a) { return p.drop_m[a]; }),
            number_if("path_m", [&](std::size_t a) { return p.path_m[a]; }),
            number_if("trench_m_share", [&](std::size_t a) { return p.trench_m[a]; }),
            number_if("duct_m_share", [&](std::size_t a) { return p.duct_m[a]; }),
            number_if("cost", [&](std::size_t a) { return money(p.cost_cents[a]); }),
        };
        if (with_areas) t.columns.push_back(text("area_id", [&](std::size_t a) { return area_text(p.area[a]); }));
        write_feature_table(t, *addresses_out);
        rep.written.push_back(o.addresses_out);
    }
    if (areas_out) {
        struct AreaRow {
            PlanCount selected, connected;
            std::uint64_t unreachable = 0;
            double trench = 0, duct = 0, drop = 0;
            std::int64_t cents = 0;
            std::vector<std::int64_t> costs;
        };
        std::vector<AreaRow> rows(area_names.size());
        for (std::size_t a = 0; a < n; ++a) {
            AreaRow& ar = rows[static_cast<std::size_t>(p.area[a])];
            const std::uint32_t units = r.units[p.row[a]];
            ++ar.selected.addresses;
            ar.selected.units += units;
            if (attach[a] == none) {
                ++ar.unreachable;
                continue;
            }
            ++ar.connected.addresses;
            ar.connected.units += units;
            ar.trench += p.trench_m[a];
            ar.duct += p.duct_m[a];
            ar.drop += p.drop_m[a];
            ar.cents += p.cost_cents[a];
            ar.costs.push_back(p.cost_cents[a]);
        }
        for (auto& ar : rows) std::sort(ar.costs.begin(), ar.costs.end());
        auto pct = [](const std::vector<std::int64_t>& v, std::size_t q) -> std::optional<double> {
            if (v.empty()) return std::nullopt;
            const std::size_t rank = std::max<std::size_t>((v.size() * q + 99) / 100, 1);
            return money(v[rank - 1]);
        };
        FeatureTable t;
        t.layer = "areas";
        t.rows = rows.size();
        auto num = [&](std::string name, std::function<std::optional<double>(const AreaRow&)> f, ColumnKind kind) {
            return FeatureColumn{std::move(name), kind, 2, [&rows, f](std::size_t i) { return f(rows[i]); }, {}};
        };
        using K = ColumnKind;
        t.columns = {
            text("area_id", [&](std::size_t i) { return area_names[i]; }),
            // clang-format off
            num("addresses", [](const AreaRow& a) { return static_cast<double>(a.selected.addresses); }, K::integer),
            num("units", [](const AreaRow& a) { return static_cast<double>(a.selected.units); }, K::integer),
            num("connected", [](const AreaRow& a) { return static_cast<double>(a.connected.addresses); }, K::integer),
            num("unreachable", [](const AreaRow& a) { return static_cast<double>(a.unreachable); }, K::integer),
            num("trench_m", [](const AreaRow& a) { return a.trench; }, K::real),
            num("duct_m", [](const AreaRow& a) { return a.duct; }, K::real),
            num("drop_m", [](const AreaRow& a) { return a.drop; }, K::real),
            num("fibre_m", [](const AreaRow& a) { return a.trench + a.duct; }, K::real),
            num("cost", [](const AreaRow& a) { return money(a.cents); }, K::real),
            num("cost_per_address",
                [](const AreaRow& a) -> std::optional<double> {
                    if (!a.connected.addresses) return std::nullopt;
                    return money(a.cents) / static_cast<double>(a.connected.addresses);
                },
                K::real),
            num("cost_per_unit",
                [](const AreaRow& a) -> std::optional<double> {
                    if (!a.connected.units) return std::nullopt;
                    return money(a.cents) / static_cast<double>(a.connected.units);
                },
                K::real),
            num("cost_p50", [pct](const AreaRow& a) { return pct(a.costs, 50); }, K::real),
            num("cost_p90", [pct](const AreaRow& a) { return pct(a.costs, 90); }, K::real),
            // clang-format on
        };
        write_feature_table(t, *areas_out);
        rep.written.push_back(o.areas_out);
    }
    if (summary_out) {
        summary_out->write(plan_summary_json(rep, o.tool_version));
        if (o.summary != "-") rep.written.push_back(o.summary);
    }
    outputs.commit();
    return rep;
}

std::string plan_summary_json(const PlanReport& rep, const std::string& tool_version)
{
    auto count = [](const PlanCount& c) {
        return fmt::format("{{\"addresses\": {}, \"units\": {}}}", c.addresses, c.units);
    };
    const double connected = static_cast<double>(rep.connected.addresses);
    const double units = static_cast<double>(rep.connected.units);
    std::string out = "{\n";
    out +=
        fmt::format("  \"command\": \"plan\",\n  \"tool_version\": {},\n  \"cost_model\": {},\n  \"currency\": {},\n",
                    json_quote(tool_version), json_quote(rep.cost_model), json_quote(rep.currency));
    out += fmt::format("  \"mode\": {},\n  \"working_crs\": {},\n", json_quote(rep.mode), json_quote(rep.working_crs));
    out += fmt::format("  \"selected\": {},\n  \"connected\": {},\n", count(rep.selected), count(rep.connected));
    out += fmt::format(
        "  \"unreachable\": {{\"addresses\": {}, \"units\": {}, \"by_reason\": {{\"no_street_within_max_drop\": "
        "{}, \"no_path_to_network\": {}",
        rep.unreachable.addresses, rep.unreachable.units, rep.no_street, rep.no_path);
    if (rep.no_coordinates) out += fmt::format(", \"no_coordinates\": {}", rep.no_coordinates);
    out += "}},\n";
    out +=
        fmt::format("  \"length_m\": {{\"trench\": {:.2f}, \"duct\": {:.2f}, \"drop\": {:.2f}, \"fibre\": {:.2f}}},\n",
                    rep.trench_m, rep.duct_m, rep.drop_m, rep.fibre_m);
    out +=
        fmt::format("  \"cost\": {{\"total\": {:.2f}, \"per_address\": {:.2f}, \"per_unit\": {:.2f}, \"p50\": {:.2f}, "
                    "\"p90\": {:.2f}}},\n",
                    money(rep.total_cents), connected > 0 ? money(rep.total_cents) / connected : 0.0,
                    units > 0 ? money(rep.total_cents) / units : 0.0, money(rep.p50_cents), money(rep.p90_cents));
    out += "  \"cost_curve\": [";
    for (std::size_t k = 0; k < rep.curve.size(); ++k)
        out += fmt::format("{}\n    {{\"share\": {:.1f}, \"addresses\": {}, \"units\": {}, \"cost\": {:.2f}}}",
                           k ? "," : "", rep.curve[k].share, rep.curve[k].count.addresses, rep.curve[k].count.units,
                           money(rep.curve[k].cost_cents));
    out += "\n  ]";
    if (rep.budget)
        out += fmt::format(
            ",\n  \"budget\": {{\"amount\": {:.2f}, \"addresses\": {}, \"units\": {}, \"cost\": {:.2f}}}", *rep.budget,
            rep.within_budget.addresses, rep.within_budget.units, money(rep.budget_cost_cents));
    if (rep.threshold)
        out += fmt::format(",\n  \"threshold\": {{\"amount\": {:.2f}, \"addresses_above\": {}, \"units_above\": {}}}",
                           *rep.threshold, rep.above_threshold.addresses, rep.above_threshold.units);
    out += "\n}\n";
    return out;
}

std::string plan_summary_text(const PlanReport& rep)
{
    const auto km = [](double m) { return m / 1000.0; };
    std::string out =
        fmt::format("plan ({} mode, cost model {}, working CRS {}): {} selected addresses ({} units) of {} read\n",
                    rep.mode, rep.cost_model, rep.working_crs, rep.selected.addresses, rep.selected.units, rep.read);
    out += fmt::format("  connected {} addresses ({} units); unreachable {}", rep.connected.addresses,
                       rep.connected.units, rep.unreachable.addresses);
    if (rep.unreachable.addresses)
        out += fmt::format(" (no street within --max-drop {}, no path to the network {}{})", rep.no_street, rep.no_path,
                           rep.no_coordinates ? fmt::format(", no coordinates {}", rep.no_coordinates) : "");
    out += "\n";
    if (rep.fibre_sources) out += fmt::format("  {} fibre-served addresses feed the network\n", rep.fibre_sources);
    out += fmt::format("  trench {:.2f} km, reused duct {:.2f} km, fibre {:.2f} km, drops {:.2f} km\n",
                       km(rep.trench_m), km(rep.duct_m), km(rep.fibre_m), km(rep.drop_m));
    const double c = static_cast<double>(rep.connected.addresses);
    out += fmt::format("  cost {:.2f} {} in total, {:.2f} per address (median {:.2f}, 90th percentile {:.2f})\n",
                       money(rep.total_cents), rep.currency, c > 0 ? money(rep.total_cents) / c : 0.0,
                       money(rep.p50_cents), money(rep.p90_cents));
    if (!rep.curve.empty()) {
        out += "  cheapest first:";
        for (const auto& pt : rep.curve)
            if (pt.share == 0.5 || pt.share == 0.9 || pt.share == 1.0)
                out += fmt::format(" {:.0f} % = {:.2f}", pt.share * 100, money(pt.cost_cents));
        out += "\n";
    }
    if (rep.budget)
        out += fmt::format("  budget {:.2f} connects {} addresses ({} units) cheapest first, for {:.2f}\n", *rep.budget,
                           rep.within_budget.addresses, rep.within_budget.units, money(rep.budget_cost_cents));
    if (rep.threshold)
        out += fmt::format("  {} addresses ({} units) cost more than {:.2f} (candidates for other technologies)\n",
                           rep.above_threshold.addresses, rep.above_threshold.units, *rep.threshold);
    for (const auto& note : rep.notes) out += "  note: " + note + "\n";
    for (const auto& w : rep.written) out += "  wrote " + w + "\n";
    return out;
}

} // namespace coverage
