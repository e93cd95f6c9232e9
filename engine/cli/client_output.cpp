#include "cli/client_output.hpp"

#include "model/value.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

namespace ardoq::cli {

namespace json = boost::json;

namespace {

// A scalar as JSON; doubles in their shortest form ("1200.5", not Boost's "1.2005E3").
std::string scalar_json(const json::value& v) {
    if (v.is_double())
        return std::isfinite(v.get_double()) ? model::format_double(v.get_double()) : "null";
    return json::serialize(v);
}

void write_pretty(std::string& out, const json::value& v, std::size_t depth) {
    const std::string indent((depth + 1) * 2, ' ');
    const std::string close(depth * 2, ' ');
    if (const auto* o = v.if_object()) {
        if (o->empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& member : *o) {
            if (!first)
                out += ",\n";
            first = false;
            out += indent;
            out += json::serialize(json::string_view(member.key()));
            out += ": ";
            write_pretty(out, member.value(), depth + 1);
        }
        out += "\n" + close + "}";
        return;
    }
    if (const auto* a = v.if_array()) {
        if (a->empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const auto& item : *a) {
            if (!first)
                out += ",\n";
            first = false;
            out += indent;
            write_pretty(out, item, depth + 1);
        }
        out += "\n" + close + "]";
        return;
    }
    out += scalar_json(v);
}

std::string without_controls(std::string text) {
    for (auto& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return text;
}

// The first `width` code points of `text`, with "…" in place of the rest.
std::string cut(const std::string& text, std::size_t width) {
    if (width == 0 || text_width(text) <= width)
        return text;
    std::size_t kept = 0;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (kept == width - 1)
                break;
            ++kept;
        }
    }
    return text.substr(0, i) + "…";
}

const json::value* member_at(const json::object& o, std::string_view path) {
    const json::object* at = &o;
    while (true) {
        auto dot = path.find('.');
        const json::value* v = at->if_contains(path.substr(0, dot));
        if (v == nullptr || dot == std::string_view::npos)
            return v;
        at = v->if_object();
        if (at == nullptr)
            return nullptr;
        path.remove_prefix(dot + 1);
    }
}

void flatten(const json::object& o, const std::string& prefix, Table& table) {
    for (const auto& member : o) {
        std::string name = prefix + std::string(member.key());
        const auto* nested = member.value().if_object();
        if (nested != nullptr && !nested->empty())
            flatten(*nested, name + ".", table);
        else if (nested != nullptr) // no members: nothing to show, like an empty list
            table.add_row({std::move(name), ""});
        else
            table.add_row({std::move(name), cell_text(member.value())});
    }
}

} // namespace

std::string pretty_json(const json::value& v) {
    std::string out;
    write_pretty(out, v, 0);
    out += '\n';
    return out;
}

std::string cell_text(const json::value& v) {
    switch (v.kind()) {
    case json::kind::null:
        return {};
    case json::kind::string:
        return without_controls(std::string(v.get_string()));
    case json::kind::array: {
        std::string out;
        for (const auto& item : v.get_array()) {
            if (item.is_array() || item.is_object())
                return without_controls(json::serialize(v));
            if (!out.empty())
                out += ", ";
            out += cell_text(item);
        }
        return out;
    }
    case json::kind::object:
        return without_controls(json::serialize(v));
    default:
        return scalar_json(v);
    }
}

std::size_t text_width(std::string_view text) noexcept {
    std::size_t n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

Table::Table(std::vector<Column> columns, std::size_t max_cell)
    : m_columns(std::move(columns)), m_max_cell(max_cell) {}

void Table::add_row(std::vector<std::string> cells) {
    cells.resize(m_columns.size());
    for (auto& cell : cells)
        cell = cut(without_controls(std::move(cell)), m_max_cell);
    m_rows.push_back(std::move(cells));
}

std::string Table::render() const {
    std::vector<std::size_t> widths;
    for (const auto& column : m_columns)
        widths.push_back(text_width(column.header));
    for (const auto& row : m_rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], text_width(row[i]));

    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string pad(widths[i] - text_width(cells[i]), ' ');
            if (i > 0)
                out += "  ";
            if (m_columns[i].align == Align::right)
                out += pad + cells[i];
            else
                out += cells[i] + pad;
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };

    std::vector<std::string> header;
    for (const auto& column : m_columns)
        header.push_back(column.header);
    std::string out = line(header);
    for (const auto& row : m_rows)
        out += line(row);
    if (m_rows.empty())
        out += "(none)\n";
    return out;
}

ListColumn member_column(std::string header, std::string path, Table::Align align) {
    return {std::move(header),
            [path = std::move(path)](const json::object& o) {
                const json::value* v = member_at(o, path);
                return v == nullptr ? std::string() : cell_text(*v);
            },
            align};
}

ListColumn count_column(std::string header, std::string key) {
    return {std::move(header),
            [key = std::move(key)](const json::object& o) {
                const json::value* v = o.if_contains(key);
                return v != nullptr && v->is_array() ? std::to_string(v->get_array().size())
                                                     : std::string();
            },
            Table::Align::right};
}

std::string render_list(const json::array& items, const std::vector<ListColumn>& columns) {
    std::vector<Table::Column> heads;
    for (const auto& c : columns)
        heads.push_back({c.header, c.align});
    Table table(std::move(heads));
    for (const auto& item : items) {
        const auto* o = item.if_object();
        if (o == nullptr)
            continue;
        std::vector<std::string> cells;
        for (const auto& c : columns)
            cells.push_back(c.cell(*o));
        table.add_row(std::move(cells));
    }
    return table.render();
}

std::string render_record(const json::object& o) {
    Table table({{"FIELD"}, {"VALUE"}}, 0);
    flatten(o, "", table);
    return table.render();
}

} // namespace ardoq::cli
