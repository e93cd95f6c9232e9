#include "apply/desired_json.hpp"

#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>

#include <unordered_map>

namespace ardoq::apply {

namespace json = boost::json;

namespace {

json::object fields_to_json(const model::DesiredFields& fields) {
    json::object out;
    for (const auto& f : fields)
        out[f.key] = connectors::value_to_json(f.value);
    return out;
}

json::object ref_to_json(const model::ComponentRef& r) {
    return json::object{{"type", r.type}, {"key", r.key}};
}

json::object origin_to_json(const model::Origin& o) {
    return json::object{{"source", o.source}, {"file", o.file}, {"line", o.line}, {"row", o.row}};
}

void put_optional(json::object& out, const char* key, const std::optional<std::string>& text) {
    if (text)
        out[key] = *text;
}

// Reads one entity; every accessor records the first problem with its path.
class Reader {
public:
    Reader(const json::value& v, std::string path, std::deque<std::string>& text,
           std::unordered_map<std::string, std::string_view>& interned)
        : m_path(std::move(path)), m_text(text), m_interned(interned) {
        if (!v.is_object())
            fail("is not an object");
        else
            m_obj = &v.get_object();
    }

    const std::string& error() const noexcept { return m_error; }

    std::string text(const char* key) {
        const json::value* v = find(key);
        if (v == nullptr)
            return fail(std::string(key) + " is missing"), std::string();
        if (!v->is_string())
            return fail(std::string(key) + " is not a string"), std::string();
        return std::string(v->get_string());
    }

    std::optional<std::string> optional_text(const char* key) {
        const json::value* v = find(key);
        if (v == nullptr || v->is_null())
            return std::nullopt;
        if (!v->is_string())
            return fail(std::string(key) + " is not a string"), std::nullopt;
        return std::string(v->get_string());
    }

    std::optional<model::ComponentRef> component_ref(const char* key, bool required) {
        const json::value* v = find(key);
        if (v == nullptr || (!required && v->is_null())) {
            if (required)
                fail(std::string(key) + " is missing");
            return std::nullopt;
        }
        Reader inner(*v, m_path + "." + key, m_text, m_interned);
        model::ComponentRef r{inner.text("type"), inner.text("key")};
        if (!inner.error().empty())
            fail_raw(inner.error());
        return r;
    }

    model::Object fields() {
        model::Object out;
        const json::value* v = find("fields");
        if (v == nullptr)
            return out;
        if (!v->is_object())
            return fail("fields is not an object"), out;
        for (const auto& kv : v->get_object())
            out.push_back({std::string(kv.key()), connectors::value_from_json(kv.value())});
        return out;
    }

    std::size_t number(const char* key) {
        const json::value* v = find(key);
        if (v == nullptr || !v->is_int64() || v->get_int64() < 0)
            return fail(std::string(key) + " is not a whole number"), 0;
        return static_cast<std::size_t>(v->get_int64());
    }

    model::Origin origin() {
        model::Origin o;
        const json::value* v = find("origin");
        if (v == nullptr)
            return o;
        Reader inner(*v, m_path + ".origin", m_text, m_interned);
        o.source = intern(inner.text("source"));
        o.file = intern(inner.text("file"));
        o.line = inner.number("line");
        o.row = inner.number("row");
        if (!inner.error().empty())
            fail_raw(inner.error());
        return o;
    }

private:
    const json::value* find(const char* key) const {
        return m_obj == nullptr ? nullptr : m_obj->if_contains(key);
    }
    void fail(const std::string& what) { fail_raw(m_path + ": " + what); }
    void fail_raw(const std::string& message) {
        if (m_error.empty())
            m_error = message;
    }
    std::string_view intern(const std::string& s) {
        auto it = m_interned.find(s);
        if (it != m_interned.end())
            return it->second;
        const std::string& stored = m_text.emplace_back(s);
        m_interned.emplace(stored, stored);
        return stored;
    }

    const json::object* m_obj = nullptr;
    std::string m_path;
    std::string m_error;
    std::deque<std::string>& m_text;
    std::unordered_map<std::string, std::string_view>& m_interned;
};

} // namespace

json::object desired_to_json(const model::DesiredState& desired) {
    json::array components;
    components.reserve(desired.components.size());
    for (const auto& c : desired.components) {
        json::object o{{"type", c.type}, {"key", c.key}, {"name", c.name}};
        put_optional(o, "description", c.description);
        if (c.parent)
            o["parent"] = ref_to_json(*c.parent);
        o["fields"] = fields_to_json(c.fields);
        o["origin"] = origin_to_json(c.origin);
        o["rule"] = c.rule;
        components.push_back(std::move(o));
    }
    json::array references;
    references.reserve(desired.references.size());
    for (const auto& r : desired.references) {
        json::object o{
            {"type", r.type}, {"source", ref_to_json(r.source)}, {"target", ref_to_json(r.target)}};
        put_optional(o, "display_text", r.display_text);
        put_optional(o, "description", r.description);
        o["fields"] = fields_to_json(r.fields);
        o["origin"] = origin_to_json(r.origin);
        o["rule"] = r.rule;
        references.push_back(std::move(o));
    }
    return json::object{{"components", std::move(components)},
                        {"references", std::move(references)}};
}

model::Expected<LoadedDesired, std::string> desired_from_json(const json::value& v) {
    auto text = std::make_shared<std::deque<std::string>>();
    std::unordered_map<std::string, std::string_view> interned;
    auto state = std::make_shared<model::DesiredState>();
    if (!v.is_object())
        return model::unexpected(std::string("desired: is not an object"));
    auto list = [&](const char* key) -> const json::array* {
        const auto* items = v.get_object().if_contains(key);
        return items && items->is_array() ? &items->get_array() : nullptr;
    };
    const json::array* components = list("components");
    const json::array* references = list("references");
    if (components == nullptr || references == nullptr)
        return model::unexpected(std::string("desired: components and references must be lists"));

    for (std::size_t i = 0; i < components->size(); ++i) {
        Reader r((*components)[i], "desired.components[" + std::to_string(i) + "]", *text,
                 interned);
        model::DesiredComponent c;
        c.type = r.text("type");
        c.key = r.text("key");
        c.name = r.text("name");
        c.description = r.optional_text("description");
        c.parent = r.component_ref("parent", false);
        c.fields = r.fields();
        c.origin = r.origin();
        c.rule = r.number("rule");
        if (!r.error().empty())
            return model::unexpected(r.error());
        state->components.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < references->size(); ++i) {
        Reader r((*references)[i], "desired.references[" + std::to_string(i) + "]", *text,
                 interned);
        model::DesiredReference d;
        d.type = r.text("type");
        d.source = r.component_ref("source", true).value_or(model::ComponentRef{});
        d.target = r.component_ref("target", true).value_or(model::ComponentRef{});
        d.display_text = r.optional_text("display_text");
        d.description = r.optional_text("description");
        d.fields = r.fields();
        d.origin = r.origin();
        d.rule = r.number("rule");
        if (!r.error().empty())
            return model::unexpected(r.error());
        state->references.push_back(std::move(d));
    }
    return LoadedDesired{std::move(state), std::move(text)};
}

} // namespace ardoq::apply
