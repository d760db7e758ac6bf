#pragma once
// Charts as inline SVG (no script, no external file): line charts for the progress shares
// per year and the plan's cost curve, and the stacked class bar of the headline. Every
// series is named in a legend and drawn with its own dash pattern and marker, so the charts
// do not rely on colour alone.
#include "report/locale.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coverage::report {

struct Series {
    std::string name;
    std::vector<std::optional<double>> y; // one per x; empty optional: no value (a gap)
    std::string colour;
    std::string dash;    // SVG stroke-dasharray, empty for a solid line
    bool markers = true; // a circle at each value
};

struct LineChart {
    std::string id;    // element id (for tests and links)
    std::string title; // <title> and aria label
    std::string x_label, y_label;
    std::vector<double> x;
    std::vector<Series> series;
    double y_min = 0, y_max = 1;       // the y axis spans at least this range
    std::optional<double> reference_y; // a dotted horizontal line (e.g. the 100 % target)
    std::string reference_label;
    std::function<std::string(double)> format_x, format_y; // tick labels
};

/// The chart as an <svg> element (640 x 320 user units, scales to its container).
std::string line_chart(const LineChart& chart);

struct BarPart {
    std::string label; // shown beside the bar with the value
    double value = 0;
    std::string colour;
};

/// A single horizontal stacked bar (100 % wide) with a text label per part.
std::string stacked_bar(const std::string& id, const std::string& title, const std::vector<BarPart>& parts,
                        const std::function<std::string(double value, double fraction)>& format_part);

/// Tick values: "nice" steps (1, 2, 2.5, 5 x 10^k) covering [lo, hi], about `count` of them.
std::vector<double> nice_ticks(double lo, double hi, int count);

} // namespace coverage::report
