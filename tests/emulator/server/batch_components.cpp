// Component creates, upserts and updates of a batch.
#include "api_error.hpp"
#include "batch_executor.hpp"
#include "field_checks.hpp"

namespace ardoq::emulator {

namespace {

std::string type_list(const Model& model) {
    std::string out;
    for (const auto& t : model.component_types)
        out += (out.empty() ? "" : ", ") + t.type_id + " (" + t.name + ")";
    return out.empty() ? "none" : out;
}

} // namespace

const Workspace& BatchExecutor::workspace_of(const std::optional<std::string>& id,
                                             const std::string& label) const {
    const Workspace* ws = m_store.workspace(*id);
    if (ws == nullptr)
        fail(422, "unknown_workspace", label,
             "body.rootWorkspace " + quoted(*id) + " is not an existing workspace",
             "list the workspaces with GET /api/v2/workspaces");
    return *ws;
}

void BatchExecutor::check_version(const VersionMatch& expected, std::int64_t actual,
                                  const std::string& what, const std::string& id,
                                  const std::string& label) const {
    if (!expected.latest && expected.version != actual)
        fail(409, "version_conflict", label,
             "ifVersionMatch " + std::to_string(expected.version) + " does not match _version " +
                 std::to_string(actual) + " of " + what + " " + id,
             "fetch the " + what + " again and retry with its current _version, or use \"latest\"");
}

void BatchExecutor::note_component_write(const std::string& id, const std::string& label) {
    auto [it, fresh] = m_written_components.emplace(id, label);
    if (!fresh && m_options.repeated_writes == RepeatedWrites::reject)
        fail(422, "repeated_write", label,
             "component " + id + " is already written by " + it->second + " in this request",
             "write each component once per request (or start the emulator with "
             "--repeated-writes allow)");
}

Component BatchExecutor::new_component(const ComponentOp& op, const Workspace& ws) {
    Component c;
    c.id = m_store.new_id();
    c.seq = m_store.next_seq();
    c.root_workspace = ws.id;
    c.type_id = *op.body.type_id;
    c.component_key = m_store.next_component_key(ws.id);
    c.meta = m_store.new_meta();
    return c;
}

void BatchExecutor::apply_component_body(Component& c, const ComponentBody& body,
                                         const std::string& label) {
    if (body.name)
        c.name = *body.name;
    if (body.description)
        c.description = *body.description;
    if (body.color)
        c.color = *body.color;
    if (body.shape)
        c.shape = *body.shape;
    if (body.icon)
        c.icon = *body.icon;
    if (body.image)
        c.image = *body.image;
    if (body.custom_fields) {
        const Workspace* ws = m_store.workspace(c.root_workspace);
        check_component_fields(m_store, m_options, *ws, c.type_id, *body.custom_fields, label,
                               "body.customFields.");
        merge_fields(c.custom_fields, *body.custom_fields);
    }
}

void BatchExecutor::set_parent(Component& c, const ComponentBody& body, const std::string& label,
                               json::object* expanded) {
    if (body.parent_null) {
        c.parent.clear();
        return;
    }
    if (!body.parent)
        return;
    std::string parent_id = component_ref(*body.parent, label, "body.parent");
    const Component* parent = m_store.component(parent_id);
    if (parent->root_workspace != c.root_workspace)
        fail(422, "parent_workspace", label,
             "body.parent " + quoted(*body.parent) + " is in workspace " + parent->root_workspace +
                 ", not in the component's workspace " + c.root_workspace,
             "a parent must belong to the same workspace");
    if (parent_id == c.id)
        fail(422, "parent_cycle", label, "body.parent names the component itself");
    c.parent = parent_id;
    // The expansion keeps batchIds and replaces aliases by OIDs.
    if (expanded != nullptr && !m_component_batch.count(*body.parent))
        (*expanded)["body"].as_object()["parent"] = parent_id;
}

void BatchExecutor::finish_update(Component& c, const Component& before) {
    if (m_options.version_bump == VersionBump::always || !same_content(c, before)) {
        c.version = before.version + 1;
        m_store.touch_meta(c.meta);
    }
}

void BatchExecutor::component_writes() {
    std::vector<PendingParent> pending;
    const auto& ops = m_request.components;
    pending.reserve(ops.create.size() + ops.upsert.size());

    for (const auto& op : ops.create) {
        const Workspace& ws = workspace_of(op.body.root_workspace, op.label);
        const Model* model = m_store.models.find(ws.model_id);
        if (model == nullptr || model->component_type(*op.body.type_id) == nullptr)
            fail(422, "unknown_type_id", op.label,
                 "body.typeId " + quoted(*op.body.type_id) +
                     " is not a component type of workspace " + quoted(ws.name),
                 "component types of this workspace: " + (model ? type_list(*model) : "none"));
        Component c = new_component(op, ws);
        apply_component_body(c, op.body, op.label);
        std::string id = c.id;
        m_store.put_component(std::move(c));
        note_component_write(id, op.label);
        if (op.batch_id)
            m_component_batch[*op.batch_id] = id;
        m_created_components.push_back({id, op.batch_id});
        m_x_component_create.push_back(op.raw);
        pending.push_back({id, &op, std::nullopt, nullptr});
    }

    for (const auto& op : ops.upsert) {
        const Workspace& ws = workspace_of(op.body.root_workspace, op.label);
        const Model* model = m_store.models.find(ws.model_id);
        if (model == nullptr || model->component_type(*op.body.type_id) == nullptr)
            fail(422, "unknown_type_id", op.label,
                 "body.typeId " + quoted(*op.body.type_id) +
                     " is not a component type of workspace " + quoted(ws.name),
                 "component types of this workspace: " + (model ? type_list(*model) : "none"));
        ComponentSet matches;
        std::string criterion;
        if (op.unique_by == UniqueBy::name) {
            matches = m_store.components_named(ws.id, *op.body.name, m_store.name_match());
            criterion = "name " + quoted(*op.body.name);
        } else {
            const json::value& value = *find(*op.body.custom_fields, op.unique_field);
            matches = m_store.components_with_field(ws.id, op.unique_field,
                                                    canonical(value).value_or(""));
            criterion = "customFields." + op.unique_field + " = " + json::serialize(value);
        }
        if (matches.size() > 1) {
            std::string ids;
            for (const auto& [seq, m] : matches)
                ids += (ids.empty() ? "" : ", ") + m->id;
            fail(422, "upsert_ambiguous", op.label,
                 "uniqueBy matches " + std::to_string(matches.size()) + " components with " +
                     criterion + " in workspace " + quoted(ws.name) + " (" + ids + ")",
                 "make the identifying values unique, e.g. by deleting the duplicates");
        }
        m_x_component_upsert.push_back(op.raw);
        if (matches.empty()) {
            Component c = new_component(op, ws);
            apply_component_body(c, op.body, op.label);
            std::string id = c.id;
            m_store.put_component(std::move(c));
            note_component_write(id, op.label);
            if (op.batch_id)
                m_component_batch[*op.batch_id] = id;
            m_created_components.push_back({id, op.batch_id});
            pending.push_back({id, &op, std::nullopt, nullptr});
            continue;
        }
        const Component& existing = *matches.begin()->second;
        if (existing.type_id != *op.body.type_id)
            fail(422, "type_mismatch", op.label,
                 "uniqueBy matches component " + existing.id + " of typeId " + existing.type_id +
                     "; an upsert cannot change its typeId to " + *op.body.type_id,
                 "send the component's current typeId, or delete it and create it again");
        Component before = existing;
        Component c = existing;
        note_component_write(c.id, op.label);
        apply_component_body(c, op.body, op.label);
        std::string id = c.id;
        m_store.put_component(std::move(c));
        if (op.batch_id)
            m_component_batch[*op.batch_id] = id;
        m_updated_components.push_back(id);
        pending.push_back({id, &op, std::move(before), nullptr});
    }

    // Parents: every batchId of the request is known now.
    std::size_t create_index = 0, upsert_index = 0;
    for (auto& p : pending) {
        bool is_create = create_index < ops.create.size() && p.op == &ops.create[create_index];
        json::object& expanded =
            is_create ? m_x_component_create[create_index++] : m_x_component_upsert[upsert_index++];
        Component c = *m_store.component(p.id);
        set_parent(c, p.op->body, p.op->label, &expanded);
        if (p.before)
            finish_update(c, *p.before);
        m_store.put_component(std::move(c));
    }

    for (const auto& op : ops.update) {
        std::string id = existing_component(op.id, op.label);
        note_component_write(id, op.label);
        const Component& stored = *m_store.component(id);
        check_version(op.if_version, stored.version, "component", id, op.label);
        Component before = stored;
        Component c = stored;
        json::object expanded = op.raw;
        expanded["id"] = id;
        apply_component_body(c, op.body, op.label);
        set_parent(c, op.body, op.label, &expanded);
        finish_update(c, before);
        m_store.put_component(std::move(c));
        m_updated_components.push_back(id);
        m_x_component_update.push_back(std::move(expanded));
    }
    check_parent_cycles();
}

void BatchExecutor::check_parent_cycles() const {
    std::size_t limit = m_store.component_count();
    for (const auto& [id, label] : m_written_components) {
        const Component* c = m_store.component(id);
        std::size_t steps = 0;
        for (const Component* p = c; p != nullptr && !p->parent.empty();
             p = m_store.component(p->parent)) {
            if (p->parent == id || ++steps > limit)
                fail(422, "parent_cycle", label,
                     "setting the parent of component " + id + " makes it its own ancestor",
                     "a component cannot be below itself in the hierarchy");
        }
    }
}

} // namespace ardoq::emulator
