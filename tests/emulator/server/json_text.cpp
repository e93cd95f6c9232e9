#include "json_text.hpp"

#include "shapes_v2.hpp"

#include <charconv>

namespace ardoq::emulator {

void append_json(std::string& out, std::string_view text) {
    // The escapes Boost.JSON's serializer writes: quote, backslash and control characters.
    // Runs of characters that need none are appended at once.
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0; // start of the pending run of plain characters
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

void append_json(std::string& out, const json::object& object) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : object) {
        if (!first)
            out += ',';
        first = false;
        append_json(out, std::string_view(key));
        out += ':';
        append_json(out, value);
    }
    out += '}';
}

void append_json(std::string& out, const json::value& value) {
    char buf[32];
    switch (value.kind()) {
    case json::kind::null:
        out += "null";
        return;
    case json::kind::bool_:
        out += value.get_bool() ? "true" : "false";
        return;
    case json::kind::int64: {
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.get_int64());
        out.append(buf, end);
        return;
    }
    case json::kind::uint64: {
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.get_uint64());
        out.append(buf, end);
        return;
    }
    case json::kind::double_:
        out += json::serialize(value); // Boost's own number format
        return;
    case json::kind::string:
        append_json(out, std::string_view(value.get_string()));
        return;
    case json::kind::array: {
        out += '[';
        bool first = true;
        for (const auto& item : value.get_array()) {
            if (!first)
                out += ',';
            first = false;
            append_json(out, item);
        }
        out += ']';
        return;
    }
    case json::kind::object:
        append_json(out, value.get_object());
        return;
    }
}

void append_component_v2(std::string& out, const Store& store, const Component& c) {
    out += "{\"_id\":";
    append_json(out, c.id);
    out += ",\"_version\":";
    out += std::to_string(c.version);
    out += ",\"_meta\":";
    out += c.meta.text();
    out += ",\"name\":";
    append_json(out, c.name);
    out += ",\"rootWorkspace\":";
    append_json(out, c.root_workspace);
    out += ",\"typeId\":";
    append_json(out, c.type_id);
    out += ",\"type\":";
    append_json(out, type_name(store, c));
    out += ",\"parent\":";
    if (c.parent.empty())
        out += "null";
    else
        append_json(out, c.parent);
    out += ",\"componentKey\":";
    append_json(out, c.component_key);
    out += ",\"description\":";
    append_json(out, c.description);
    out += ",\"customFields\":";
    append_json(out, c.custom_fields);
    out += ",\"color\":";
    append_json(out, c.color);
    out += ",\"shape\":";
    append_json(out, c.shape);
    out += ",\"icon\":";
    append_json(out, c.icon);
    out += ",\"image\":";
    append_json(out, c.image);
    out += '}';
}

void append_reference_v2(std::string& out, const Reference& r) {
    out += "{\"_id\":";
    append_json(out, r.id);
    out += ",\"_version\":";
    out += std::to_string(r.version);
    out += ",\"_meta\":";
    out += r.meta.text();
    out += ",\"source\":";
    append_json(out, r.source);
    out += ",\"target\":";
    append_json(out, r.target);
    out += ",\"type\":";
    out += std::to_string(r.type);
    out += ",\"rootWorkspace\":";
    append_json(out, r.root_workspace);
    out += ",\"targetWorkspace\":";
    append_json(out, r.target_workspace);
    out += ",\"displayText\":";
    append_json(out, r.display_text);
    out += ",\"description\":";
    append_json(out, r.description);
    out += ",\"customFields\":";
    append_json(out, r.custom_fields);
    out += '}';
}

} // namespace ardoq::emulator
