#pragma once
// streets.geojson: the streets as centrelines joined into one network (streets.cpp).
#include "model.hpp"

#include <filesystem>

namespace gen_jena {

void write_streets(const std::filesystem::path& outdir, const Model& m);

} // namespace gen_jena
