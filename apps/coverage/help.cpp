// Man pages and shell completion, generated from the same option tables as --help.
#include "help.hpp"

#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/profile.hpp"
#include "coverage/version.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <sstream>

namespace coverage::cli {
namespace {

CommandDoc* describing = nullptr; // set while describe_command runs (single-threaded CLI)

// roff: backslashes escaped, a line starting with . or ' protected, dashes as \- so they
// render (and copy-paste) as ASCII hyphens.
std::string roff(std::string_view text)
{
    std::string out;
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        line_start = c == '\n';
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else if (u >= 0xC0 && u < 0xF0 && i + 1 < text.size()) {
            // Non-ASCII (straße) as a roff Unicode escape: troff reads bytes, not UTF-8.
            const std::size_t len = u < 0xE0 ? 2 : 3;
            unsigned cp = u & (len == 2 ? 0x1Fu : 0x0Fu);
            for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
            out += fmt::format("\\[u{:04X}]", cp);
            i += len - 1;
        } else out += c;
    }
    return out;
}

// The usage text split into its synopsis (the leading "usage:" lines) and the rest.
std::pair<std::string, std::string> split_usage(const std::string& usage)
{
    const auto blank = usage.find("\n\n");
    if (blank == std::string::npos) return {usage, ""};
    return {usage.substr(0, blank), usage.substr(blank + 2)};
}

std::string man_options(const CommandDoc& doc)
{
    std::string out;
    std::string group = "\x01";
    for (const auto& o : doc.options) {
        if (o.group != group) {
            group = o.group;
            out += fmt::format(".SS {}\n", roff(group.empty() ? "options" : group));
        }
        out += ".TP\n";
        std::string label = o.short_name.empty() ? "" : fmt::format("\\fB\\-{}\\fR, ", o.short_name);
        label += fmt::format("\\fB\\-\\-{}\\fR", roff(o.long_name));
        if (!o.value_name.empty()) label += fmt::format(" \\fI{}\\fR", roff(o.value_name));
        out += label + "\n";
        std::string text = o.description;
        for (char& c : text)
            if (c == '\n') c = ' ';
        if (o.repeatable && text.find("repeatable") == std::string::npos) text += " (repeatable)";
        if (!o.default_value.empty() && text.find("default") == std::string::npos)
            text += fmt::format(" (default {})", o.default_value);
        out += roff(text) + "\n";
    }
    return out;
}

std::string man_header(const std::string& title, const std::string& name, const std::string& summary)
{
    // No date: the same sources give the same bytes.
    return fmt::format(".TH {} 1 \"\" \"coverage {}\" \"User Commands\"\n.nh\n.ad l\n.SH NAME\n{} \\- {}\n", title,
                       tool_version(), roff(name), roff(summary));
}

std::string man_page(const CommandDoc& doc)
{
    std::string upper = "COVERAGE-" + doc.name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto [synopsis, rest] = split_usage(doc.usage);
    if (synopsis.starts_with("usage: ")) synopsis.erase(0, 7);
    std::string out = man_header(upper, "coverage-" + doc.name, doc.summary);
    out += ".SH SYNOPSIS\n.nf\n" + roff(synopsis) + "\n.fi\n";
    if (!rest.empty()) out += ".SH DESCRIPTION\n.nf\n" + roff(rest) + "\n.fi\n";
    if (!doc.options.empty()) out += ".SH OPTIONS\n" + man_options(doc);
    if (!doc.epilog.empty()) out += ".SH NOTES\n.nf\n" + roff(doc.epilog) + "\n.fi\n";
    out += ".SH SEE ALSO\n\\fBcoverage\\fR(1)\n";
    return out;
}

std::string man_overview(const std::vector<CommandDoc>& docs)
{
    std::string out =
        man_header("COVERAGE", "coverage", "classify addresses as white, grey or served for broadband funding");
    out += ".SH SYNOPSIS\n\\fBcoverage\\fR \\fIcommand\\fR [\\fIoptions\\fR]\n.br\n\\fBcoverage\\fR "
           "\\fBhelp\\fR \\fIcommand\\fR\n.br\n\\fBcoverage \\-\\-version\\fR\n";
    out += ".SH DESCRIPTION\nClassifies every address of a region against the rules of a broadband funding "
           "regime (EU, Germany, UK, US BEAD) from the address list and the operators' availability reports, "
           "footprints and routes, and counts, compares and summarises the results.\n";
    out += ".SH COMMANDS\n";
    for (const auto& d : docs)
        out += fmt::format(".TP\n\\fB{}\\fR\n{} (see \\fBcoverage\\-{}\\fR(1))\n", roff(d.name), roff(d.summary),
                           roff(d.name));
    out += ".SH EXIT STATUS\n0 success, 1 data or processing error, 2 usage error.\n";
    out += ".SH SEE ALSO\n";
    for (std::size_t i = 0; i < docs.size(); ++i)
        out += fmt::format("\\fBcoverage\\-{}\\fR(1){}", roff(docs[i].name), i + 1 < docs.size() ? ",\n" : "\n");
    return out;
}

bool takes_file(const OptionDoc& o)
{
    return o.value_name.find("FILE") != std::string::npos || o.value_name.find("DIR") != std::string::npos;
}

std::string profile_names()
{
    std::string names;
    for (const auto& b : builtin_profiles()) names += (names.empty() ? "" : " ") + std::string(b.name);
    return names;
}

std::string bash_completion(const std::vector<CommandDoc>& docs)
{
    std::string commands;
    for (const auto& d : docs) commands += d.name + " ";
    // clang-format off
    std::string out = "# bash completion for coverage, generated by 'coverage --generate bash'\n"
                      "_coverage()\n{\n"
                      "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]}\n"
                      "    local opts= files= values= profiles='" + profile_names() + "'\n"
                      "    if (( COMP_CWORD == 1 )); then\n"
                      "        COMPREPLY=( $(compgen -W '" + commands + "help --help --version' -- \"$cur\") )\n"
                      "        return\n    fi\n"
                      "    case $cmd in\n"
                      "        help) (( COMP_CWORD == 2 )) && COMPREPLY=( $(compgen -W '" + commands + "' -- \"$cur\") ); return ;;\n";
    // clang-format on
    for (const auto& d : docs) {
        std::string opts, files, values;
        for (const auto& o : d.options) {
            const std::string names = "--" + o.long_name + (o.short_name.empty() ? "" : " -" + o.short_name);
            opts += names + " ";
            if (takes_file(o)) files += names + " ";
            else if (!o.value_name.empty()) values += names + " ";
        }
        out += fmt::format("        {}) opts='{}'; files='{}'; values='{}' ;;\n", d.name, opts, files, values);
    }
    out += "    esac\n"
           "    if [[ $cmd == profiles && COMP_CWORD -eq 3 && $prev == show ]]; then\n"
           "        COMPREPLY=( $(compgen -W \"$profiles\" -- \"$cur\") ); return\n    fi\n"
           "    if [[ $cmd == profiles && COMP_CWORD -eq 2 ]]; then\n"
           "        COMPREPLY=( $(compgen -W 'list show check' -- \"$cur\") ); return\n    fi\n"
           "    if [[ $prev == --profile ]]; then\n"
           "        COMPREPLY=( $(compgen -W \"$profiles\" -- \"$cur\") $(compgen -f -- \"$cur\") ); return\n    fi\n"
           "    if [[ \" $files \" == *\" $prev \"* ]]; then COMPREPLY=( $(compgen -f -- \"$cur\") ); return; fi\n"
           "    if [[ \" $values \" == *\" $prev \"* ]]; then COMPREPLY=(); return; fi\n"
           "    if [[ $cur == -* ]]; then COMPREPLY=( $(compgen -W \"$opts\" -- \"$cur\") ); return; fi\n"
           "    COMPREPLY=( $(compgen -f -- \"$cur\") )\n"
           "}\n"
           "complete -o filenames -F _coverage coverage\n";
    return out;
}

// zsh _arguments spec text: [ ] : and \ are special inside the description brackets.
std::string zsh_escape(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '\n') c = ' ';
        if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
        if (c == '\'') {
            out += "'\\''";
            continue;
        }
        out += c;
    }
    return out;
}

std::string zsh_completion(const std::vector<CommandDoc>& docs)
{
    // clang-format off
    std::string out = "#compdef coverage\n# zsh completion for coverage, generated by 'coverage --generate zsh'\n\n"
                      "_coverage() {\n    local -a commands profiles\n    commands=(\n";
    for (const auto& d : docs) out += fmt::format("        '{}:{}'\n", d.name, zsh_escape(d.summary));
    out += "    )\n    profiles=(" + profile_names() + ")\n"
           "    if (( CURRENT == 2 )); then\n        _describe 'command' commands\n"
           "        _arguments '--help[list the commands]' '--version[print version and library versions]'\n"
           "        return\n    fi\n"
           "    case $words[2] in\n"
           "        help) _describe 'command' commands ;;\n";
    // clang-format on
    for (const auto& d : docs) {
        out += fmt::format("        {})\n            _arguments -s \\\n", d.name);
        for (const auto& o : d.options) {
            std::string action;
            if (!o.value_name.empty()) {
                if (o.long_name == "profile")
                    action = ":" + zsh_escape(o.value_name) + ":{_files; compadd -a profiles}";
                else if (takes_file(o)) action = ":" + zsh_escape(o.value_name) + ":_files";
                else action = ":" + zsh_escape(o.value_name) + ": ";
            }
            const std::string star = o.repeatable ? "*" : "";
            const std::string desc = "[" + zsh_escape(o.description) + "]";
            out += fmt::format("                '{}--{}{}{}' \\\n", star, o.long_name, desc, action);
            if (!o.short_name.empty())
                out += fmt::format("                '{}-{}{}{}' \\\n", star, o.short_name, desc, action);
        }
        if (d.name == "profiles")
            out += "                '1:action:(list show check)' '2:profile:{_files; compadd -a profiles}'\n";
        else out += "                '*:file:_files'\n";
        out += "            ;;\n";
    }
    out += "    esac\n}\n\n_coverage \"$@\"\n";
    return out;
}

} // namespace

bool capture_if_describing(const CommandDoc& doc)
{
    if (!describing) return false;
    describing->usage = doc.usage;
    describing->options = doc.options;
    describing->epilog = doc.epilog;
    return true;
}

CommandDoc describe_command(const Command& command)
{
    CommandDoc doc;
    doc.name = command.name;
    doc.summary = command.summary;
    // Anything a command would print before reaching parse_args goes nowhere.
    std::ostringstream sink;
    auto* old = std::cout.rdbuf(sink.rdbuf());
    describing = &doc;
    try {
        command.main({});
    } catch (...) {
        // A command that fails before parse_args is described by its name and summary only.
    }
    describing = nullptr;
    std::cout.rdbuf(old);
    return doc;
}

int generate_main(const std::vector<Command>& table, const Args& args)
{
    if (args.empty()) throw UsageError("--generate needs man DIR, bash or zsh");
    std::vector<CommandDoc> docs;
    for (const auto& c : table) docs.push_back(describe_command(c));
    if (args[0] == "man") {
        if (args.size() != 2) throw UsageError("--generate man needs the folder to write the pages into");
        const std::string dir = args[1];
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) throw OutputError(fmt::format("{}: cannot create the folder ({})", dir, ec.message()));
        write_text_file(dir + "/coverage.1", man_overview(docs), true);
        for (const auto& d : docs) write_text_file(dir + "/coverage-" + d.name + ".1", man_page(d), true);
        return 0;
    }
    if (args.size() > 2) throw UsageError(fmt::format("--generate {} takes at most an output file", args[0]));
    std::string text;
    if (args[0] == "bash") text = bash_completion(docs);
    else if (args[0] == "zsh") text = zsh_completion(docs);
    else throw UsageError(fmt::format("--generate '{}': use man DIR, bash [FILE] or zsh [FILE]", args[0]));
    if (args.size() == 2) write_text_file(args[1], text, true);
    else std::cout << text;
    return 0;
}

} // namespace coverage::cli
