#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>

#include <limits>

namespace ardoq::connectors {

namespace json = boost::json;
using model::unexpected;

namespace {

using Error = std::string;

std::string quoted(std::string_view key) {
    return "\"" + std::string(key) + "\"";
}

// Field readers: each returns an error text naming the key, or the value.
model::Expected<const json::object*, Error> as_object(const json::value& v, std::string_view what) {
    if (const auto* o = v.if_object())
        return o;
    return unexpected(std::string(what) + " is not a JSON object");
}

model::Expected<std::string_view, Error> required_string(const json::object& o,
                                                         std::string_view key) {
    const auto* v = o.if_contains(key);
    if (v == nullptr)
        return unexpected(quoted(key) + " is missing");
    if (const auto* s = v->if_string())
        return std::string_view(*s);
    return unexpected(quoted(key) + " is not a string");
}

std::optional<std::string_view> optional_string(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || !v->is_string())
        return std::nullopt;
    return std::string_view(v->get_string());
}

model::Expected<model::Oid, Error> required_oid(const json::object& o, std::string_view key) {
    auto text = required_string(o, key);
    if (!text)
        return unexpected(text.error());
    auto oid = model::Oid::parse(*text);
    if (!oid)
        return unexpected(quoted(key) + " is not a 24-hex object id: \"" + std::string(*text) +
                          "\"");
    return *oid;
}

std::optional<std::int64_t> as_int(const json::value& v) {
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64() &&
        v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(v.get_uint64());
    if (v.is_double() &&
        v.get_double() == static_cast<double>(static_cast<std::int64_t>(v.get_double())))
        return static_cast<std::int64_t>(v.get_double());
    return std::nullopt;
}

std::int64_t optional_int(const json::object& o, std::string_view key, std::int64_t fallback = 0) {
    if (const auto* v = o.if_contains(key))
        if (auto i = as_int(*v))
            return *i;
    return fallback;
}

std::string_view last_updated(const json::object& o) {
    if (const auto* meta = o.if_contains("_meta"); meta && meta->is_object())
        if (auto s = optional_string(meta->get_object(), "lastUpdated"))
            return *s;
    return {};
}

// Text fields that Ardoq may send as null or omit: nullopt then.
std::optional<std::string_view> nullable_text(const json::object& o, std::string_view key) {
    return optional_string(o, key);
}

model::Expected<model::CustomFields, Error> custom_fields(model::Snapshot& s,
                                                          const json::object& o) {
    model::CustomFields out;
    const auto* v = o.if_contains("customFields");
    if (v == nullptr || v->is_null())
        return out;
    const auto* fields = v->if_object();
    if (fields == nullptr)
        return unexpected(std::string("\"customFields\" is not an object"));
    for (const auto& kv : *fields)
        out.push_back({s.intern_field(kv.key()), value_from_json(kv.value())});
    return out;
}

json::object custom_fields_to_json(const model::Snapshot& s, const model::CustomFields& fields) {
    json::object out;
    for (const auto& f : fields)
        out[s.field_keys()[f.key]] = value_to_json(f.value);
    return out;
}

json::value text_or_null(const std::optional<std::string_view>& t) {
    return t ? json::value(json::string(*t)) : json::value(nullptr);
}

std::vector<std::string> string_list(const json::value* v) {
    std::vector<std::string> out;
    if (v == nullptr || !v->is_array())
        return out;
    for (const auto& item : v->get_array())
        if (item.is_string())
            out.emplace_back(item.get_string());
        else if (const auto* o = item.if_object())
            if (auto n = optional_string(*o, "name"))
                out.emplace_back(*n); // tags: [{name}]
    return out;
}

json::array to_json_array(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& s : items)
        out.emplace_back(json::string(s));
    return out;
}

} // namespace

model::ValueKind JsonValueView::kind() const noexcept {
    switch (v.kind()) {
    case json::kind::null:
        return model::ValueKind::null;
    case json::kind::bool_:
        return model::ValueKind::boolean;
    case json::kind::int64:
        return model::ValueKind::integer;
    case json::kind::uint64:
        return v.get_uint64() <=
                       static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                   ? model::ValueKind::integer
                   : model::ValueKind::real;
    case json::kind::double_:
        return model::ValueKind::real;
    case json::kind::string:
        return model::ValueKind::string;
    case json::kind::array:
        return model::ValueKind::list;
    case json::kind::object:
        return model::ValueKind::object;
    }
    return model::ValueKind::null;
}

std::size_t item_count(const JsonValueView& j) noexcept {
    if (const auto* a = j.v.if_array())
        return a->size();
    if (const auto* o = j.v.if_object())
        return o->size();
    return 0;
}

model::Value value_from_json(const json::value& v) {
    const JsonValueView j{v};
    switch (j.kind()) {
    case model::ValueKind::null:
        return {};
    case model::ValueKind::boolean:
        return model::Value(j.as_bool());
    case model::ValueKind::integer:
        return model::Value(j.as_int());
    case model::ValueKind::real:
        return model::Value(j.as_double());
    case model::ValueKind::string:
        return model::Value(j.as_string());
    case model::ValueKind::list: {
        model::List list;
        list.reserve(item_count(j));
        each_item(j, [&](const JsonValueView& item) { list.push_back(value_from_json(item.v)); });
        return model::Value(std::move(list));
    }
    case model::ValueKind::object: {
        model::Object obj;
        obj.reserve(item_count(j));
        each_member(j, [&](std::string_view key, const JsonValueView& value) {
            obj.push_back({std::string(key), value_from_json(value.v)});
        });
        return model::Value(std::move(obj));
    }
    }
    return {};
}

namespace {

// One writer for Values and ValueViews (model::each_item / each_member visit either).
template <typename V> json::value any_to_json(const V& v) {
    switch (v.kind()) {
    case model::ValueKind::null:
        return nullptr;
    case model::ValueKind::boolean:
        return v.as_bool();
    case model::ValueKind::integer:
        return v.as_int();
    case model::ValueKind::real:
        return v.as_double();
    case model::ValueKind::string:
        return json::string(v.as_string());
    case model::ValueKind::list: {
        json::array out;
        out.reserve(model::item_count(v));
        model::each_item(v, [&](const auto& item) { out.push_back(any_to_json(item)); });
        return out;
    }
    case model::ValueKind::object: {
        json::object out;
        model::each_member(
            v, [&](std::string_view key, const auto& value) { out[key] = any_to_json(value); });
        return out;
    }
    }
    return nullptr;
}

} // namespace

json::value value_to_json(const model::Value& v) {
    return any_to_json(v);
}

json::value value_to_json(const model::ValueView& v) {
    return any_to_json(v);
}

model::Expected<model::WorkspaceInfo, Error> workspace_from_json(const json::value& v) {
    auto o = as_object(v, "the workspace");
    if (!o)
        return unexpected(o.error());
    model::WorkspaceInfo w;
    auto id = required_oid(**o, "_id");
    if (!id)
        return unexpected(id.error());
    w.id = id->to_string();
    auto name = required_string(**o, "name");
    if (!name)
        return unexpected(name.error());
    w.name = std::string(*name);
    w.version = optional_int(**o, "_version");
    w.description = std::string(nullable_text(**o, "description").value_or(""));
    return w;
}

json::object workspace_to_json(const model::WorkspaceInfo& w) {
    json::object out;
    out["_id"] = w.id;
    out["_version"] = w.version;
    out["name"] = w.name;
    out["description"] = w.description;
    return out;
}

model::Expected<model::WorkspaceContext, Error> context_from_json(const json::value& v) {
    auto o = as_object(v, "the workspace context");
    if (!o)
        return unexpected(o.error());
    model::WorkspaceContext c;
    c.workspace_id = std::string(optional_string(**o, "rootWorkspace").value_or(""));
    if (const auto* types = (*o)->if_contains("componentTypes"); types && types->is_array()) {
        for (const auto& item : types->get_array()) {
            auto t = as_object(item, "a component type");
            if (!t)
                return unexpected(t.error());
            model::ComponentTypeDef def;
            auto type_id = required_string(**t, "typeId");
            auto name = required_string(**t, "name");
            if (!type_id || !name)
                return unexpected("component type: " + (type_id ? name.error() : type_id.error()));
            def.type_id = std::string(*type_id);
            def.name = std::string(*name);
            if (const auto* parent = (*t)->if_contains("parent")) {
                if (parent->is_string())
                    def.parent_type_id = std::string(parent->get_string());
                else if (parent->is_object())
                    def.parent_type_id =
                        std::string(optional_string(parent->get_object(), "typeId").value_or(""));
            }
            def.custom_fields = string_list((*t)->if_contains("customFields"));
            c.component_types.push_back(std::move(def));
        }
    }
    if (const auto* types = (*o)->if_contains("referenceTypes"); types && types->is_array()) {
        for (const auto& item : types->get_array()) {
            auto t = as_object(item, "a reference type");
            if (!t)
                return unexpected(t.error());
            model::ReferenceTypeDef def;
            const auto* type = (*t)->if_contains("type");
            auto type_value = type ? as_int(*type) : std::nullopt;
            auto name = required_string(**t, "name");
            if (!type_value)
                return unexpected(
                    std::string("reference type: \"type\" is missing or not an integer"));
            if (!name)
                return unexpected("reference type: " + name.error());
            def.type = *type_value;
            def.name = std::string(*name);
            def.custom_fields = string_list((*t)->if_contains("customFields"));
            c.reference_types.push_back(std::move(def));
        }
    }
    if (const auto* fields = (*o)->if_contains("customFields"); fields && fields->is_array()) {
        for (const auto& item : fields->get_array()) {
            auto f = as_object(item, "a custom field");
            if (!f)
                return unexpected(f.error());
            model::FieldDef def;
            auto key = required_string(**f, "apiKey");
            if (!key)
                return unexpected("custom field: " + key.error());
            def.api_key = std::string(*key);
            def.label = std::string(optional_string(**f, "label").value_or(*key));
            def.type_name = std::string(optional_string(**f, "type").value_or("Text"));
            def.type = model::parse_field_type(def.type_name);
            if (const auto* b = (*f)->if_contains("readOnly"); b && b->is_bool())
                def.read_only = b->get_bool();
            if (const auto* b = (*f)->if_contains("calculated"); b && b->is_bool())
                def.calculated = b->get_bool();
            def.options = string_list((*f)->if_contains("options"));
            if (const auto* d = (*f)->if_contains("defaultValue"))
                def.default_value = value_from_json(*d);
            def.description = std::string(optional_string(**f, "description").value_or(""));
            c.fields.push_back(std::move(def));
        }
    }
    c.tags = string_list((*o)->if_contains("tags"));
    return c;
}

json::object context_to_json(const model::WorkspaceContext& c) {
    json::object out;
    out["rootWorkspace"] = c.workspace_id;
    json::array types;
    for (const auto& t : c.component_types) {
        json::object o;
        o["typeId"] = t.type_id;
        o["name"] = t.name;
        if (!t.parent_type_id.empty()) {
            const auto* parent = c.component_type_by_id(t.parent_type_id);
            o["parent"] =
                json::object{{"typeId", t.parent_type_id}, {"name", parent ? parent->name : ""}};
        }
        o["customFields"] = to_json_array(t.custom_fields);
        types.push_back(std::move(o));
    }
    out["componentTypes"] = std::move(types);
    json::array refs;
    for (const auto& t : c.reference_types)
        refs.push_back(json::object{
            {"type", t.type}, {"name", t.name}, {"customFields", to_json_array(t.custom_fields)}});
    out["referenceTypes"] = std::move(refs);
    json::array fields;
    for (const auto& f : c.fields) {
        json::object o;
        o["apiKey"] = f.api_key;
        o["label"] = f.label;
        o["type"] = f.type_name.empty() ? std::string(model::field_type_name(f.type)) : f.type_name;
        o["readOnly"] = f.read_only;
        o["calculated"] = f.calculated;
        if (!f.options.empty())
            o["options"] = to_json_array(f.options);
        o["defaultValue"] = value_to_json(f.default_value);
        o["description"] = f.description;
        fields.push_back(std::move(o));
    }
    out["customFields"] = std::move(fields);
    json::array tags;
    for (const auto& t : c.tags)
        tags.push_back(json::object{{"name", t}});
    out["tags"] = std::move(tags);
    return out;
}

model::Expected<model::EntityIndex, Error> add_component_from_json(model::Snapshot& s,
                                                                   const json::value& v) {
    auto o = as_object(v, "the component");
    if (!o)
        return unexpected(o.error());
    const json::object& obj = **o;
    model::SnapshotComponent c;
    auto id = required_oid(obj, "_id");
    if (!id)
        return unexpected(id.error());
    c.id = *id;
    auto type_id = required_string(obj, "typeId");
    if (!type_id)
        return unexpected(type_id.error());
    c.type_id = *type_id;
    auto name = required_string(obj, "name");
    if (!name)
        return unexpected(name.error());
    c.name = *name;
    if (const auto* parent = obj.if_contains("parent"); parent && !parent->is_null()) {
        auto p = required_oid(obj, "parent");
        if (!p)
            return unexpected(p.error());
        c.parent = *p;
    }
    c.version = optional_int(obj, "_version");
    c.component_key = optional_string(obj, "componentKey").value_or("");
    c.description = nullable_text(obj, "description");
    c.last_updated = last_updated(obj);
    auto fields = custom_fields(s, obj);
    if (!fields)
        return unexpected(fields.error());
    c.custom_fields = std::move(*fields);
    return s.add_component(std::move(c));
}

model::Expected<model::EntityIndex, Error> add_reference_from_json(model::Snapshot& s,
                                                                   const json::value& v) {
    auto o = as_object(v, "the reference");
    if (!o)
        return unexpected(o.error());
    const json::object& obj = **o;
    model::SnapshotReference r;
    auto id = required_oid(obj, "_id");
    if (!id)
        return unexpected(id.error());
    r.id = *id;
    auto source = required_oid(obj, "source");
    if (!source)
        return unexpected(source.error());
    r.source = *source;
    auto target = required_oid(obj, "target");
    if (!target)
        return unexpected(target.error());
    r.target = *target;
    const auto* type = obj.if_contains("type");
    auto type_value = type ? as_int(*type) : std::nullopt;
    if (!type_value)
        return unexpected(std::string("\"type\" is missing or not an integer"));
    r.type = *type_value;
    r.version = optional_int(obj, "_version");
    r.display_text = nullable_text(obj, "displayText");
    r.description = nullable_text(obj, "description");
    r.last_updated = last_updated(obj);
    auto fields = custom_fields(s, obj);
    if (!fields)
        return unexpected(fields.error());
    r.custom_fields = std::move(*fields);
    return s.add_reference(std::move(r));
}

json::object component_to_json(const model::Snapshot& s, const model::SnapshotComponent& c) {
    json::object out;
    out["_id"] = c.id.to_string();
    out["_version"] = c.version;
    out["_meta"] = json::object{{"lastUpdated", c.last_updated}};
    out["name"] = c.name;
    out["rootWorkspace"] = s.workspace.id;
    out["typeId"] = c.type_id;
    if (const auto* type = s.context.component_type_by_id(c.type_id))
        out["type"] = type->name;
    out["parent"] = c.parent ? json::value(c.parent->to_string()) : json::value(nullptr);
    out["componentKey"] = c.component_key;
    out["description"] = text_or_null(c.description);
    out["customFields"] = custom_fields_to_json(s, c.custom_fields);
    return out;
}

json::object reference_to_json(const model::Snapshot& s, const model::SnapshotReference& r) {
    json::object out;
    out["_id"] = r.id.to_string();
    out["_version"] = r.version;
    out["_meta"] = json::object{{"lastUpdated", r.last_updated}};
    out["source"] = r.source.to_string();
    out["target"] = r.target.to_string();
    out["type"] = r.type;
    out["rootWorkspace"] = s.workspace.id;
    out["displayText"] = text_or_null(r.display_text);
    out["description"] = text_or_null(r.description);
    out["customFields"] = custom_fields_to_json(s, r.custom_fields);
    return out;
}

} // namespace ardoq::connectors
