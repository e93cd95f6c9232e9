#include "connectors/cache/snapshot_binary.hpp"

#include "connectors/ardoq/json_model.hpp"
#include "connectors/cache/atomic_file.hpp"
#include "model/errors.hpp"

#include <boost/json.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace ardoq::connectors {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr std::array<char, 8> k_magic{'A', 'R', 'D', 'Q', 'S', 'N', 'A', 'P'};
constexpr std::array<char, 8> k_end_magic{'S', 'N', 'A', 'P', 'E', 'N', 'D', '\0'};
constexpr std::size_t k_header_size = 72;
constexpr std::size_t k_flags_offset = 12;
constexpr std::uint32_t k_flag_stale = 1;
constexpr std::size_t k_buffer = 1 << 20;
constexpr std::size_t k_dedupe_max_len = 32; // short field values repeat ("Live", "true")
constexpr std::size_t k_dedupe_max_entries = 1 << 16;

enum : std::uint8_t { has_parent = 1, has_description = 2, has_display_text = 4 };

using model::unzigzag;
using model::zigzag;

model::RunError damaged(const fs::path& path, const std::string& why) {
    return model::RunError(
        "cache file " + path.string() + " is damaged: " + why +
        "\n  hint: run without --offline to fetch the snapshot again, or `ardoq-sync cache clear`");
}

// --- writing ----------------------------------------------------------------------------

class RecordWriter {
public:
    RecordWriter(std::FILE* f, const fs::path& path) : m_file(f), m_path(path) {
        m_buf.reserve(k_buffer + 4096);
    }

    void raw(const void* data, std::size_t n) {
        m_buf.append(static_cast<const char*>(data), n);
        if (m_buf.size() >= k_buffer)
            flush();
    }
    void u8(std::uint8_t v) { m_buf.push_back(static_cast<char>(v)); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            m_buf.push_back(static_cast<char>((v & 0x7F) | 0x80));
            v >>= 7;
        }
        m_buf.push_back(static_cast<char>(v));
    }
    void oid(const model::Oid& o) { raw(o.bytes().data(), 12); }
    // A string as (offset, length) into the string table.
    void str(std::string_view s, bool dedupe = false) {
        varint(s.empty() ? 0 : m_strings.add(s, dedupe));
        varint(s.size());
    }
    // Custom fields as one string: their packed bytes (model/packed_fields.hpp), keys
    // ascending, which a reader borrows in place.
    void fields(const model::CustomFields& fs) {
        if (fs.sorted_by_key()) {
            str(fs.bytes(), true);
            return;
        }
        model::CustomFields sorted = fs; // changed in place and not sorted again
        sorted.sort_by_key();
        str(sorted.bytes(), true);
    }
    void flush() {
        write_all(m_file, m_buf.data(), m_buf.size(), m_path);
        m_buf.clear();
    }
    const std::string& strings() const { return m_strings.text; }

private:
    struct StringTable {
        std::string text{'\0'}; // offset 0 is never a real string: "" is (0, 0)
        std::unordered_map<std::string, std::uint64_t> seen;
        std::uint64_t add(std::string_view s, bool dedupe) {
            dedupe = dedupe && s.size() <= k_dedupe_max_len;
            if (dedupe)
                if (auto it = seen.find(std::string(s)); it != seen.end())
                    return it->second;
            auto at = text.size();
            text.append(s);
            if (dedupe && seen.size() < k_dedupe_max_entries)
                seen.emplace(std::string(s), at);
            return at;
        }
    };

    std::FILE* m_file;
    const fs::path& m_path;
    std::string m_buf;
    StringTable m_strings;
};

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<char>(v >> (8 * i)));
}
void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<char>(v >> (8 * i)));
}
std::uint32_t get_u32(const unsigned char* p) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}
std::uint64_t get_u64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

std::string meta_json(const model::Snapshot& s) {
    json::object meta;
    meta["host"] = s.host;
    meta["fetchedAt"] = s.fetched_at;
    meta["workspace"] = workspace_to_json(s.workspace);
    meta["context"] = context_to_json(s.context);
    json::array keys;
    for (const auto& k : s.field_keys())
        keys.emplace_back(json::string(k));
    meta["fieldKeys"] = std::move(keys);
    meta["components"] = s.components().size();
    meta["references"] = s.references().size();
    return json::serialize(meta);
}

// --- reading ----------------------------------------------------------------------------

struct Header {
    std::uint32_t version = 0;
    std::uint32_t flags = 0;
    std::uint64_t meta_offset = 0, meta_len = 0, strings_offset = 0, strings_len = 0,
                  records_offset = 0;
    std::uint64_t components = 0, references = 0;
};

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_for_reading(const fs::path& path) {
    File f(std::fopen(path.c_str(), "rb"));
    if (!f)
        throw model::RunError("cannot read cache file " + path.string() + ": " +
                              std::strerror(errno));
    return f;
}

// The file's bytes [offset, offset + n) mapped read-only, or nullptr when the system will
// not map the file (the caller reads it then). The pages are the page cache's: nothing is
// copied and no fresh memory has to be cleared (a million-entity table is ~120 MB). The
// cache replaces a file by renaming a new one over it, so a mapped file never changes
// under a reader.
std::shared_ptr<const void> map_range(std::FILE* f, std::uint64_t offset, std::uint64_t n,
                                      const fs::path& path, const char** data) {
    struct stat st {};
    if (::fstat(::fileno(f), &st) != 0)
        return nullptr;
    if (offset > static_cast<std::uint64_t>(st.st_size) ||
        n > static_cast<std::uint64_t>(st.st_size) - offset)
        throw damaged(path, "it ends early"); // a mapping past the end would fault
    if (n == 0)
        return nullptr;
    const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    const std::uint64_t start = offset - offset % page;
    const std::size_t length = static_cast<std::size_t>(offset - start + n);
    void* base = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, ::fileno(f),
                        static_cast<off_t>(start));
    if (base == MAP_FAILED)
        return nullptr;
    *data = static_cast<const char*>(base) + (offset - start);
    return {base, [length](const void* p) { ::munmap(const_cast<void*>(p), length); }};
}

void read_exact(std::FILE* f, void* out, std::size_t n, std::uint64_t offset,
                const fs::path& path) {
    if (fseeko(f, static_cast<off_t>(offset), SEEK_SET) != 0 || std::fread(out, 1, n, f) != n)
        throw damaged(path, "it ends early");
}

Header read_header(std::FILE* f, const fs::path& path) {
    std::array<unsigned char, k_header_size> raw{};
    if (std::fread(raw.data(), 1, raw.size(), f) != raw.size() ||
        std::memcmp(raw.data(), k_magic.data(), 8) != 0)
        throw damaged(path, "it is not an ardoq-sync snapshot cache file");
    Header h;
    h.version = get_u32(raw.data() + 8);
    h.flags = get_u32(raw.data() + 12);
    if (h.version != k_binary_snapshot_version)
        throw model::RunError("cache file " + path.string() + " has format version " +
                              std::to_string(h.version) + ", this ardoq-sync reads version " +
                              std::to_string(k_binary_snapshot_version) +
                              "\n  hint: run without --offline to fetch the snapshot again");
    h.meta_offset = get_u64(raw.data() + 16);
    h.meta_len = get_u64(raw.data() + 24);
    h.strings_offset = get_u64(raw.data() + 32);
    h.strings_len = get_u64(raw.data() + 40);
    h.records_offset = get_u64(raw.data() + 48);
    h.components = get_u64(raw.data() + 56);
    h.references = get_u64(raw.data() + 64);
    return h;
}

json::object read_meta(std::FILE* f, const Header& h, const fs::path& path) {
    if (h.meta_len > (64u << 20))
        throw damaged(path, "its header block is implausibly large");
    std::string text(h.meta_len, '\0');
    read_exact(f, text.data(), text.size(), h.meta_offset, path);
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object())
        throw damaged(path, "its header block is not a JSON object");
    return std::move(v.get_object());
}

SnapshotFileInfo info_from(const Header& h, const json::object& meta, const fs::path& path) {
    SnapshotFileInfo info;
    info.format_version = h.version;
    info.stale = (h.flags & k_flag_stale) != 0;
    info.components = h.components;
    info.references = h.references;
    if (const auto* v = meta.if_contains("host"); v && v->is_string())
        info.host = std::string(v->get_string());
    if (const auto* v = meta.if_contains("fetchedAt"); v && v->is_string())
        info.fetched_at = std::string(v->get_string());
    const auto* ws = meta.if_contains("workspace");
    auto workspace = ws ? workspace_from_json(*ws)
                        : model::Expected<model::WorkspaceInfo, std::string>(
                              model::unexpected(std::string("\"workspace\" is missing")));
    if (!workspace)
        throw damaged(path, "workspace: " + workspace.error());
    info.workspace = std::move(*workspace);
    return info;
}

// Buffered reading of the record section.
class RecordReader {
public:
    RecordReader(std::FILE* f, const fs::path& path, const char* strings, std::uint64_t strings_len)
        : m_file(f),
          m_path(path),
          m_strings(strings),
          m_strings_len(strings_len),
          m_buf(std::make_unique_for_overwrite<unsigned char[]>(k_buffer)) {}

    std::uint8_t u8() {
        need(1);
        return m_buf[m_pos++];
    }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            std::uint8_t b = u8();
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return v;
        }
        throw damaged(m_path, "a number in it is malformed");
    }
    model::Oid oid() {
        need(12);
        std::array<std::uint8_t, 12> b{};
        std::memcpy(b.data(), m_buf.get() + m_pos, 12);
        m_pos += 12;
        return model::Oid::from_bytes(b);
    }
    std::string_view str() {
        auto offset = varint();
        auto len = varint();
        if (len == 0)
            return {};
        if (offset > m_strings_len || len > m_strings_len - offset)
            throw damaged(m_path, "a string points outside its string table");
        return {m_strings + offset, len};
    }
    // The custom fields: packed bytes in the string table, checked, then read in place.
    model::CustomFields fields(std::uint32_t key_count) {
        const auto bytes = str();
        if (!model::valid_packed_fields(bytes, key_count))
            throw damaged(m_path, "the custom fields of an entity are malformed");
        return model::CustomFields::borrow(bytes);
    }
    void expect_end() {
        need(8);
        if (std::memcmp(m_buf.get() + m_pos, k_end_magic.data(), 8) != 0)
            throw damaged(m_path, "its records do not end where they should");
    }

private:
    void need(std::size_t n) {
        if (m_end - m_pos >= n)
            return;
        std::memmove(m_buf.get(), m_buf.get() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
        m_end += std::fread(m_buf.get() + m_end, 1, k_buffer - m_end, m_file);
        if (m_end - m_pos < n)
            throw damaged(m_path, "it ends early");
    }

    std::FILE* m_file;
    const fs::path& m_path;
    const char* m_strings;
    std::uint64_t m_strings_len;
    std::unique_ptr<unsigned char[]> m_buf;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
};

} // namespace

void write_snapshot_binary(const fs::path& path, const model::Snapshot& s, bool stale) {
    write_file_atomically(path, [&](std::FILE* f) {
        // Records first (they fill the string table), then the table, then the header.
        const std::string meta = meta_json(s);
        std::string header(k_header_size, '\0');
        write_all(f, header.data(), header.size(), path);
        write_all(f, meta.data(), meta.size(), path);
        const std::uint64_t records_offset = k_header_size + meta.size();

        RecordWriter w(f, path);
        for (const auto& c : s.components()) {
            w.oid(c.id);
            w.u8(static_cast<std::uint8_t>((c.parent ? has_parent : 0) |
                                           (c.description ? has_description : 0)));
            if (c.parent)
                w.oid(*c.parent);
            w.varint(zigzag(c.version));
            w.str(c.type_id, true);
            w.str(c.name);
            w.str(c.component_key);
            if (c.description)
                w.str(*c.description);
            w.str(c.last_updated);
            w.fields(c.custom_fields);
        }
        for (const auto& r : s.references()) {
            w.oid(r.id);
            w.oid(r.source);
            w.oid(r.target);
            w.u8(static_cast<std::uint8_t>((r.display_text ? has_display_text : 0) |
                                           (r.description ? has_description : 0)));
            w.varint(zigzag(r.type));
            w.varint(zigzag(r.version));
            if (r.display_text)
                w.str(*r.display_text);
            if (r.description)
                w.str(*r.description);
            w.str(r.last_updated);
            w.fields(r.custom_fields);
        }
        w.raw(k_end_magic.data(), k_end_magic.size());
        w.flush();
        const std::uint64_t strings_offset = static_cast<std::uint64_t>(ftello(f));
        write_all(f, w.strings().data(), w.strings().size(), path);

        header.clear();
        header.append(k_magic.data(), k_magic.size());
        put_u32(header, k_binary_snapshot_version);
        put_u32(header, stale ? k_flag_stale : 0);
        put_u64(header, k_header_size);
        put_u64(header, meta.size());
        put_u64(header, strings_offset);
        put_u64(header, w.strings().size());
        put_u64(header, records_offset);
        put_u64(header, s.components().size());
        put_u64(header, s.references().size());
        if (fseeko(f, 0, SEEK_SET) != 0)
            throw model::RunError("cannot write " + path.string() + ": " + std::strerror(errno));
        write_all(f, header.data(), header.size(), path);
    });
}

SnapshotFileInfo read_snapshot_binary_info(const fs::path& path) {
    auto f = open_for_reading(path);
    auto header = read_header(f.get(), path);
    return info_from(header, read_meta(f.get(), header, path), path);
}

model::Snapshot read_snapshot_binary(const fs::path& path, SnapshotFileInfo* info_out) {
    auto f = open_for_reading(path);
    const auto h = read_header(f.get(), path);
    const auto meta = read_meta(f.get(), h, path);
    auto info = info_from(h, meta, path);

    model::Snapshot snap;
    snap.host = info.host;
    snap.fetched_at = info.fetched_at;
    snap.workspace = info.workspace;
    const auto* ctx = meta.if_contains("context");
    auto context = ctx ? context_from_json(*ctx)
                       : model::Expected<model::WorkspaceContext, std::string>(
                             model::unexpected(std::string("\"context\" is missing")));
    if (!context)
        throw damaged(path, "context: " + context.error());
    snap.context = std::move(*context);
    std::size_t listed_keys = 0;
    if (const auto* keys = meta.if_contains("fieldKeys"); keys && keys->is_array())
        for (const auto& k : keys->get_array()) {
            snap.intern_field(k.is_string() ? std::string_view(k.get_string())
                                            : std::string_view{});
            ++listed_keys;
        }
    // Records number the keys by their place in the list: each must be there once.
    if (snap.field_keys().size() != listed_keys)
        throw damaged(path, "its list of custom field keys names a key twice");
    const auto key_count = static_cast<std::uint32_t>(listed_keys);

    // Every string of the snapshot lives in this one block: the file's own pages, or read
    // from it when it cannot be mapped.
    const char* strings = nullptr;
    if (auto mapped = map_range(f.get(), h.strings_offset, h.strings_len, path, &strings)) {
        snap.arena().keep(std::move(mapped), h.strings_len);
    } else {
        char* block = snap.arena().allocate_block(h.strings_len);
        model::advise_huge_pages(block, h.strings_len);
        read_exact(f.get(), block, h.strings_len, h.strings_offset, path);
        strings = block;
    }
    if (fseeko(f.get(), static_cast<off_t>(h.records_offset), SEEK_SET) != 0)
        throw damaged(path, "it ends early");

    RecordReader r(f.get(), path, strings, h.strings_len);
    snap.reserve(h.components, h.references);
    for (std::uint64_t i = 0; i < h.components; ++i) {
        model::SnapshotComponent c;
        c.id = r.oid();
        auto flags = r.u8();
        if (flags & has_parent)
            c.parent = r.oid();
        c.version = unzigzag(r.varint());
        c.type_id = r.str();
        c.name = r.str();
        c.component_key = r.str();
        if (flags & has_description)
            c.description = r.str();
        c.last_updated = r.str();
        c.custom_fields = r.fields(key_count);
        snap.adopt_component(std::move(c));
    }
    for (std::uint64_t i = 0; i < h.references; ++i) {
        model::SnapshotReference ref;
        ref.id = r.oid();
        ref.source = r.oid();
        ref.target = r.oid();
        auto flags = r.u8();
        ref.type = unzigzag(r.varint());
        ref.version = unzigzag(r.varint());
        if (flags & has_display_text)
            ref.display_text = r.str();
        if (flags & has_description)
            ref.description = r.str();
        ref.last_updated = r.str();
        ref.custom_fields = r.fields(key_count);
        snap.adopt_reference(std::move(ref));
    }
    r.expect_end();
    if (info_out != nullptr)
        *info_out = std::move(info);
    return snap;
}

void set_snapshot_binary_stale(const fs::path& path, bool stale) {
    {
        auto f = open_for_reading(path);
        read_header(f.get(), path); // refuse to patch a file that is not ours
    }
    std::FILE* f = std::fopen(path.c_str(), "r+b");
    if (f == nullptr)
        throw model::RunError("cannot update cache file " + path.string() + ": " +
                              std::strerror(errno));
    std::string flags;
    put_u32(flags, stale ? k_flag_stale : 0);
    bool ok = fseeko(f, k_flags_offset, SEEK_SET) == 0 && std::fwrite(flags.data(), 1, 4, f) == 4;
    ok = std::fflush(f) == 0 && ok;
    std::fclose(f);
    if (!ok)
        throw model::RunError("cannot update cache file " + path.string() + ": " +
                              std::strerror(errno));
}

} // namespace ardoq::connectors
