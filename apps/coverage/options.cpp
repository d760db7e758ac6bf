#include "commands.hpp"
#include "help.hpp"

#include "coverage/edit_distance.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

// The value name an option shows when its table gives none (Boost's "arg"): one table for
// every command, so commands added later read the same way. An explicit
// po::value(...)->value_name("X") wins.
std::string default_value_name(const std::string& option)
{
    // clang-format off
    static const std::map<std::string, std::string, std::less<>> names{
        {"addresses", "FILE"}, {"offers", "FILE"}, {"footprints", "FILE[#KEY=VALUE,...]"},
        {"routes", "FILE[#KEY=VALUE,...]"}, {"output", "FILE"}, {"summary", "FILE"}, {"rejects", "FILE"},
        {"unassigned", "FILE"}, {"areas", "FILE"}, {"changes", "FILE"}, {"matrix", "FILE"},
        {"profile", "NAME|FILE"}, {"as-of", "DATE"}, {"route-distance", "METRES"}, {"clusters", "METRES"},
        {"crs", "CRS"}, {"working-crs", "CRS"}, {"areas-crs", "CRS"}, {"output-crs", "CRS"},
        {"threads", "N"}, {"encoding", "CHARSET"}, {"delimiter", "CHAR"}, {"layer", "LAYER"},
        {"output-layer", "LAYER"}, {"areas-layer", "LAYER"}, {"match", "id|address"}, {"grid", "100m|1km|10km"},
        {"bands", "LIST"}, {"by", "COLUMN"}, {"keep", "COLUMN[,...]"}, {"columns", "COLUMN[,...]"},
        {"format", "FORMAT"}, {"classes", "LIST"}, {"area-id", "COLUMN"}, {"key", "COLUMN"},
        {"band-class", "CLASS"}, {"locale", "LOCALE"}, {"history", "FILE"}, {"costs", "FILE"},
        {"ducts", "FILE"}, {"streets", "FILE"}, {"title", "TEXT"},
        {"fail-on", "class|eligible|any|none"}, {"grid-crs", "EPSG:3035|utm"},
        {"shard", "I/N"}, {"csv-delimiter", "CHAR"}, {"coordinates", "geometry|columns"}, {"old", "FILE"},
        {"new", "FILE"}, {"select", "eligible|white|not-served"}, {"show-costs", "NAME"}, {"max-drop", "METRES"},
        {"detour", "FACTOR"}, {"budget", "AMOUNT"}, {"threshold", "AMOUNT"}, {"target", "YEAR"},
        {"progress", "FILE"}, {"max-points", "N"},
    };
    // clang-format on
    if (auto it = names.find(option); it != names.end()) return it->second;
    if (option.size() > 6 && option.ends_with("-field")) return "COLUMN";
    for (const char* suffix : {"-file", "-output", "-out", "-summary", "-rejects", "-network"})
        if (option.ends_with(suffix)) return "FILE";
    if (option.ends_with("-dir")) return "DIR";
    if (option.ends_with("-crs")) return "CRS";
    if (option.ends_with("-encoding")) return "CHARSET";
    return "VALUE";
}

// Option name -> caption of the group it was declared in. Boost keeps the groups private but
// prints them: a caption line ("reading:") precedes its options.
std::map<std::string, std::string> group_captions(const po::options_description& visible)
{
    std::ostringstream printed;
    visible.print(printed);
    std::map<std::string, std::string> caption_of;
    std::string caption, line;
    std::istringstream in(printed.str());
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != ' ' && line.back() == ':') {
            caption = line.substr(0, line.size() - 1);
            continue;
        }
        if (!line.starts_with("  -")) continue;
        auto at = line.find("--");
        if (at == std::string::npos) continue;
        auto end = line.find_first_of(" ]", at);
        caption_of.emplace(line.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2), caption);
    }
    return caption_of;
}

// Appends `text` to `out` wrapped at `width`, every line indented by `indent` (the first line
// continues at column `column`). Breaks only at spaces: a word longer than a line stays whole.
void wrap(std::string& out, std::string_view text, std::size_t column, std::size_t indent, std::size_t width)
{
    std::size_t col = column;
    bool first = true;
    std::size_t start = 0;
    while (start < text.size()) {
        while (start < text.size() && (text[start] == ' ' || text[start] == '\n')) ++start;
        if (start >= text.size()) break;
        std::size_t end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(start, end - start);
        if (!first && col + 1 + word.size() > width) {
            out += '\n';
            out.append(indent, ' ');
            col = indent;
        } else if (!first) {
            out += ' ';
            ++col;
        }
        out += word;
        col += word.size();
        first = false;
        start = end;
    }
    out += '\n';
}

std::string option_label(const OptionDoc& o)
{
    std::string label = o.short_name.empty() ? "    " : fmt::format("-{}, ", o.short_name);
    label += "--" + o.long_name;
    if (!o.value_name.empty()) label += " " + o.value_name;
    return label;
}

} // namespace

CommandDoc document_options(const std::string& usage, const po::options_description& visible,
                            const po::positional_options_description* positional)
{
    CommandDoc doc;
    doc.usage = usage;
    std::vector<std::string> positional_names;
    if (positional) {
        const unsigned n = std::min(positional->max_total_count(), 32u);
        for (unsigned i = 0; i < n; ++i) positional_names.push_back(positional->name_for_position(i));
    }
    const auto captions = group_captions(visible);
    for (const auto& opt : visible.options()) {
        OptionDoc o;
        o.long_name = opt->long_name();
        if (o.long_name.empty()) continue;
        if (std::find(positional_names.begin(), positional_names.end(), o.long_name) != positional_names.end())
            continue;
        const std::string display = opt->canonical_display_name(po::command_line_style::allow_dash_for_short);
        if (display.size() == 2 && display[0] == '-') o.short_name = display.substr(1);
        std::string param = opt->format_parameter();
        if (!param.empty()) {
            if (auto d = param.find(" (="); d != std::string::npos) {
                o.default_value = param.substr(d + 3, param.size() - d - 4);
                param.resize(d);
            }
            o.value_name = param == "arg" ? default_value_name(o.long_name) : param;
        }
        o.description = opt->description();
        o.repeatable = opt->semantic()->is_composing();
        if (auto it = captions.find(o.long_name); it != captions.end()) o.group = it->second;
        doc.options.push_back(std::move(o));
    }
    OptionDoc help;
    help.long_name = "help";
    help.short_name = "h";
    help.description = "show this help";
    help.group = doc.options.empty() ? std::string() : doc.options.back().group;
    doc.options.push_back(help);
    return doc;
}

std::string format_help(const CommandDoc& doc, std::size_t width)
{
    std::string out = doc.usage;
    out += "\n";
    // The description column: after the longest label, but no further right than 32 columns;
    // a longer label puts its description on the next line.
    std::size_t label_width = 0;
    for (const auto& o : doc.options) label_width = std::max(label_width, option_label(o).size());
    const std::size_t column = std::min<std::size_t>(2 + label_width + 2, 32);
    std::string group = "\x01";
    for (const auto& o : doc.options) {
        if (o.group != group) {
            group = o.group;
            out += fmt::format("\n{}:\n", group.empty() ? "options" : group);
        }
        const std::string label = "  " + option_label(o);
        out += label;
        std::size_t col = label.size();
        if (col + 2 > column) {
            out += '\n';
            col = 0;
        }
        out.append(column - col, ' ');
        std::string text = o.description;
        if (o.repeatable && text.find("repeatable") == std::string::npos) text += " (repeatable)";
        if (!o.default_value.empty() && text.find("default") == std::string::npos)
            text += fmt::format(" (default {})", o.default_value);
        wrap(out, text, column, column, width);
    }
    if (!doc.epilog.empty()) out += "\n" + doc.epilog;
    return out;
}

std::string unknown_option_message(const std::string& option, const po::options_description& all)
{
    std::string name = option;
    while (!name.empty() && name[0] == '-') name.erase(0, 1);
    if (auto eq = name.find('='); eq != std::string::npos) name.resize(eq);
    std::vector<std::string> names;
    for (const auto& opt : all.options())
        if (!opt->long_name().empty()) names.push_back(opt->long_name());
    std::vector<std::string_view> views(names.begin(), names.end());
    // A suggestion is worth making within a third of the name's length (at least 2 edits).
    const std::string near = nearest_name(name, views, std::max<std::size_t>(2, name.size() / 3));
    if (near.empty()) return fmt::format("unknown option '{}'; see --help", option);
    return fmt::format("unknown option '{}'; did you mean '--{}'? (see --help)", option, near);
}

bool parse_args(const Args& args, const char* usage, const po::options_description& visible,
                const po::positional_options_description* positional, po::variables_map& vm, const std::string& epilog)
{
    CommandDoc doc = document_options(usage, visible, positional);
    doc.epilog = epilog;
    if (capture_if_describing(doc)) return false;
    po::options_description all;
    all.add(visible);
    all.add_options()("help,h", "show this help");
    try {
        po::command_line_parser parser(args);
        parser.options(all).style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing);
        if (positional) parser.positional(*positional);
        po::store(parser.run(), vm);
        if (vm.count("help")) {
            std::cout << format_help(doc);
            return false;
        }
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        throw UsageError(unknown_option_message(e.get_option_name(), all));
    } catch (const po::error& e) {
        throw UsageError(fmt::format("{}; see --help", e.what()));
    }
    return true;
}

std::vector<std::string> split_list(const std::string& value)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto comma = value.find(',', start);
        std::string part(trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (!part.empty()) out.push_back(std::move(part));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

std::vector<std::string> split_list(const std::vector<std::string>& values)
{
    std::vector<std::string> out;
    for (const auto& v : values)
        for (auto& part : split_list(v)) out.push_back(std::move(part));
    return out;
}

int grid_metres(const std::string& text)
{
    if (text == "100m") return 100;
    if (text == "1km" || text == "1000m") return 1000;
    if (text == "10km" || text == "10000m") return 10000;
    throw UsageError(fmt::format("--grid '{}': use 100m, 1km or 10km", text));
}

bool stderr_is_tty() { return ::isatty(2) == 1; }

} // namespace coverage::cli
