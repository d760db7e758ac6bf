#pragma once
// A small streaming JSON writer for the byte-stable reports (summaries, diff, progress):
// keys in the order written, numbers formatted by the caller's rule, and two layouts per
// container: expanded (one member per line, indented by two spaces per level) or inline
// (`{"a": 1, "b": 2}` on one line). Commas and indentation come from the writer, never
// from hand-placed text, so optional members cannot leave a dangling comma.
#include "base/json_text.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

class JsonWriter {
public:
    enum class Layout { expanded, inline_ };

    /// Starts an object or array: as the value of `key` inside an object, or as an element.
    JsonWriter& begin_object(Layout layout = Layout::expanded) { return open('{', layout); }
    JsonWriter& begin_array(Layout layout = Layout::expanded) { return open('[', layout); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& end_array() { return close(']'); }

    /// The next member's key (inside an object).
    JsonWriter& key(std::string_view k)
    {
        separate();
        out_ += json_quote(k);
        out_ += ": ";
        pending_key_ = true;
        return *this;
    }
    JsonWriter& string(std::string_view s) { return raw(json_quote(s)); }
    JsonWriter& number(std::int64_t v) { return raw(std::to_string(v)); }
    JsonWriter& number(std::uint64_t v) { return raw(std::to_string(v)); }
    JsonWriter& number(int v) { return raw(std::to_string(v)); }
    /// A fixed number of decimals ("0.250000" with 6).
    JsonWriter& fixed(double v, int decimals) { return raw(fmt::format("{:.{}f}", v, decimals)); }
    JsonWriter& boolean(bool v) { return raw(v ? "true" : "false"); }
    JsonWriter& null() { return raw("null"); }
    /// Already formatted JSON (a number text from the caller's formatter).
    JsonWriter& raw(std::string_view json)
    {
        separate();
        out_ += json;
        return *this;
    }

    /// The document, with a final newline. All containers must be closed.
    [[nodiscard]] std::string str() const { return out_ + "\n"; }

private:
    struct Level {
        char close;
        Layout layout;
        bool empty = true;
    };

    JsonWriter& open(char bracket, Layout layout)
    {
        separate();
        out_ += bracket;
        stack_.push_back({bracket == '{' ? '}' : ']', layout});
        return *this;
    }
    JsonWriter& close(char bracket)
    {
        const Level level = stack_.back();
        stack_.pop_back();
        if (level.layout == Layout::expanded) newline();
        out_ += bracket;
        return *this;
    }
    // Before a key or a value: the comma and line break the position needs.
    void separate()
    {
        if (pending_key_) { // the value of a key just written
            pending_key_ = false;
            return;
        }
        if (stack_.empty()) return;
        Level& level = stack_.back();
        if (!level.empty) out_ += level.layout == Layout::expanded ? "," : ", ";
        level.empty = false;
        if (level.layout == Layout::expanded) newline();
    }
    // A line break indented two spaces per open container (a member of a container at depth
    // d, or the closing bracket after the container was popped).
    void newline()
    {
        out_ += '\n';
        out_.append(2 * stack_.size(), ' ');
    }

    std::string out_;
    std::vector<Level> stack_;
    bool pending_key_ = false;
};

} // namespace coverage
