// Component operations of the file: target's batch applier (see batch_applier.hpp).

#include "connectors/file/batch_state.hpp"

#include <algorithm>

namespace ardoq::connectors::batch {

namespace {

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

// A parent written as a batchId may name a component created later in the same request,
// so parents of created and upserted components are resolved after all of them exist.
struct PendingParent {
    model::Oid child;
    json::value parent;
    std::string where;
};

void apply_body(State& st, model::SnapshotComponent& c, const json::object& body, bool full,
                const std::string& where, std::vector<PendingParent>* pending) {
    check_keys(body,
               {"name", "rootWorkspace", "typeId", "parent", "description", "customFields", "color",
                "shape", "icon", "image", "type", "componentKey", "_id", "_version", "_meta"},
               where);
    const auto& ws = st.snap.workspace.id;
    if (full || body.contains("rootWorkspace")) {
        auto root = string_at(body, "rootWorkspace", where);
        if (root != ws)
            fail(422, where + ".rootWorkspace: " + quoted(root) +
                          (full ? " is not the workspace of this target (" + quoted(ws) + ")"
                                : ": a component's workspace cannot be changed"));
    }
    if (full || body.contains("typeId")) {
        auto type_id = string_at(body, "typeId", where);
        if (st.snap.context.component_type_by_id(type_id) == nullptr)
            fail(422, where + ".typeId: unknown component type " + quoted(type_id) +
                          " in workspace " + quoted(ws));
        if (!full && type_id != c.type_id)
            fail(422, where + ".typeId: a component's type cannot be changed (it is " +
                          quoted(c.type_id) + ")");
        c.type_id = st.snap.intern(type_id);
    }
    if (full || body.contains("name")) {
        auto name = string_at(body, "name", where);
        if (name.empty())
            fail(422, where + ".name: must not be empty");
        c.name = st.snap.store(name);
    }
    if (const auto* parent = body.if_contains("parent")) {
        if (pending != nullptr)
            pending->push_back({c.id, *parent, where + ".parent"});
        else if (parent->is_null())
            c.parent.reset();
        else
            c.parent = st.component_ref(*parent, where + ".parent");
    }
    if (body.contains("description")) {
        auto text = optional_text(body, "description", where);
        c.description = text ? std::optional(st.snap.store(*text)) : std::nullopt;
    }
    if (const auto* fields = body.if_contains("customFields"))
        merge_fields(st, c.custom_fields, *fields, where);
    c.last_updated = st.snap.store(st.clock.now);
}

// Components in the workspace that an upsert's uniqueBy selects.
std::vector<model::Oid> upsert_matches(State& st, const json::object& op, const json::object& body,
                                       const std::string& where) {
    const auto* unique_by = op.if_contains("uniqueBy");
    if (unique_by == nullptr || !unique_by->is_array())
        fail(400, where + ".uniqueBy: required, an array such as [\"customFields.external_id\", "
                          "\"rootWorkspace\"]");
    std::vector<std::string_view> keys;
    for (const auto& k : unique_by->get_array()) {
        if (!k.is_string())
            fail(400, where + ".uniqueBy: expected strings");
        keys.emplace_back(k.get_string());
    }
    std::sort(keys.begin(), keys.end());
    std::string_view field;
    bool by_name = keys == std::vector<std::string_view>{"name", "rootWorkspace"};
    if (!by_name && keys.size() == 2 && keys[1] == "rootWorkspace")
        field = custom_field_name(keys[0]);
    if (!by_name && field.empty())
        fail(400,
             where +
                 ".uniqueBy: expected [\"customFields.<field>\", \"rootWorkspace\"] or [\"name\", "
                 "\"rootWorkspace\"] (in any order)");

    std::vector<model::Oid> out;
    if (by_name) {
        auto name = string_at(body, "name", where + ".body");
        for (const auto& c : st.snap.components())
            if (c.name == name && st.component(c.id) != nullptr)
                out.push_back(c.id);
        return out;
    }
    const json::value* wanted = nullptr;
    if (const auto* fields = body.if_contains("customFields"); fields && fields->is_object())
        wanted = fields->get_object().if_contains(field);
    if (wanted == nullptr || wanted->is_null())
        fail(400, where + ".body.customFields." + std::string(field) + ": required by uniqueBy");
    auto key = st.snap.find_field(field);
    if (!key)
        return out;
    for (const auto& c : st.snap.components())
        if (same_field_value(model::Snapshot::field_value(c.custom_fields, *key), *wanted) &&
            st.component(c.id) != nullptr)
            out.push_back(c.id);
    return out;
}

std::string batch_id_of(const json::object& op) {
    const auto* b = op.if_contains("batchId");
    return b != nullptr && b->is_string() ? std::string(b->get_string()) : std::string();
}

void create(State& st, const json::object& op, const json::object& body, const std::string& where,
            std::vector<PendingParent>& pending) {
    model::SnapshotComponent c;
    c.id = st.new_oid();
    c.version = 1;
    apply_body(st, c, body, true, where + ".body", &pending);
    c.component_key = st.new_component_key();
    auto id = c.id;
    st.component_at.emplace(id, st.snap.adopt_component(std::move(c)));
    st.touched_components.insert(id);
    st.register_batch_id(Kind::component, op, id, where);
    st.created[0].push_back({id, batch_id_of(op)});
}

void check_no_cycles(State& st) {
    for (const auto& id : st.touched_components) {
        const auto* c = st.component(id);
        std::size_t steps = 0;
        while (c != nullptr && c->parent) {
            if (*c->parent == id || ++steps > st.snap.components().size())
                fail(422, "components: making " + quoted(id.to_string()) +
                              " a descendant of itself (a parent cycle)");
            c = st.component(*c->parent);
        }
    }
}

} // namespace

void create_or_upsert_components(State& st, const json::object& ops) {
    std::vector<PendingParent> pending;
    const auto& creates = ops_array(ops, "create", "components");
    for (std::size_t i = 0; i < creates.size(); ++i) {
        const std::string where = "components.create[" + std::to_string(i) + "]";
        const auto& op = object_at(creates[i], where);
        check_keys(op, {"batchId", "body"}, where);
        if (!op.contains("body"))
            fail(400, where + ": \"body\" is required");
        create(st, op, object_at(op.at("body"), where + ".body"), where, pending);
    }
    const auto& upserts = ops_array(ops, "upsert", "components");
    for (std::size_t i = 0; i < upserts.size(); ++i) {
        const std::string where = "components.upsert[" + std::to_string(i) + "]";
        const auto& op = object_at(upserts[i], where);
        check_keys(op, {"batchId", "uniqueBy", "body"}, where);
        if (!op.contains("body"))
            fail(400, where + ": \"body\" is required");
        const auto& body = object_at(op.at("body"), where + ".body");
        auto matches = upsert_matches(st, op, body, where);
        if (matches.empty()) {
            create(st, op, body, where, pending);
            continue;
        }
        if (matches.size() > 1) {
            std::string ids;
            for (const auto& m : matches)
                ids += (ids.empty() ? "" : ", ") + m.to_string();
            fail(422, where + ".uniqueBy: matches " + std::to_string(matches.size()) +
                          " components (" + ids + ")");
        }
        auto* c = st.component(matches.front());
        auto type_id = string_at(body, "typeId", where + ".body");
        if (type_id != c->type_id)
            fail(422, where + ".body.typeId: the matched component " + quoted(c->id.to_string()) +
                          " has type " + quoted(c->type_id) +
                          "; a component's type cannot be changed");
        apply_body(st, *c, body, true, where + ".body", &pending);
        ++c->version;
        st.touched_components.insert(c->id);
        st.register_batch_id(Kind::component, op, c->id, where);
        st.updated[0].push_back({c->id, batch_id_of(op)});
    }
    for (const auto& p : pending) {
        auto* c = st.component(p.child);
        if (p.parent.is_null())
            c->parent.reset();
        else
            c->parent = st.component_ref(p.parent, p.where);
    }
    check_no_cycles(st);
}

void update_components(State& st, const json::object& ops) {
    const auto& updates = ops_array(ops, "update", "components");
    for (std::size_t i = 0; i < updates.size(); ++i) {
        const std::string where = "components.update[" + std::to_string(i) + "]";
        const auto& op = object_at(updates[i], where);
        check_keys(op, {"id", "ifVersionMatch", "body"}, where);
        auto id_text = string_at(op, "id", where);
        auto id = model::Oid::parse(id_text);
        auto* c = id ? st.component(*id) : nullptr;
        if (c == nullptr)
            fail(404, where + ".id: component " + quoted(id_text) + " not found");
        check_version(op, c->version, where);
        if (!op.contains("body"))
            fail(400, where + ": \"body\" is required");
        apply_body(st, *c, object_at(op.at("body"), where + ".body"), false, where + ".body",
                   nullptr);
        ++c->version;
        st.touched_components.insert(c->id);
        st.updated[0].push_back({c->id, {}});
    }
    check_no_cycles(st);
}

namespace {

bool component_matches(State& st, const model::SnapshotComponent& c, const json::object& match,
                       const std::string& where) {
    for (const auto& kv : match) {
        std::string_view key = kv.key();
        const auto& v = kv.value();
        auto text = [&]() -> std::string_view {
            if (!v.is_string())
                fail(400, where + ".match." + std::string(key) + ": expected a string");
            return v.get_string();
        };
        if (key == "rootWorkspace") {
            if (text() != st.snap.workspace.id)
                return false;
        } else if (key == "typeId") {
            if (text() != c.type_id)
                return false;
        } else if (key == "name") {
            if (text() != c.name)
                return false;
        } else if (key == "componentKey") {
            if (text() != c.component_key)
                return false;
        } else if (auto matched = match_custom_field(st, c.custom_fields, key, v, where)) {
            if (!*matched)
                return false;
        } else {
            fail(400, where + ".match: unknown key " + quoted(key) +
                          " (use rootWorkspace, typeId, name, componentKey or customFields)");
        }
    }
    return true;
}

// Components a delete-by-match must leave alone: those created, updated or upserted in
// the request, all their ancestors, and the endpoints of references written in it.
OidSet dependencies(State& st) {
    OidSet out;
    for (const auto& id : st.touched_components)
        for (const auto* c = st.component(id); c != nullptr && out.insert(c->id).second;)
            c = c->parent ? st.component(*c->parent) : nullptr;
    for (const auto& id : st.touched_references)
        if (const auto* r = st.reference(id)) {
            out.insert(r->source);
            out.insert(r->target);
        }
    return out;
}

} // namespace

void delete_components(State& st, const json::object& ops) {
    const auto& deletes = ops_array(ops, "delete", "components");
    if (deletes.empty())
        return;
    const OidSet protected_ids = dependencies(st);
    for (std::size_t i = 0; i < deletes.size(); ++i) {
        const std::string where = "components.delete[" + std::to_string(i) + "]";
        const auto& op = object_at(deletes[i], where);
        check_keys(op, {"id", "match"}, where);
        if (op.contains("id") == op.contains("match"))
            fail(400, where + ": give either \"id\" or \"match\"");
        if (op.contains("id")) {
            auto id_text = string_at(op, "id", where);
            auto id = model::Oid::parse(id_text);
            if (!id || st.component(*id) == nullptr)
                fail(404, where + ".id: component " + quoted(id_text) + " not found");
            st.deleted_components.insert(*id);
            st.deleted[0].push_back({*id, {}});
            continue;
        }
        const auto& match = object_at(op.at("match"), where + ".match");
        if (match.empty())
            fail(400, where + ".match: must name at least one field");
        for (const auto& c : st.snap.components())
            if (st.component(c.id) != nullptr && protected_ids.count(c.id) == 0 &&
                component_matches(st, c, match, where)) {
                st.deleted_components.insert(c.id);
                st.deleted[0].push_back({c.id, {}});
            }
    }
    for (const auto& c : st.snap.components())
        if (c.parent && st.deleted_components.count(*c.parent) > 0 && st.component(c.id) != nullptr)
            fail(422, "components.delete: component " + quoted(c.parent->to_string()) +
                          " still has the child " + quoted(c.id.to_string()) + " (" +
                          quoted(c.name) + "); delete its children in the same request");
    // Deleting a component deletes its references.
    for (const auto& r : st.snap.references())
        if (st.deleted_components.count(r.source) > 0 || st.deleted_components.count(r.target) > 0)
            st.deleted_references.insert(r.id);
}

} // namespace ardoq::connectors::batch
