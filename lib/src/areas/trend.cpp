#include "areas/trend.hpp"

#include "classify/offer.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

namespace coverage {
namespace {

double logistic(double k, double t0, double t) { return 1.0 / (1.0 + std::exp(-k * (t - t0))); }

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Least-squares line through the points: (a, b) of s = a + b t.
Eigen::Vector2d line_fit(const std::vector<double>& t, const std::vector<double>& s)
{
    const auto n = static_cast<Eigen::Index>(t.size());
    Eigen::MatrixXd x(n, 2);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        x(i, 0) = 1;
        x(i, 1) = t[static_cast<std::size_t>(i)];
        y(i) = s[static_cast<std::size_t>(i)];
    }
    return x.colPivHouseholderQr().solve(y);
}

double residual_sum(double k, double t0, const std::vector<double>& t, const std::vector<double>& s)
{
    double sum = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const double r = logistic(k, t0, t[i]) - s[i];
        sum += r * r;
    }
    return sum;
}

} // namespace

double Trend::at(double t) const
{
    switch (kind) {
    case Kind::none: return std::numeric_limits<double>::quiet_NaN();
    case Kind::line: return std::clamp(a + b * t, 0.0, 1.0);
    case Kind::logistic: return logistic(k, t0, t);
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::optional<int> Trend::reaches_full(int from) const
{
    if (kind == Kind::none) return std::nullopt;
    for (int y = from; y <= trend_last_year; ++y)
        if (at(static_cast<double>(y) + 1.0) >= full_share) return y;
    return std::nullopt;
}

double year_fraction(int day)
{
    const std::string iso = format_day(day);
    const int y = std::stoi(iso.substr(0, 4));
    const int jan1 = days_from_civil(y, 1, 1);
    return static_cast<double>(y) + static_cast<double>(day - jan1 + 1) / (leap(y) ? 366.0 : 365.0);
}

Trend fit_trend(const std::vector<double>& t, const std::vector<double>& share)
{
    Trend tr;
    std::vector<double> distinct = t;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < 2) return tr;
    // Centre time on the mean: better conditioned normal equations.
    double mean = 0;
    for (const double v : t) mean += v;
    mean /= static_cast<double>(t.size());
    std::vector<double> tc(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) tc[i] = t[i] - mean;

    const Eigen::Vector2d line = line_fit(tc, share);
    tr.kind = Trend::Kind::line;
    tr.a = line(0) - line(1) * mean;
    tr.b = line(1);
    if (distinct.size() < 3) return tr;

    // Start: the line through the logits (shares clamped off 0 and 1).
    std::vector<double> logit(share.size());
    for (std::size_t i = 0; i < share.size(); ++i) {
        const double s = std::clamp(share[i], 0.005, 0.995);
        logit[i] = std::log(s / (1 - s));
    }
    const Eigen::Vector2d start = line_fit(tc, logit);
    double k = start(1), c = std::abs(k) > 1e-9 ? -start(0) / k : 0.0; // c: t0 - mean
    if (std::abs(k) < 1e-9) k = 1e-3;
    double sum = residual_sum(k, c, tc, share);
    double lambda = 1e-3;
    bool converged = false;
    for (int iter = 0; iter < 200; ++iter) {
        Eigen::Matrix2d jtj = Eigen::Matrix2d::Zero();
        Eigen::Vector2d jtr = Eigen::Vector2d::Zero();
        for (std::size_t i = 0; i < tc.size(); ++i) {
            const double f = logistic(k, c, tc[i]);
            const double d = f * (1 - f);
            const Eigen::Vector2d j(d * (tc[i] - c), -d * k); // df/dk, df/dc
            jtj += j * j.transpose();
            jtr += j * (f - share[i]);
        }
        bool stepped = false;
        for (int tries = 0; tries < 30 && !stepped; ++tries) {
            Eigen::Matrix2d m = jtj;
            m.diagonal() *= 1 + lambda;
            const Eigen::Vector2d step = m.ldlt().solve(-jtr);
            if (!step.allFinite()) {
                lambda *= 10;
                continue;
            }
            const double nk = k + step(0), nc = c + step(1);
            const double nsum = residual_sum(nk, nc, tc, share);
            if (nsum <= sum) {
                const double change = std::abs(step(0)) + std::abs(step(1));
                k = nk;
                c = nc;
                const double gain = sum - nsum;
                sum = nsum;
                lambda = std::max(lambda / 10, 1e-12);
                stepped = true;
                if (change < 1e-12 || gain < 1e-18) converged = true;
            } else {
                lambda *= 10;
            }
        }
        if (!stepped) converged = true; // no descent left: at a minimum
        if (converged) break;
    }
    if (!std::isfinite(k) || !std::isfinite(c)) return tr; // keep the line
    tr.kind = Trend::Kind::logistic;
    tr.k = k;
    tr.t0 = c + mean;
    return tr;
}

} // namespace coverage
