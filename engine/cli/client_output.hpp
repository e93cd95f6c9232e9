#pragma once
// How the ardoqpy-style commands print results on stdout: JSON by default (indented, members
// in the order Ardoq sent them), or with --output table a readable table: one row per
// entity for lists, FIELD / VALUE rows for one entity.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::cli {

// `v` as JSON indented by two spaces per level, ending in a newline.
std::string pretty_json(const boost::json::value& v);

// A value as one table cell: strings as they are, null as "", numbers and booleans as JSON,
// arrays of scalars joined by ", ", other arrays and objects as compact JSON. Control
// characters (a newline in a description) become spaces.
std::string cell_text(const boost::json::value& v);

// Columns of text, left- or right-aligned, two spaces apart, header first. Widths count
// code points, so names with accents line up. Cells longer than the cap are cut with "…".
class Table {
public:
    enum class Align : std::uint8_t { left, right };
    struct Column {
        std::string header;
        Align align = Align::left;
    };

    explicit Table(std::vector<Column> columns, std::size_t max_cell = 60);
    // A row with one cell per column (missing cells are empty, extra cells are dropped).
    void add_row(std::vector<std::string> cells);
    std::size_t rows() const noexcept { return m_rows.size(); }
    // Header and rows, each line without trailing spaces and ending in "\n"; "(none)" under
    // the header when there are no rows.
    std::string render() const;

private:
    std::vector<Column> m_columns;
    std::vector<std::vector<std::string>> m_rows;
    std::size_t m_max_cell;
};

// One column of a list of JSON objects: its header, how to get the cell, its alignment.
struct ListColumn {
    std::string header;
    std::function<std::string(const boost::json::object&)> cell;
    Table::Align align = Table::Align::left;
};
// The cell of member `path` ("customFields.lifecycle": members of members).
ListColumn member_column(std::string header, std::string path,
                         Table::Align align = Table::Align::left);
// The number of items of the array member `key`.
ListColumn count_column(std::string header, std::string key);

// A list of objects as a table (items that are not objects are skipped).
std::string render_list(const boost::json::array& items, const std::vector<ListColumn>& columns);
// One object as FIELD / VALUE rows; members of nested objects get dotted names
// ("customFields.lifecycle", "_meta.created"), an empty one an empty value; nothing is cut.
std::string render_record(const boost::json::object& o);

// Number of code points in UTF-8 text (display width for the scripts Ardoq names use).
std::size_t text_width(std::string_view text) noexcept;

} // namespace ardoq::cli
