#include "write/qgis_style.hpp"

#include "base/palette.hpp"

#include <fmt/format.h>

namespace coverage {
namespace {

// "#D55E00" -> "213,94,0,255" (QGIS colour properties).
std::string qgis_rgba(const std::string& hex)
{
    const auto channel = [&](std::size_t at) { return std::stoi(hex.substr(at, 2), nullptr, 16); };
    return fmt::format("{},{},{},255", channel(1), channel(3), channel(5));
}

std::string xml_escape(const std::string& s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

std::string class_style_qml(const std::vector<std::string>& classes)
{
    std::string categories, symbols;
    std::size_t unknown = 0;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const auto known = known_class_colour(classes[i]);
        const std::string colour = known ? *known : class_colour(classes[i], unknown++);
        const std::string name = xml_escape(classes[i]);
        categories +=
            fmt::format("      <category symbol=\"{}\" value=\"{}\" label=\"{}\" render=\"true\"/>\n", i, name, name);
        // Both the <Option> map (QGIS >= 3.26) and the older <prop> list, so any QGIS 3 reads it.
        symbols +=
            fmt::format("      <symbol type=\"marker\" name=\"{0}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
                        "        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
                        "          <Option type=\"Map\">\n"
                        "            <Option name=\"color\" type=\"QString\" value=\"{1}\"/>\n"
                        "            <Option name=\"name\" type=\"QString\" value=\"circle\"/>\n"
                        "            <Option name=\"size\" type=\"QString\" value=\"2\"/>\n"
                        "            <Option name=\"size_unit\" type=\"QString\" value=\"MM\"/>\n"
                        "            <Option name=\"outline_style\" type=\"QString\" value=\"no\"/>\n"
                        "          </Option>\n"
                        "          <prop k=\"color\" v=\"{1}\"/>\n"
                        "          <prop k=\"name\" v=\"circle\"/>\n"
                        "          <prop k=\"size\" v=\"2\"/>\n"
                        "          <prop k=\"size_unit\" v=\"MM\"/>\n"
                        "          <prop k=\"outline_style\" v=\"no\"/>\n"
                        "        </layer>\n"
                        "      </symbol>\n",
                        i, qgis_rgba(colour));
    }
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis version=\"3.28.0\" styleCategories=\"Symbology\">\n"
           "  <renderer-v2 type=\"categorizedSymbol\" attr=\"class\" symbollevels=\"0\" enableorderby=\"0\" "
           "forceraster=\"0\">\n"
           "    <categories>\n" +
           categories +
           "    </categories>\n"
           "    <symbols>\n" +
           symbols +
           "    </symbols>\n"
           "  </renderer-v2>\n"
           "</qgis>\n";
}

} // namespace coverage
