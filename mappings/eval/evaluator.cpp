#include "mappings/evaluate.hpp"

#include "mappings/eval/dedupe.hpp"
#include "mappings/eval/origin.hpp"
#include "mappings/expr/eval.hpp"
#include "mappings/text/suggest.hpp"
#include "model/errors.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

namespace ardoq::mapping {

namespace {

using expr::EvalContext;
using expr::EvalFailure;
using expr::FieldResolver;
using model::ChunkedVector;
using model::DesiredComponent;
using model::DesiredReference;
using model::Record;
using model::Value;

// The field names an expression reads, for hints: "id", "owner.email".
void collect_fields(const expr::Node& n, std::vector<std::string>& out) {
    if (n.kind == expr::NodeKind::field && std::find(out.begin(), out.end(), n.text) == out.end())
        out.push_back(n.text);
    for (const auto& c : n.children)
        collect_fields(c, out);
}

// Appends a key or name template; false when no part that comes from the record gave
// any text ("app-{{ id }}" with an empty id would make every such record "app-").
bool append_from_record(const expr::Node& n, const EvalContext& ctx, std::string& out) {
    bool from_record = false;
    if (n.kind == expr::NodeKind::concat) {
        for (const auto& part : n.children) {
            const std::size_t before = out.size();
            expr::append_text(part, ctx, out);
            from_record =
                from_record || (part.kind != expr::NodeKind::literal && out.size() > before);
        }
    } else {
        const std::size_t before = out.size();
        expr::append_text(n, ctx, out);
        from_record = out.size() > before;
    }
    return from_record;
}

// The failure for a key or name that came out empty, with the fields it reads.
EvalFailure empty_identity(const expr::Node& n, std::string_view what) {
    std::vector<std::string> fields;
    collect_fields(n, fields);
    std::string hint;
    if (!fields.empty()) {
        std::string list;
        for (const auto& f : fields)
            list += (list.empty() ? "" : ", ") + f;
        hint = "it is made from " + list + (fields.size() == 1 ? ", which is" : ", which are") +
               " empty here; skip such records with when: \"" + fields.front() + " is not empty\"";
    }
    return EvalFailure{&n, "the " + std::string(what) + " is empty", hint};
}

void append_identity(const expr::Node& n, const EvalContext& ctx, std::string& out,
                     std::string_view what) {
    if (!append_from_record(n, ctx, out))
        throw empty_identity(n, what);
}

class Evaluator {
public:
    Evaluator(const Mapping& m, const model::SourceOpener& open, model::Diagnostics& diags,
              const std::atomic<bool>* stop)
        : m_map(m),
          m_open(open),
          m_diags(diags),
          m_stop(stop),
          m_tables(m.lookups.size()),
          m_components(m.components.size()),
          m_references(m.references.size()),
          m_buffered(m.sources.size()),
          m_seen(m.sources.size(), 0) {
        for (const auto& r : m.components) {
            m_component_fields.emplace_back(*r.paths);
            m_component_field_ids.push_back(name_ids(r.fields));
            m_component_types.push_back({r.type, r.parent ? r.parent->type : std::string()});
        }
        for (const auto& r : m.references) {
            m_reference_fields.emplace_back(*r.paths);
            m_reference_field_ids.push_back(name_ids(r.fields));
            m_reference_types.push_back({r.type, r.source.type, r.target.type});
        }
        for (const auto& l : m.lookups)
            m_lookup_fields.emplace_back(l.fields);
    }

    model::DesiredState run() {
        std::vector<bool> feeds_rules(m_map.sources.size(), false);
        std::vector<bool> joined(m_map.sources.size(), false);
        for (const auto& r : m_map.components)
            feeds_rules[r.from] = true;
        for (const auto& r : m_map.references)
            feeds_rules[r.from] = true;
        for (const auto& l : m_map.lookups)
            joined[l.source] = true;

        // Joined sources first, so that every index is complete before a rule runs.
        for (std::size_t s = 0; s < m_map.sources.size(); ++s)
            if (joined[s])
                read_source(s, m_diags, [&](const Record& r) {
                    index_record(s, r);
                    if (feeds_rules[s])
                        m_buffered[s].push_back(r);
                });
        // Opened here, in source order, so that openers need not be thread-safe and see the
        // sources in the same order as when they are read one after the other.
        std::vector<std::unique_ptr<RuleSource>> tasks;
        for (std::size_t s = 0; s < m_map.sources.size(); ++s) {
            if (!feeds_rules[s])
                continue;
            auto& t = *tasks.emplace_back(std::make_unique<RuleSource>(s, m_diags.cap()));
            t.buffered = joined[s];
            if (!joined[s])
                t.opened = open_source(s, t.diags);
        }
        run_rule_sources(tasks);
        for (auto& t : tasks) {
            t->opened.reset();
            m_diags.append(std::move(t->diags));
            if (t->failure)
                std::rethrow_exception(t->failure);
        }
        report_unknown_fields();
        return collect();
    }

private:
    // The rule outputs of a run of records: per rule of the mapping (only the rules of the
    // source at hand get entities).
    struct Outputs {
        std::vector<ChunkedVector<DesiredComponent>> components;
        std::vector<ChunkedVector<DesiredReference>> references;
    };
    // A thread's own field resolvers, per rule (they cache per Schema, so are not shared).
    struct Resolvers {
        std::vector<FieldResolver> components;
        std::vector<FieldResolver> references;
    };

    // A batch of records of one source evaluated by one thread, waiting to be committed in
    // batch order: its entities, then what evaluating them and reading them reported.
    struct Batch {
        Outputs out;
        model::Diagnostics diags;
    };

    // Shared by the threads that read one opened source in batches.
    struct BatchState {
        std::mutex read_mutex; // guards the source and the fields below it
        bool exhausted = false;
        std::size_t next_batch = 0;
        std::mutex commit_mutex; // guards the fields below it
        std::size_t next_commit = 0;
        std::map<std::size_t, Batch> pending;
        std::size_t last_lane_batch = 0; // highest batch number whose resolvers were merged
        std::size_t failed_batch = 0;    // the batch of RuleSource::failure, when set
        bool merged_any = false;
    };

    // A source that rules read, with what reading it reported.
    struct RuleSource {
        RuleSource(std::size_t s, std::size_t cap) : source(s), diags(cap) {}
        std::size_t source;
        bool buffered = false; // a joined source: its records are in m_buffered
        std::unique_ptr<model::RecordSource> opened; // null: buffered or not opened
        model::Diagnostics diags;                    // merged into m_diags in source order
        std::exception_ptr failure; // anything but an InputError, rethrown in source order
        std::unique_ptr<BatchState> batches = std::make_unique<BatchState>();
        std::atomic<bool> claimed{false}; // a buffered source is evaluated by one thread
    };

    // Records per batch: large enough that taking the read lock and committing are rare,
    // small enough that the batches in flight stay a few MB.
    static constexpr std::size_t k_batch = 2048;

    // The sources that rules read are independent once the lookups are indexed: each one
    // writes only its own rules' outputs and field resolvers, and its own diagnostics. Each
    // thread (one per core) goes through the sources in order; the records of an opened
    // source are read in batches, one thread at a time, and evaluated on every thread at
    // once; each batch's entities and diagnostics are committed in batch order. So a
    // single large file keeps every core busy, and the result is the same as reading the
    // sources one record after the other.
    void run_rule_sources(std::vector<std::unique_ptr<RuleSource>>& tasks) {
        auto work = [&] {
            for (auto& t : tasks)
                run_rules_on(*t);
        };
        const std::size_t threads = std::max(1U, std::thread::hardware_concurrency());
        std::vector<std::jthread> helpers;
        try {
            for (std::size_t i = 1; i < threads; ++i)
                helpers.emplace_back(work);
        } catch (const std::system_error&) {
            // No thread to be had: the threads there are (this one at least) do the rest.
        }
        work();
    }

    void run_rules_on(RuleSource& t) {
        const std::size_t s = t.source;
        if (!t.buffered) {
            run_batches(t);
            return;
        }
        if (t.claimed.exchange(true))
            return;
        try {
            for (const auto& r : m_buffered[s])
                apply_rules(s, r, m_component_fields, m_reference_fields, m_components,
                            m_references, t.diags);
        } catch (...) {
            t.failure = std::current_exception();
        }
        std::vector<Record>().swap(m_buffered[s]);
    }

    // This thread's part of reading and evaluating an opened source, batch by batch.
    void run_batches(RuleSource& t) {
        const std::size_t s = t.source;
        auto& st = *t.batches;
        Resolvers lane{m_component_fields, m_reference_fields};
        std::vector<Record> records(k_batch);
        std::size_t last_batch = 0;
        bool evaluated = false;
        for (;;) {
            Batch batch{Outputs{std::vector<ChunkedVector<DesiredComponent>>(m_components.size()),
                                std::vector<ChunkedVector<DesiredReference>>(m_references.size())},
                        model::Diagnostics(t.diags.cap())};
            model::Diagnostics read_diags(t.diags.cap());
            std::exception_ptr read_failure; // anything but an InputError
            std::size_t seq = 0;
            std::size_t n = 0;
            {
                const std::lock_guard lock(st.read_mutex);
                if (st.exhausted || !t.opened)
                    break;
                seq = st.next_batch++;
                try {
                    while (n < k_batch && !stopped() && t.opened->next(records[n])) {
                        m_seen[s] = 1;
                        ++n;
                    }
                } catch (const model::InputError& e) {
                    for (const auto& d : e.diagnostics())
                        read_diags.add(d);
                    st.exhausted = true;
                } catch (...) {
                    read_failure = std::current_exception();
                    st.exhausted = true;
                }
                // The source stays open until every thread is done: records of batches
                // still being evaluated may point into it (their origins).
                if (n < k_batch)
                    st.exhausted = true;
            }
            try {
                for (std::size_t k = 0; k < n; ++k)
                    apply_rules(s, records[k], lane.components, lane.references,
                                batch.out.components, batch.out.references, batch.diags);
            } catch (...) {
                fail(t, seq, std::current_exception());
                break;
            }
            if (read_failure) {
                fail(t, seq, read_failure);
                break;
            }
            batch.diags.append(std::move(read_diags));
            commit(t, seq, std::move(batch));
            last_batch = seq;
            evaluated = true;
        }
        if (!evaluated)
            return;
        // What this thread's resolvers saw goes to the rules' resolvers; the Schema named in
        // hints is the one of the last batch, whichever thread read it.
        const std::lock_guard lock(st.commit_mutex);
        const bool later = !st.merged_any || last_batch > st.last_lane_batch;
        for (std::size_t i = 0; i < m_map.components.size(); ++i)
            if (m_map.components[i].from == s)
                merge_resolver(m_component_fields[i], lane.components[i], later);
        for (std::size_t i = 0; i < m_map.references.size(); ++i)
            if (m_map.references[i].from == s)
                merge_resolver(m_reference_fields[i], lane.references[i], later);
        if (later)
            st.last_lane_batch = last_batch;
        st.merged_any = true;
    }

    // Ends reading the source with a failure that is not an InputError (rethrown by run()).
    // Of failures in several batches, the one of the earliest batch is kept: the one that
    // reading the records in order would have met first. Batches read before it are still
    // evaluated, so it cannot be overtaken by a later one afterwards.
    void fail(RuleSource& t, std::size_t seq, std::exception_ptr failure) {
        auto& st = *t.batches;
        const std::lock_guard lock(st.read_mutex);
        st.exhausted = true;
        const std::lock_guard commit(st.commit_mutex);
        if (!t.failure || seq < st.failed_batch) {
            t.failure = std::move(failure);
            st.failed_batch = seq;
        }
    }

    static void merge_resolver(FieldResolver& into, const FieldResolver& from, bool later) {
        if (later) {
            into.merge_later(from);
        } else {
            FieldResolver copy = from;
            copy.merge_later(into);
            into = std::move(copy);
        }
    }

    // Files a finished batch and commits, in batch order, every batch that is now next.
    void commit(RuleSource& t, std::size_t seq, Batch&& batch) {
        auto& st = *t.batches;
        const std::lock_guard lock(st.commit_mutex);
        st.pending.emplace(seq, std::move(batch));
        while (!st.pending.empty() && st.pending.begin()->first == st.next_commit) {
            Batch& ready = st.pending.begin()->second;
            for (std::size_t i = 0; i < m_components.size(); ++i)
                if (!ready.out.components[i].empty())
                    m_components[i].append(std::move(ready.out.components[i]));
            for (std::size_t i = 0; i < m_references.size(); ++i)
                if (!ready.out.references[i].empty())
                    m_references[i].append(std::move(ready.out.references[i]));
            t.diags.append(std::move(ready.diags));
            st.pending.erase(st.pending.begin());
            ++st.next_commit;
        }
    }

    // The opened source, or null when opening it failed (reported into `diags`).
    std::unique_ptr<model::RecordSource> open_source(std::size_t s, model::Diagnostics& diags) {
        try {
            return m_open(m_map.sources[s]);
        } catch (const model::InputError& e) {
            for (const auto& d : e.diagnostics())
                diags.add(d);
            return nullptr;
        }
    }

    void read_opened(model::RecordSource& source, std::size_t s, model::Diagnostics& diags,
                     const std::function<void(const Record&)>& each) {
        try {
            Record record;
            while (!stopped() && source.next(record)) {
                m_seen[s] = 1;
                each(record);
            }
        } catch (const model::InputError& e) {
            for (const auto& d : e.diagnostics())
                diags.add(d);
        }
    }

    void read_source(std::size_t s, model::Diagnostics& diags,
                     const std::function<void(const Record&)>& each) {
        if (auto source = open_source(s, diags))
            read_opened(*source, s, diags, each);
    }

    bool stopped() const noexcept {
        return m_stop != nullptr && m_stop->load(std::memory_order_relaxed);
    }

    model::Origin origin_of(const Record& r, std::size_t s) const {
        model::Origin o = r.origin;
        o.source = m_map.sources[s].name;
        if (!o.file.empty())
            o.file = m_map.sources[s].file;
        return o;
    }

    void index_record(std::size_t s, const Record& r) {
        for (std::size_t i = 0; i < m_map.lookups.size(); ++i) {
            const auto& l = m_map.lookups[i];
            if (l.source != s)
                continue;
            EvalContext ctx{&r, m_lookup_fields[i].resolve(r), &l.fields, &m_tables};
            try {
                std::string key;
                expr::append_text(l.key, ctx, key);
                if (key.empty())
                    continue;
                Value tmp;
                const Value& v = expr::eval(l.value, ctx, tmp);
                auto [it, inserted] = m_tables[i].values.try_emplace(std::move(key));
                if (!inserted) {
                    m_diags.warning(origin_location(r.origin),
                                    "lookup key \"" + it->first + "\" appears again in source \"" +
                                        m_map.sources[s].name +
                                        "\"; the first record with it is used",
                                    l.text + " at " + l.where.to_string() +
                                        " joins on a key that should be unique");
                    continue;
                }
                it->second = &v == &tmp ? std::move(tmp) : v;
            } catch (const EvalFailure& f) {
                m_diags.error(origin_location(r.origin),
                              l.text + " at " + l.where.to_string() + ": " + f.message + " (at " +
                                  f.node->where.to_string() + ")",
                              f.hint);
            }
        }
    }

    void apply_rules(std::size_t s, const Record& r, std::vector<FieldResolver>& component_fields,
                     std::vector<FieldResolver>& reference_fields,
                     std::vector<ChunkedVector<DesiredComponent>>& components,
                     std::vector<ChunkedVector<DesiredReference>>& references,
                     model::Diagnostics& diags) {
        for (std::size_t i = 0; i < m_map.components.size(); ++i)
            if (m_map.components[i].from == s)
                eval_component(m_map.components[i], component_fields[i], r, components[i], diags);
        for (std::size_t i = 0; i < m_map.references.size(); ++i)
            if (m_map.references[i].from == s)
                eval_reference(m_map.references[i], reference_fields[i], r, references[i], diags);
    }

    // Which part of a rule is being evaluated; named in a message only when it fails.
    struct Part {
        const char* what = "when";
        const std::string* field = nullptr; // set for `field "x"`
        std::string describe() const {
            return field ? "field \"" + *field + "\"" : std::string(what);
        }
    };

    static void report(const EvalFailure& f, const Record& r, std::string_view kind,
                       const std::string& type, const model::Location& rule_where, const Part& part,
                       model::Diagnostics& diags) {
        model::Location rule_line{rule_where.file, rule_where.line, 0};
        diags.error(origin_location(r.origin),
                    part.describe() + " of " + std::string(kind) + " rule " +
                        rule_line.to_string() + " (" + type + "): " + f.message + " (at " +
                        f.node->where.to_string() + ")",
                    f.hint);
    }

    // The field name id of each field of a rule, resolved once.
    static std::vector<std::uint32_t> name_ids(const std::vector<FieldRule>& rules) {
        std::vector<std::uint32_t> ids;
        for (const auto& f : rules)
            ids.push_back(model::field_name_id(f.api_key));
        return ids;
    }

    // Sets the mapped custom fields (an empty rule list leaves `out` untouched). They are
    // packed into a scratch buffer per thread first, so that each entity's fields take one
    // allocation of about their size.
    static void eval_fields(const std::vector<FieldRule>& rules,
                            const std::vector<std::uint32_t>& ids, const EvalContext& ctx,
                            model::DesiredFields& out, Part& part) {
        if (rules.empty())
            return;
        thread_local model::PackedFields packed;
        thread_local Value scratch;
        packed.clear();
        for (std::size_t i = 0; i < rules.size(); ++i) {
            part.field = &rules[i].api_key;
            const Value& v = expr::eval(*rules[i].value, ctx, scratch);
            packed.append(ids[i], v);
        }
        part.field = nullptr;
        out.assign(packed);
    }

    // The entity is built in place at the end of `out` and removed again when the rule
    // fails on this record.
    void eval_component(const ComponentRule& rule, FieldResolver& fields, const Record& r,
                        ChunkedVector<DesiredComponent>& out, model::Diagnostics& diags) {
        EvalContext ctx{&r, fields.resolve(r), rule.paths.get(), &m_tables};
        Part part;
        bool added = false;
        try {
            if (rule.when && !expr::eval_condition(*rule.when, ctx))
                return;
            DesiredComponent& c = out.emplace_back();
            added = true;
            const auto& types = m_component_types[rule.index];
            c.type = types.type;
            part.what = "name";
            append_identity(*rule.name, ctx, c.name, "name");
            if (rule.key) {
                part.what = "key";
                append_identity(*rule.key, ctx, c.key, "key");
            } else {
                c.key = c.name;
            }
            if (rule.description) {
                part.what = "description";
                expr::append_text(*rule.description, ctx, c.description.emplace());
            }
            if (rule.parent) {
                part.what = "parent key";
                std::string key;
                if (append_from_record(*rule.parent->key, ctx, key))
                    c.parent = model::ComponentRef{types.other, std::move(key)};
            }
            eval_fields(rule.fields, m_component_field_ids[rule.index], ctx, c.fields, part);
            c.origin = origin_of(r, rule.from);
            c.rule = rule.index;
        } catch (const EvalFailure& f) {
            if (added)
                out.pop_back();
            report(f, r, "component", rule.type, rule.where, part, diags);
        }
    }

    void eval_reference(const ReferenceRule& rule, FieldResolver& fields, const Record& r,
                        ChunkedVector<DesiredReference>& out, model::Diagnostics& diags) {
        EvalContext ctx{&r, fields.resolve(r), rule.paths.get(), &m_tables};
        Part part;
        bool added = false;
        try {
            if (rule.when && !expr::eval_condition(*rule.when, ctx))
                return;
            DesiredReference& ref = out.emplace_back();
            added = true;
            const auto& types = m_reference_types[rule.index];
            ref.type = types.type;
            part.what = "source key";
            ref.source.type = types.other;
            append_identity(*rule.source.key, ctx, ref.source.key, "source key");
            part.what = "target key";
            ref.target.type = types.target;
            append_identity(*rule.target.key, ctx, ref.target.key, "target key");
            if (rule.display_text) {
                part.what = "display_text";
                expr::append_text(*rule.display_text, ctx, ref.display_text.emplace());
            }
            if (rule.description) {
                part.what = "description";
                expr::append_text(*rule.description, ctx, ref.description.emplace());
            }
            eval_fields(rule.fields, m_reference_field_ids[rule.index], ctx, ref.fields, part);
            ref.origin = origin_of(r, rule.from);
            ref.rule = rule.index;
        } catch (const EvalFailure& f) {
            if (added)
                out.pop_back();
            report(f, r, "reference", rule.type, rule.where, part, diags);
        }
    }

    void check_fields(const expr::FieldTable& table, const FieldResolver& resolver, std::size_t s) {
        if (!m_seen[s])
            return;
        const auto& spec = m_map.sources[s];
        for (std::uint32_t slot = 0; slot < table.size(); ++slot) {
            if (resolver.found(slot))
                continue;
            const auto& path = table.paths()[slot];
            std::vector<std::string_view> names;
            if (resolver.last_schema())
                names = views_of(resolver.last_schema()->names());
            std::string hint = closest_match(path.steps.front().name, names);
            hint = hint.empty() ? "fields of " + (spec.file.empty() ? spec.name : spec.file) +
                                      ": " + quoted_list(names, 20)
                                : "did you mean \"" + hint + "\"?";
            const std::string message =
                "source \"" + spec.name + "\" has no field \"" + path.steps.front().name + "\"";
            // Files with a fixed set of columns can only be wrong; JSON records may simply
            // not carry an optional member this time.
            if (spec.format == model::SourceFormat::json ||
                spec.format == model::SourceFormat::jsonl)
                m_diags.warning(path.where, message + " in any record", hint);
            else
                m_diags.error(path.where, message, hint);
        }
    }

    void report_unknown_fields() {
        for (std::size_t i = 0; i < m_map.components.size(); ++i)
            check_fields(*m_map.components[i].paths, m_component_fields[i],
                         m_map.components[i].from);
        for (std::size_t i = 0; i < m_map.references.size(); ++i)
            check_fields(*m_map.references[i].paths, m_reference_fields[i],
                         m_map.references[i].from);
        for (std::size_t i = 0; i < m_map.lookups.size(); ++i)
            check_fields(m_map.lookups[i].fields, m_lookup_fields[i], m_map.lookups[i].source);
    }

    // Rule outputs in rule order; whole chunks are taken over where they line up.
    template <typename Entity>
    static void concatenate(std::vector<ChunkedVector<Entity>>& per_rule,
                            ChunkedVector<Entity>& all) {
        for (auto& v : per_rule)
            all.append(std::move(v));
    }

    model::DesiredState collect() {
        model::DesiredState state;
        concatenate(m_components, state.components);
        concatenate(m_references, state.references);
        // Components and references are deduplicated at once, on two threads where a
        // thread is to be had (they share nothing).
        std::future<void> components;
        try {
            components =
                std::async(std::launch::async, [&] { dedupe_components(state.components); });
        } catch (const std::system_error&) {
            dedupe_components(state.components);
        }
        dedupe_references(state.references);
        if (components.valid())
            components.get();
        return state;
    }

    const Mapping& m_map;
    const model::SourceOpener& m_open;
    model::Diagnostics& m_diags;
    const std::atomic<bool>* m_stop;
    std::vector<expr::LookupTable> m_tables;
    std::vector<FieldResolver> m_component_fields;
    std::vector<FieldResolver> m_reference_fields;
    std::vector<FieldResolver> m_lookup_fields;
    // The type names of each rule, interned once: (type, parent type) of component rules,
    // (type, source type, target type) of reference rules.
    struct RuleTypes {
        model::TypeName type;
        model::TypeName other;
        model::TypeName target;
    };
    std::vector<RuleTypes> m_component_types;
    std::vector<RuleTypes> m_reference_types;
    std::vector<std::vector<std::uint32_t>> m_component_field_ids; // per rule, per field
    std::vector<std::vector<std::uint32_t>> m_reference_field_ids;
    std::vector<ChunkedVector<DesiredComponent>> m_components; // per rule
    std::vector<ChunkedVector<DesiredReference>> m_references; // per rule
    std::vector<std::vector<Record>> m_buffered;               // joined sources that rules read
    std::vector<char> m_seen; // per source: gave a record (not vector<bool>: written by threads)
};

} // namespace

model::DesiredState evaluate(const Mapping& mapping, const model::SourceOpener& open,
                             model::Diagnostics& diags, const std::atomic<bool>* stop) {
    return Evaluator(mapping, open, diags, stop).run();
}

} // namespace ardoq::mapping
