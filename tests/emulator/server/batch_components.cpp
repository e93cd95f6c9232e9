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

void BatchExecutor::bump_version(Component& c, std::int64_t old_version, const Component& before) {
    if (m_options.version_bump == VersionBump::always || !same_content(c, before)) {
        c.version = old_version + 1;
        m_store.touch_meta(c.meta);
    }
}

void BatchExecutor::component_writes() {
    const auto& ops = m_request.components;
    std::vector<PendingParent> pending;
    if (m_expand) {
        m_x_component_create.reserve(ops.create.size());
        m_x_component_upsert.reserve(ops.upsert.size());
        m_x_component_update.reserve(ops.update.size());
    }
    auto check_type = [&](const ComponentOp& op, const Workspace& ws) {
        const Model* model = m_store.models.find(ws.model_id);
        if (model == nullptr || model->component_type(*op.body.type_id) == nullptr)
            fail(422, "unknown_type_id", op.label,
                 "body.typeId " + quoted(*op.body.type_id) +
                     " is not a component type of workspace " + quoted(ws.name),
                 "component types of this workspace: " + (model ? type_list(*model) : "none"));
    };
    // A new component; its parent (when it names one) is set once every batchId is known.
    auto create = [&](const ComponentOp& op, const Workspace& ws, json::object* x) {
        Component c = new_component(op, ws);
        apply_component_body(c, op.body, op.label);
        std::string id = c.id;
        m_store.put_component(std::move(c));
        note_component_write(id, op.label);
        if (op.batch_id)
            m_component_batch[*op.batch_id] = id;
        m_created_components.push_back({id, op.batch_id});
        if (op.body.parent)
            pending.push_back({id, &op, false, 0, std::nullopt, x});
    };

    for (const auto& op : ops.create) {
        const Workspace& ws = workspace_of(op.body.root_workspace, op.label);
        check_type(op, ws);
        create(op, ws, expanded(m_x_component_create, op.raw));
    }

    for (const auto& op : ops.upsert) {
        const Workspace& ws = workspace_of(op.body.root_workspace, op.label);
        check_type(op, ws);
        json::object* x = expanded(m_x_component_upsert, op.raw);
        std::string criterion;
        const ComponentSet* matches = nullptr;
        ComponentSet named;
        if (op.unique_by == UniqueBy::name) {
            named = m_store.components_named(ws.id, *op.body.name, m_store.name_match());
            matches = &named;
            criterion = "name " + quoted(*op.body.name);
        } else {
            const json::value& value = *find(*op.body.custom_fields, op.unique_field);
            matches = &m_store.components_with_field(ws.id, op.unique_field,
                                                     canonical(value).value_or(""));
            criterion = "customFields." + op.unique_field + " = " + json::serialize(value);
        }
        if (matches->size() > 1) {
            std::string ids;
            for (const auto& [seq, m] : *matches)
                ids += (ids.empty() ? "" : ", ") + m->id;
            fail(422, "upsert_ambiguous", op.label,
                 "uniqueBy matches " + std::to_string(matches->size()) + " components with " +
                     criterion + " in workspace " + quoted(ws.name) + " (" + ids + ")",
                 "make the identifying values unique, e.g. by deleting the duplicates");
        }
        if (matches->empty()) {
            create(op, ws, x);
            continue;
        }
        const Component& existing = *matches->begin()->second;
        if (existing.type_id != *op.body.type_id)
            fail(422, "type_mismatch", op.label,
                 "uniqueBy matches component " + existing.id + " of typeId " + existing.type_id +
                     "; an upsert cannot change its typeId to " + *op.body.type_id,
                 "send the component's current typeId, or delete it and create it again");
        std::string id = existing.id;
        note_component_write(id, op.label);
        Component c = existing;
        apply_component_body(c, op.body, op.label);
        if (op.body.parent_null)
            c.parent.clear();
        if (op.body.parent) {
            std::optional<Component> before;
            if (m_options.version_bump == VersionBump::on_change)
                before = existing;
            pending.push_back({id, &op, true, existing.version, std::move(before), x});
        } else {
            bump_version(c, existing.version, existing);
        }
        m_store.put_component(std::move(c)); // `existing` is overwritten here
        if (op.batch_id)
            m_component_batch[*op.batch_id] = id;
        m_updated_components.push_back(id);
    }

    // Parents: every batchId of the request is known now.
    for (auto& p : pending) {
        if (!p.updated) {
            // Created by this request: only the parent changes, set in place (a copy of
            // the whole component, put back, cost more than the rest of the create).
            const Component& stored = *m_store.component(p.id);
            Component where; // what set_parent reads
            where.id = stored.id;
            where.root_workspace = stored.root_workspace;
            where.parent = stored.parent;
            set_parent(where, p.op->body, p.op->label, p.expanded);
            m_store.set_component_parent(p.id, std::move(where.parent));
            continue;
        }
        Component c = *m_store.component(p.id);
        set_parent(c, p.op->body, p.op->label, p.expanded);
        if (p.updated)
            bump_version(c, p.old_version, p.before ? *p.before : c);
        m_store.put_component(std::move(c));
    }

    for (const auto& op : ops.update) {
        std::string id = existing_component(op.id, op.label);
        note_component_write(id, op.label);
        const Component& stored = *m_store.component(id);
        check_version(op.if_version, stored.version, "component", id, op.label);
        json::object* x = expanded(m_x_component_update, op.raw);
        if (x != nullptr)
            (*x)["id"] = id;
        Component c = stored;
        apply_component_body(c, op.body, op.label);
        set_parent(c, op.body, op.label, x);
        bump_version(c, stored.version, stored);
        m_store.put_component(std::move(c));
        m_updated_components.push_back(id);
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
