#include "connectors/file/batch_applier.hpp"

#include "connectors/ardoq/json_model.hpp"
#include "connectors/file/batch_state.hpp"

#include <algorithm>
#include <charconv>

namespace ardoq::connectors {

namespace batch {

namespace {

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

// The prefix and next number of Ardoq-style component keys ("APP-12") in the snapshot.
void scan_component_keys(const model::Snapshot& s, std::string& prefix, std::int64_t& next) {
    std::unordered_map<std::string_view, std::size_t> prefixes;
    for (const auto& c : s.components()) {
        auto dash = c.component_key.rfind('-');
        if (dash == std::string_view::npos)
            continue;
        std::int64_t n = 0;
        auto digits = c.component_key.substr(dash + 1);
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (ec != std::errc{} || end != digits.data() + digits.size())
            continue;
        ++prefixes[c.component_key.substr(0, dash)];
        next = std::max(next, n + 1);
    }
    std::size_t best = 0;
    for (const auto& [p, count] : prefixes)
        if (count > best || (count == best && std::string(p) < prefix)) {
            best = count;
            prefix = std::string(p);
        }
    if (prefix.empty())
        prefix = "CMP";
}

} // namespace

State::State(model::Snapshot& s, BatchClock& c) : snap(s), clock(c) {
    for (model::EntityIndex i = 0; i < snap.components().size(); ++i)
        component_at.emplace(snap.components()[i].id, i);
    for (model::EntityIndex i = 0; i < snap.references().size(); ++i)
        reference_at.emplace(snap.references()[i].id, i);
    scan_component_keys(snap, key_prefix, next_key);
}

model::SnapshotComponent* State::component(const model::Oid& id) {
    auto it = component_at.find(id);
    if (it == component_at.end() || deleted_components.count(id) > 0)
        return nullptr;
    return &snap.components()[it->second];
}

model::SnapshotReference* State::reference(const model::Oid& id) {
    auto it = reference_at.find(id);
    if (it == reference_at.end() || deleted_references.count(id) > 0)
        return nullptr;
    return &snap.references()[it->second];
}

model::Oid State::new_oid() {
    while (true) {
        auto id = clock.oids.next();
        if (component_at.count(id) == 0 && reference_at.count(id) == 0)
            return id;
    }
}

std::string_view State::new_component_key() {
    return snap.store(key_prefix + "-" + std::to_string(next_key++));
}

model::Oid State::component_ref(const json::value& v, const std::string& where) {
    if (!v.is_string())
        fail(400, where + ": expected a component id or a batchId (a string)");
    std::string_view text = v.get_string();
    if (auto it = component_batch_ids.find(std::string(text)); it != component_batch_ids.end())
        return it->second;
    auto oid = model::Oid::parse(text);
    if (!oid)
        fail(422, where + ": " + quoted(text) +
                      " is neither a batchId of this request nor a component id");
    if (component(*oid) == nullptr)
        fail(422, where + ": component " + quoted(text) + " does not exist in workspace " +
                      quoted(snap.workspace.id));
    return *oid;
}

void State::register_batch_id(Kind kind, const json::object& op, const model::Oid& id,
                              const std::string& where) {
    const auto* b = op.if_contains("batchId");
    if (b == nullptr || b->is_null())
        return;
    if (!b->is_string() || b->get_string().empty())
        fail(400, where + ".batchId: expected a non-empty string");
    auto& ids = kind == Kind::component ? component_batch_ids : reference_batch_ids;
    if (!ids.emplace(std::string(b->get_string()), id).second)
        fail(400,
             where + ".batchId: " + quoted(b->get_string()) + " is used twice in this request");
}

const json::object& object_at(const json::value& v, const std::string& where) {
    if (!v.is_object())
        fail(400, where + ": expected an object");
    return v.get_object();
}

const json::array& ops_array(const json::object& ops, std::string_view name,
                             const std::string& where) {
    static const json::array k_empty;
    const auto* v = ops.if_contains(name);
    if (v == nullptr || v->is_null())
        return k_empty;
    if (!v->is_array())
        fail(400, where + "." + std::string(name) + ": expected an array");
    return v->get_array();
}

std::string_view string_at(const json::object& o, std::string_view key, const std::string& where) {
    const auto* v = o.if_contains(key);
    if (v == nullptr)
        fail(400, where + ": " + quoted(key) + " is required");
    if (!v->is_string())
        fail(400, where + "." + std::string(key) + ": expected a string");
    return v->get_string();
}

std::optional<std::string_view> optional_text(const json::object& o, std::string_view key,
                                              const std::string& where) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null())
        return std::nullopt;
    if (!v->is_string())
        fail(400, where + "." + std::string(key) + ": expected a string or null");
    return std::string_view(v->get_string());
}

void check_keys(const json::object& o, std::initializer_list<std::string_view> allowed,
                const std::string& where) {
    for (const auto& kv : o)
        if (std::find(allowed.begin(), allowed.end(), std::string_view(kv.key())) == allowed.end())
            fail(400, where + ": unknown key " + quoted(kv.key()));
}

void check_version(const json::object& op, std::int64_t current, const std::string& where) {
    const auto* v = op.if_contains("ifVersionMatch");
    if (v == nullptr)
        fail(400, where + ": \"ifVersionMatch\" is required (an integer version or \"latest\")");
    if (v->is_string() && v->get_string() == "latest")
        return;
    if (!v->is_int64() || v->get_int64() < 1)
        fail(400, where + ".ifVersionMatch: expected an integer >= 1 or \"latest\"");
    if (v->get_int64() != current)
        fail(409, where + ".ifVersionMatch: version " + std::to_string(v->get_int64()) +
                      " does not match the current version " + std::to_string(current));
}

void merge_fields(State& st, model::CustomFields& fields, const json::value& v,
                  const std::string& where) {
    if (v.is_null())
        return;
    if (!v.is_object())
        fail(400, where + ".customFields: expected an object");
    std::vector<model::CustomFieldValue> merged;
    for (const auto& f : fields)
        merged.push_back({f.key, f.value.to_value()});
    for (const auto& kv : v.get_object()) {
        if (!st.snap.context.fields.empty() && st.snap.context.field(kv.key()) == nullptr)
            fail(422, where + ".customFields." + std::string(kv.key()) +
                          ": unknown custom field in workspace " + quoted(st.snap.workspace.id));
        auto key = st.snap.intern_field(kv.key());
        auto it = std::lower_bound(
            merged.begin(), merged.end(), key,
            [](const model::CustomFieldValue& f, model::FieldKey k) { return f.key < k; });
        if (it != merged.end() && it->key == key)
            it->value = value_from_json(kv.value());
        else
            merged.insert(it, {key, value_from_json(kv.value())});
    }
    fields.clear();
    for (const auto& f : merged)
        fields.push_back(f);
}

bool same_field_value(const std::optional<model::ValueView>& a, const json::value& b) {
    if (!a || a->is_null() || b.is_null())
        return false;
    return a->to_text() == value_from_json(b).to_text();
}

std::string_view custom_field_name(std::string_view key) {
    constexpr std::string_view prefix = "customFields.";
    return key.starts_with(prefix) && key.size() > prefix.size() ? key.substr(prefix.size())
                                                                 : std::string_view{};
}

std::optional<bool> match_custom_field(const State& st, const model::CustomFields& fields,
                                       std::string_view key, const json::value& v,
                                       const std::string& where) {
    std::string_view name;
    const json::value* wanted = &v;
    if (key == "customFields") {
        if (!v.is_object() || v.get_object().size() != 1)
            fail(400, where + ".match.customFields: expected an object with exactly one field");
        const auto& only = *v.get_object().begin();
        name = only.key();
        wanted = &only.value();
    } else {
        name = custom_field_name(key);
        if (name.empty())
            return std::nullopt;
    }
    auto fk = st.snap.find_field(name);
    return fk && same_field_value(model::Snapshot::field_value(fields, *fk), *wanted);
}

namespace {

bool has_ops(const json::object& ops, std::string_view name) {
    const auto* v = ops.if_contains(name);
    return v != nullptr && v->is_array() && !v->get_array().empty();
}

const json::object* section(const json::object& request, std::string_view kind) {
    const auto* v = request.if_contains(kind);
    if (v == nullptr || v->is_null())
        return nullptr;
    if (!v->is_object())
        fail(400, std::string(kind) + ": expected an object");
    const auto& ops = v->get_object();
    check_keys(ops, {"create", "upsert", "update", "delete"}, std::string(kind));
    if (has_ops(ops, "upsert") &&
        (has_ops(ops, "create") || has_ops(ops, "update") || has_ops(ops, "delete")))
        fail(400,
             std::string(kind) +
                 ": upsert operations may not be mixed with create, update or delete operations "
                 "on " +
                 std::string(kind) + " in one request");
    return &ops;
}

json::array outcomes_to_json(State& st, Kind kind, const std::vector<Outcome>& list,
                             bool with_body) {
    json::array out;
    for (const auto& o : list) {
        json::object item;
        item["id"] = o.id.to_string();
        if (!o.batch_id.empty())
            item["batchId"] = o.batch_id;
        if (with_body && st.with_entities) {
            if (kind == Kind::component) {
                if (const auto* c = st.component(o.id))
                    item["body"] = component_to_json(st.snap, *c);
            } else if (const auto* r = st.reference(o.id)) {
                item["body"] = reference_to_json(st.snap, *r);
            }
        }
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace

} // namespace batch

model::Expected<boost::json::object, BatchError>
apply_batch(model::Snapshot& snapshot, const boost::json::object& request, BatchClock& clock) {
    using namespace batch;
    try {
        check_keys(request, {"options", "aliases", "components", "references"}, "request");
        if (const auto* aliases = request.if_contains("aliases");
            aliases &&
            !(aliases->is_null() || (aliases->is_object() && aliases->get_object().empty())))
            fail(400, "aliases: not supported by the file: target; name entities by id or batchId");
        State st(snapshot, clock);
        if (const auto* options = request.if_contains("options"); options && options->is_object())
            if (const auto* r = options->get_object().if_contains("respondWithEntities");
                r && r->is_bool())
                st.with_entities = r->get_bool();
        const auto* components = section(request, "components");
        const auto* references = section(request, "references");

        if (components) {
            create_or_upsert_components(st, *components);
            update_components(st, *components);
        }
        if (references) {
            create_or_upsert_references(st, *references);
            update_references(st, *references);
            delete_references(st, *references);
        }
        if (components)
            delete_components(st, *components);

        // Bodies are rendered before the deleted entities leave the snapshot.
        json::object response;
        for (Kind kind : {Kind::component, Kind::reference}) {
            auto k = static_cast<std::size_t>(kind);
            json::object part;
            part["created"] = outcomes_to_json(st, kind, st.created[k], true);
            part["updated"] = outcomes_to_json(st, kind, st.updated[k], true);
            part["deleted"] = outcomes_to_json(st, kind, st.deleted[k], false);
            response[kind == Kind::component ? "components" : "references"] = std::move(part);
        }
        snapshot.remove_references({st.deleted_references.begin(), st.deleted_references.end()});
        snapshot.remove_components({st.deleted_components.begin(), st.deleted_components.end()});
        snapshot.reindex();
        return response;
    } catch (const Failure& f) {
        return model::unexpected(f.error);
    }
}

} // namespace ardoq::connectors
