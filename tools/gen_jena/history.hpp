// history.hpp — the earlier surveys (mid-2021, mid-2023, mid-2025), consistent with today's.
#pragma once

#include "spatial.hpp"

#include <filesystem>

namespace gen_jena {

// Writes OUTDIR/history/<date>/ for every earlier survey: the reports of the operators whose
// gigabit networks grew (offers_saalenetz.csv, offers_thueringer_kabel.csv)
// and the programme's layers (footprints_wfp.geojson, routes_fibre.geojson) as they stood on
// that date. The other files are today's. Draws only from `r` (its own stream), so nothing
// else moves.
void write_history(const std::filesystem::path& outdir, const Model& m, const Offers& o, const Programme& pg, Rng& r);

} // namespace gen_jena
