// --help, man pages and completion come from the commands' own option tables (help.cpp):
// what a newcomer reads must name values, keep words whole, and hide internals.
#include "commands.hpp"
#include "help.hpp"

#include "coverage/error.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace coverage;
using namespace coverage::cli;

namespace {

// The command table lives in main.cpp (not linked here): these entries mirror it.
const std::vector<Command>& table()
{
    static const std::vector<Command> t{{"classify", "classify", classify_main},
                                        {"profiles", "profiles", profiles_main},
                                        {"aggregate", "aggregate", aggregate_main},
                                        {"summary", "summary", summary_main},
                                        {"diff", "diff", diff_main}};
    return t;
}

const Command& command(const std::string& name)
{
    for (const auto& c : table())
        if (name == c.name) return c;
    FAIL("no command " << name);
    throw 0;
}

std::string usage_error(const Args& args)
{
    try {
        parse_classify_options(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("every command is described from its option table")
{
    for (const auto& c : table()) {
        const CommandDoc d = describe_command(c);
        CAPTURE(c.name);
        CHECK(d.name == c.name);
        CHECK(d.usage.starts_with("usage: coverage " + std::string(c.name)));
        REQUIRE(!d.options.empty());
        CHECK(d.options.back().long_name == "help");
    }
}

TEST_CASE("classify --help: value names, groups, words kept whole, at most 80 columns")
{
    const CommandDoc d = describe_command(command("classify"));
    const std::string help = format_help(d);
    CHECK(help.find(" arg ") == std::string::npos);
    CHECK(help.find(" arg\n") == std::string::npos);
    CHECK(help.find("--addresses FILE") != std::string::npos);
    CHECK(help.find("-o, --output FILE") != std::string::npos);
    CHECK(help.find("--as-of DATE") != std::string::npos);
    CHECK(help.find("--threads N") != std::string::npos);
    CHECK(help.find("--id-field COLUMN") != std::string::npos);
    CHECK(help.find("\naddress columns:\n") != std::string::npos);
    // Boost used to break "technology=ftth" after "technolog"; every word of every
    // description must appear whole in the help.
    CHECK(help.find("FILE#provider=X,technology=ftth,...") != std::string::npos);
    // The usage text and the epilog are the command's own; the option lines are wrapped at 80
    // columns (a line may be longer only when it is one word).
    CommandDoc options_only = d;
    options_only.epilog.clear();
    const std::string option_text = format_help(options_only);
    std::istringstream lines(option_text.substr(option_text.find("\ninputs and outputs:\n")));
    std::string line;
    while (std::getline(lines, line)) {
        CAPTURE(line);
        if (line.find(' ', line.find_first_not_of(' ')) != std::string::npos) CHECK(line.size() <= 80);
    }
}

TEST_CASE("--help hides positional-only options: the usage names them")
{
    const CommandDoc d = describe_command(command("summary"));
    for (const auto& o : d.options) CHECK(o.long_name != "input");
    const CommandDoc p = describe_command(command("profiles"));
    for (const auto& o : p.options) CHECK(o.long_name != "words");
}

TEST_CASE("a mistyped option names the nearest one")
{
    CHECK(usage_error({"--offer", "o.csv", "-o", "x.csv"}) ==
          "unknown option '--offer'; did you mean '--offers'? (see --help)");
    CHECK(usage_error({"--offers", "o.csv", "--ouptut", "x.csv"}) ==
          "unknown option '--ouptut'; did you mean '--output'? (see --help)");
    CHECK(usage_error({"--offers", "o.csv", "-o", "x.csv", "--zzzzzzzzzzzz"}) ==
          "unknown option '--zzzzzzzzzzzz'; see --help");
}

TEST_CASE("classify: several -o, and -o optional with --summary")
{
    auto p = parse_classify_options({"--offers", "o.csv", "-o", "a.csv", "-o", "a.gpkg", "--as-of", "2026"});
    REQUIRE(p);
    CHECK(p->options.output == "a.csv");
    CHECK(p->options.extra_outputs == std::vector<std::string>{"a.gpkg"});
    p = parse_classify_options({"--offers", "o.csv", "--summary", "s.json"});
    REQUIRE(p);
    CHECK(p->options.output.empty());
    CHECK(p->options.summary == "s.json");
    CHECK(p->options.command_line.front() == "coverage");
    CHECK(p->options.command_line.back() == "s.json");
}

TEST_CASE("classify: CSV for spreadsheets and the output CRS")
{
    auto p = parse_classify_options({"--offers", "o.csv", "-o", "a.csv", "--locale", "de"});
    REQUIRE(p);
    CHECK(p->options.csv_delimiter == ';');
    CHECK(p->options.decimal_comma);
    p = parse_classify_options({"--offers", "o.csv", "-o", "a.csv", "--csv-delimiter", "tab"});
    REQUIRE(p);
    CHECK(p->options.csv_delimiter == '\t');
    CHECK(!p->options.decimal_comma);
    p = parse_classify_options({"--offers", "o.csv", "-o", "a.gpkg", "--output-crs", "EPSG:25832"});
    REQUIRE(p);
    CHECK(p->options.output_crs == "EPSG:25832");
    // A decimal comma in a comma-separated file would split every number in two.
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv", "-o", "a.csv", "--decimal-comma"}), UsageError);
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv", "-o", "a.csv", "--locale", "xx"}), UsageError);
}

TEST_CASE("aggregate: --keep, --dissolve and --output-layer go with --areas")
{
    auto p = parse_aggregate_options({"--areas", "d.gpkg", "--area-id", "name", "--keep", "kreis,ags", "--dissolve",
                                      "--output-layer", "districts", "-o", "out.gpkg", "r.csv"});
    REQUIRE(p);
    CHECK(p->options.keep == std::vector<std::string>{"kreis", "ags"});
    CHECK(p->options.dissolve);
    CHECK(p->output_layer == "districts");
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "1km", "--dissolve", "-o", "c.csv", "r.csv"}), UsageError);
}
