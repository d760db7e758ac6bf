#include "report/svg_chart.hpp"

#include "report/html.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace coverage::report {
namespace {

constexpr double width = 640, height = 320;
constexpr double left = 64, right = 16, top = 16, bottom = 84; // bottom holds the axis label and legend

std::string num(double v) { return fmt::format("{:.1f}", v); }

} // namespace

std::vector<double> nice_ticks(double lo, double hi, int count)
{
    if (!(hi > lo) || count < 1) return {lo};
    const double raw = (hi - lo) / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    std::vector<double> ticks;
    const double first = std::ceil(lo / step - 1e-9) * step;
    for (double t = first; t <= hi + step * 1e-9; t += step) ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

std::string line_chart(const LineChart& c)
{
    double x0 = c.x.empty() ? 0 : *std::min_element(c.x.begin(), c.x.end());
    double x1 = c.x.empty() ? 1 : *std::max_element(c.x.begin(), c.x.end());
    if (!(x1 > x0)) x1 = x0 + 1;
    double y0 = c.y_min, y1 = c.y_max;
    for (const Series& s : c.series)
        for (const auto& v : s.y)
            if (v) {
                y0 = std::min(y0, *v);
                y1 = std::max(y1, *v);
            }
    if (!(y1 > y0)) y1 = y0 + 1;
    const double pw = width - left - right, ph = height - top - bottom;
    auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * pw; };
    auto py = [&](double y) { return top + (1 - (y - y0) / (y1 - y0)) * ph; };

    std::string s =
        fmt::format(R"(<svg class="chart" id="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title">)",
                    html::escape(c.id), width, height, html::escape(c.id));
    s += fmt::format(R"(<title id="{}-title">{}</title>)", html::escape(c.id), html::escape(c.title));
    // Axes and grid.
    for (const double t : nice_ticks(y0, y1, 5)) {
        s += fmt::format(R"(<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>)", num(left), num(py(t)),
                         num(left + pw), num(py(t)));
        s += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>)", num(left - 6),
                         num(py(t) + 4), html::escape(c.format_y ? c.format_y(t) : num(t)));
    }
    // x ticks: every value when there are few, else nice steps.
    std::vector<double> xt = c.x.size() <= 12 ? c.x : nice_ticks(x0, x1, 8);
    for (const double t : xt)
        s += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>)", num(px(t)),
                         num(top + ph + 16), html::escape(c.format_x ? c.format_x(t) : num(t)));
    s += fmt::format(
        R"(<line class="axis" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/><line class="axis" x1="{0}" y1="{2}" x2="{3}" y2="{2}"/>)",
        num(left), num(top), num(top + ph), num(left + pw));
    s += fmt::format(R"(<text class="label" x="{}" y="{}" text-anchor="middle">{}</text>)", num(left + pw / 2),
                     num(top + ph + 34), html::escape(c.x_label));
    s += fmt::format(R"~(<text class="label" transform="translate(14 {}) rotate(-90)" text-anchor="middle">{}</text>)~",
                     num(top + ph / 2), html::escape(c.y_label));
    if (c.reference_y) {
        const double y = py(*c.reference_y);
        s += fmt::format(R"(<line class="reference" x1="{}" y1="{}" x2="{}" y2="{}"/>)", num(left), num(y),
                         num(left + pw), num(y));
        s += fmt::format(R"(<text class="reference-label" x="{}" y="{}" text-anchor="end">{}</text>)",
                         num(left + pw - 4), num(y - 4), html::escape(c.reference_label));
    }
    // Series: a path per run of values (a gap breaks the line), markers at each value.
    const std::vector<std::string> marker_shapes{"circle", "square", "diamond", "triangle"};
    for (std::size_t k = 0; k < c.series.size(); ++k) {
        const Series& se = c.series[k];
        std::string d;
        bool pen = false;
        for (std::size_t i = 0; i < se.y.size() && i < c.x.size(); ++i) {
            if (!se.y[i]) {
                pen = false;
                continue;
            }
            d += fmt::format("{}{} {} ", pen ? "L" : "M", num(px(c.x[i])), num(py(*se.y[i])));
            pen = true;
        }
        s += fmt::format(
            R"(<g class="series" data-series="{}"><path d="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>)",
            html::escape(se.name), d.empty() ? "M0 0" : d.substr(0, d.size() - 1), html::escape(se.colour),
            se.dash.empty() ? "" : fmt::format(R"( stroke-dasharray="{}")", html::escape(se.dash)));
        if (se.markers) {
            const std::string& shape = marker_shapes[k % marker_shapes.size()];
            for (std::size_t i = 0; i < se.y.size() && i < c.x.size(); ++i) {
                if (!se.y[i]) continue;
                const double cx = px(c.x[i]), cy = py(*se.y[i]);
                std::string title = fmt::format("<title>{}: {} {}</title>", html::escape(se.name),
                                                html::escape(c.format_x ? c.format_x(c.x[i]) : num(c.x[i])),
                                                html::escape(c.format_y ? c.format_y(*se.y[i]) : num(*se.y[i])));
                if (shape == "circle")
                    s += fmt::format(R"(<circle cx="{}" cy="{}" r="4" fill="{}">{}</circle>)", num(cx), num(cy),
                                     html::escape(se.colour), title);
                else if (shape == "square")
                    s += fmt::format(R"(<rect x="{}" y="{}" width="8" height="8" fill="{}">{}</rect>)", num(cx - 4),
                                     num(cy - 4), html::escape(se.colour), title);
                else if (shape == "diamond")
                    s += fmt::format(R"(<path d="M{} {} L{} {} L{} {} L{} {} Z" fill="{}">{}</path>)", num(cx),
                                     num(cy - 5), num(cx + 5), num(cy), num(cx), num(cy + 5), num(cx - 5), num(cy),
                                     html::escape(se.colour), title);
                else
                    s +=
                        fmt::format(R"(<path d="M{} {} L{} {} L{} {} Z" fill="{}">{}</path>)", num(cx), num(cy - 5),
                                    num(cx + 5), num(cy + 4), num(cx - 5), num(cy + 4), html::escape(se.colour), title);
            }
        }
        s += "</g>";
    }
    // Legend: a line sample and the series name, in a row under the axis label.
    double lx = left;
    const double ly = height - 16;
    for (const Series& se : c.series) {
        s += fmt::format(
            R"(<g class="legend-item"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>)",
            num(lx), num(ly - 4), num(lx + 24), num(ly - 4), html::escape(se.colour),
            se.dash.empty() ? "" : fmt::format(R"( stroke-dasharray="{}")", html::escape(se.dash)));
        s += fmt::format(R"(<text x="{}" y="{}">{}</text></g>)", num(lx + 30), num(ly), html::escape(se.name));
        lx += 40 + 7.0 * static_cast<double>(se.name.size());
    }
    s += "</svg>";
    return s;
}

std::string stacked_bar(const std::string& id, const std::string& title, const std::vector<BarPart>& parts,
                        const std::function<std::string(double, double)>& format_part)
{
    double total = 0;
    for (const BarPart& p : parts) total += std::max(0.0, p.value);
    constexpr double w = 640, h = 28;
    std::string s = fmt::format(
        R"(<svg class="bar" id="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" preserveAspectRatio="none">)",
        html::escape(id), w, h, html::escape(id));
    s += fmt::format(R"(<title id="{}-title">{}</title>)", html::escape(id), html::escape(title));
    double x = 0;
    for (const BarPart& p : parts) {
        if (!(p.value > 0) || !(total > 0)) continue;
        const double pw = p.value / total * w;
        s += fmt::format(
            R"(<rect x="{}" y="0" width="{}" height="{}" fill="{}" stroke="#fff" stroke-width="1"><title>{}: {}</title></rect>)",
            num(x), num(pw), h, html::escape(p.colour), html::escape(p.label),
            html::escape(format_part(p.value, p.value / total)));
        x += pw;
    }
    s += "</svg>";
    // Labels as HTML under the bar, so they wrap on a phone and never rely on colour alone.
    s += R"(<ul class="bar-labels">)";
    for (const BarPart& p : parts)
        s += fmt::format(R"(<li><span class="swatch" style="background:{}"></span>{} <b>{}</b></li>)",
                         html::escape(p.colour), html::escape(p.label),
                         html::escape(format_part(p.value, total > 0 ? p.value / total : 0)));
    s += "</ul>";
    return s;
}

} // namespace coverage::report
