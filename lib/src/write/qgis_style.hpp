#pragma once
// A QGIS layer style (QML) for per-address results: points categorised by `class` in the
// palette's colours (base/palette.hpp), so a classify output opens coloured in QGIS. Stored in
// a GeoPackage's `layer_styles` table (QGIS loads it as the default style) and written as a
// .qml beside GeoJSON and FlatGeobuf outputs (QGIS loads a same-named .qml).
#include <string>
#include <vector>

namespace coverage {

/// The QML document; `classes` in their regime order (the legend order).
std::string class_style_qml(const std::vector<std::string>& classes);

} // namespace coverage
