#include "mappings/expr/compile.hpp"

#include "mappings/expr/filter_compile.hpp"
#include "mappings/expr/filters.hpp"
#include "mappings/expr/lexer.hpp"
#include "mappings/text/suggest.hpp"

#include <algorithm>
#include <array>

namespace ardoq::mapping::expr {

namespace {

using model::Value;
using model::ValueKind;

constexpr std::array<std::string_view, 6> k_operator_words = {"and", "or", "not",
                                                              "in",  "is", "empty"};

struct SyntaxError {}; // thrown once the diagnostic is recorded; ends this expression

class Parser {
public:
    Parser(CompileEnv& env, const Scalar& s) : m_env(env), m_s(s), m_fields(&env.fields) {}

    std::optional<Node> parse_template() {
        const std::string_view v = m_s.value;
        std::vector<Node> parts;
        try {
            std::size_t i = 0;
            while (i < v.size()) {
                const std::size_t open = v.find("{{", i);
                if (open == std::string_view::npos) {
                    parts.push_back(text_node(i, v.size()));
                    break;
                }
                if (open > i)
                    parts.push_back(text_node(i, open));
                start_at(open + 2);
                if (m_tok.kind == Tok::close)
                    syntax(open, "\"{{ }}\" is empty",
                           "put an expression between {{ and }}, e.g. {{ name }}");
                if (m_tok.kind == Tok::end)
                    syntax(open, "\"{{\" is not closed", "end the expression with }}");
                Node e = parse_or();
                if (m_tok.kind == Tok::end)
                    syntax(open, "\"{{\" is not closed", "end the expression with }}");
                if (m_tok.kind != Tok::close)
                    syntax(m_tok.pos, "expected \"}}\", found " + describe(m_tok, v),
                           "combine values with a filter (|) or an operator (==, and, ...)");
                parts.push_back(std::move(e));
                i = m_tok.pos + 2;
            }
        } catch (const SyntaxError&) {
            return std::nullopt;
        }
        if (m_failed)
            return std::nullopt;
        if (parts.empty())
            return literal_node(Value(std::string()), loc(0));
        if (parts.size() == 1)
            return std::move(parts.front());
        Node n = make(NodeKind::concat, 0, v.size());
        n.children = std::move(parts);
        n.info.kinds = KindSet::of(ValueKind::string);
        return n;
    }

    std::optional<Node> parse_expression() {
        const std::string_view v = m_s.value;
        try {
            const std::size_t first = v.find_first_not_of(" \t\r\n");
            if (first != std::string_view::npos && v.substr(first, 2) == "{{")
                syntax(first, "an expression is written without {{ }}",
                       "write the expression itself, e.g. status != 'retired'");
            start_at(0);
            if (m_tok.kind == Tok::end)
                syntax(0, "the expression is empty", "e.g. status != 'retired'");
            Node e = parse_or();
            if (m_tok.kind != Tok::end)
                syntax(m_tok.pos, "unexpected " + describe(m_tok, v) + " after the expression",
                       "combine conditions with and / or");
            if (m_failed)
                return std::nullopt;
            return e;
        } catch (const SyntaxError&) {
            return std::nullopt;
        }
    }

private:
    model::Location loc(std::size_t offset) const {
        return m_env.text.in_scalar(m_s.pos, m_s.value, offset);
    }
    void error(std::size_t offset, std::string message, std::string hint = {}) {
        m_env.diags.push_back(model::make_error(loc(offset), std::move(message), std::move(hint)));
        m_failed = true;
    }
    [[noreturn]] void syntax(std::size_t offset, std::string message, std::string hint = {}) {
        error(offset, std::move(message), std::move(hint));
        throw SyntaxError{};
    }

    void start_at(std::size_t pos) {
        m_lex = Lexer(m_s.value, pos);
        m_prev_end = pos;
        m_tok = Token{};
        advance();
    }
    void advance() {
        m_prev_end = m_tok.pos + m_tok.len;
        m_tok = m_lex.next();
        if (m_tok.kind == Tok::error)
            syntax(m_tok.pos, m_tok.text, lexer_hint(m_s.value[m_tok.pos]));
    }
    static std::string lexer_hint(char c) {
        switch (c) {
        case '=':
            return "compare with ==";
        case '\'':
        case '"':
            return "end the string with the quote it starts with";
        case '`':
            return "end the field name with a backquote: `Annual Cost`";
        case '}':
            return "end the expression with }}";
        default:
            return "expressions are made of field names, 'strings', numbers, comparisons "
                   "(== != < <= > >= in) and filters (| name)";
        }
    }
    bool is_word(std::string_view word) const {
        return m_tok.kind == Tok::ident && !m_tok.quoted && m_tok.text == word;
    }
    void expect(Tok kind, std::string_view what, std::string hint = {}) {
        if (m_tok.kind != kind)
            syntax(m_tok.pos,
                   "expected " + std::string(what) + ", found " + describe(m_tok, m_s.value),
                   std::move(hint));
        advance();
    }

    Node make(NodeKind kind, std::size_t from, std::size_t to) const {
        Node n;
        n.kind = kind;
        n.where = loc(from);
        n.text = std::string(m_s.value.substr(from, to > from ? to - from : 0));
        return n;
    }
    Node text_node(std::size_t from, std::size_t to) const {
        Node n = literal_node(Value(std::string(m_s.value.substr(from, to - from))), loc(from));
        n.text = std::string(m_s.value.substr(from, to - from));
        return n;
    }
    Node finish_bool(Node n, std::size_t from) const {
        n.text = std::string(m_s.value.substr(from, m_prev_end - from));
        n.info.kinds = KindSet::of(ValueKind::boolean);
        return n;
    }

    Node parse_or() { return parse_chain("or", NodeKind::any, &Parser::parse_and); }
    Node parse_and() { return parse_chain("and", NodeKind::all, &Parser::parse_not); }

    Node parse_chain(std::string_view word, NodeKind kind, Node (Parser::*operand)()) {
        const std::size_t from = m_tok.pos;
        Node first = (this->*operand)();
        if (!is_word(word))
            return first;
        Node n = make(kind, from, from);
        n.children.push_back(std::move(first));
        while (is_word(word)) {
            advance();
            n.children.push_back((this->*operand)());
        }
        return finish_bool(std::move(n), from);
    }

    Node parse_not() {
        if (!is_word("not"))
            return parse_comparison();
        const std::size_t from = m_tok.pos;
        advance();
        Node n = make(NodeKind::negate, from, from);
        n.children.push_back(parse_not());
        return finish_bool(std::move(n), from);
    }

    static std::optional<CompareOp> compare_op(Tok t) {
        switch (t) {
        case Tok::eq:
            return CompareOp::eq;
        case Tok::ne:
            return CompareOp::ne;
        case Tok::lt:
            return CompareOp::lt;
        case Tok::le:
            return CompareOp::le;
        case Tok::gt:
            return CompareOp::gt;
        case Tok::ge:
            return CompareOp::ge;
        default:
            return std::nullopt;
        }
    }

    Node parse_comparison() {
        const std::size_t from = m_tok.pos;
        Node left = parse_pipe();
        Node n;
        if (auto op = compare_op(m_tok.kind)) {
            n = make(NodeKind::compare, from, from);
            n.op = *op;
            advance();
            n.children.push_back(std::move(left));
            n.children.push_back(parse_pipe());
            if (compare_op(m_tok.kind))
                syntax(m_tok.pos, "comparisons cannot be chained",
                       "combine them with and: a < b and b < c");
        } else if (is_word("in") || (is_word("not") && next_is_word("in"))) {
            n = make(NodeKind::in, from, from);
            n.negated = is_word("not");
            if (n.negated)
                advance();
            advance();
            n.children.push_back(std::move(left));
            n.children.push_back(parse_pipe());
        } else if (is_word("is")) {
            n = make(NodeKind::is_empty, from, from);
            advance();
            if (is_word("not")) {
                n.negated = true;
                advance();
            }
            if (!is_word("empty"))
                syntax(m_tok.pos, "expected \"empty\", found " + describe(m_tok, m_s.value),
                       "write `x is empty` or `x is not empty`");
            advance();
            n.children.push_back(std::move(left));
        } else {
            return left;
        }
        return finish_bool(std::move(n), from);
    }

    bool next_is_word(std::string_view word) const {
        Lexer copy = m_lex;
        Token t = copy.next();
        return t.kind == Tok::ident && !t.quoted && t.text == word;
    }

    Node parse_pipe() {
        Node n = parse_primary();
        while (m_tok.kind == Tok::pipe) {
            advance();
            n = parse_filter(std::move(n));
        }
        return n;
    }

    Node literal_token(Value v) {
        Node n = literal_node(std::move(v), loc(m_tok.pos));
        n.text = std::string(m_s.value.substr(m_tok.pos, m_tok.len));
        advance();
        return n;
    }

    Node parse_primary() {
        switch (m_tok.kind) {
        case Tok::string:
            return literal_token(Value(m_tok.text));
        case Tok::integer:
            return literal_token(Value(m_tok.integer));
        case Tok::real:
            return literal_token(Value(m_tok.real));
        case Tok::lparen: {
            advance();
            Node e = parse_or();
            expect(Tok::rparen, "\")\"");
            return e;
        }
        case Tok::lbrack:
            return parse_list();
        case Tok::ident:
            if (!m_tok.quoted) {
                if (m_tok.text == "true" || m_tok.text == "false")
                    return literal_token(Value(m_tok.text == "true"));
                if (m_tok.text == "null")
                    return literal_token(Value());
                if (std::find(k_operator_words.begin(), k_operator_words.end(), m_tok.text) !=
                    k_operator_words.end())
                    syntax(m_tok.pos, "expected a value, found " + describe(m_tok, m_s.value),
                           "a field named like a keyword is written in backquotes: `" + m_tok.text +
                               "`");
            }
            return parse_path();
        default:
            syntax(m_tok.pos, "expected a value, found " + describe(m_tok, m_s.value),
                   "a value is a field name, a 'string', a number, true, false, null or a "
                   "[list]");
        }
    }

    Node parse_list() {
        const std::size_t from = m_tok.pos;
        Node n = make(NodeKind::list, from, from);
        advance();
        while (m_tok.kind != Tok::rbrack) {
            n.children.push_back(parse_or());
            if (m_tok.kind == Tok::comma)
                advance();
            else if (m_tok.kind != Tok::rbrack)
                syntax(m_tok.pos, "expected \",\" or \"]\", found " + describe(m_tok, m_s.value),
                       "separate list items with commas: ['a', 'b']");
        }
        advance();
        n.text = std::string(m_s.value.substr(from, m_prev_end - from));
        n.info.kinds = KindSet::of(ValueKind::list);
        return n;
    }

    Node parse_path() {
        const std::size_t from = m_tok.pos;
        FieldPath path;
        path.steps.push_back({m_tok.text, 0, false});
        advance();
        for (;;) {
            if (m_tok.kind == Tok::dot) {
                advance();
                if (m_tok.kind != Tok::ident)
                    syntax(m_tok.pos,
                           "expected a field name after \".\", found " + describe(m_tok, m_s.value),
                           "a path reads members of objects: owner.email");
                path.steps.push_back({m_tok.text, 0, false});
                advance();
            } else if (m_tok.kind == Tok::lbrack) {
                advance();
                if (m_tok.kind == Tok::integer)
                    path.steps.push_back({{}, m_tok.integer, true});
                else if (m_tok.kind == Tok::string)
                    path.steps.push_back({m_tok.text, 0, false});
                else
                    syntax(m_tok.pos,
                           "expected an index or a 'name' in [ ], found " +
                               describe(m_tok, m_s.value),
                           "tags[0] reads the first item of a list, tags[-1] the last");
                advance();
                expect(Tok::rbrack, "\"]\"");
            } else {
                break;
            }
        }
        Node n = make(NodeKind::field, from, m_prev_end);
        path.text = n.text;
        path.where = n.where;
        n.slot = m_fields->add(std::move(path));
        return n;
    }

    // --- filters ---------------------------------------------------------------------

    Node parse_filter(Node input) {
        if (m_tok.kind != Tok::ident || m_tok.quoted)
            syntax(m_tok.pos,
                   "expected a filter name after \"|\", found " + describe(m_tok, m_s.value),
                   "filters: " + quoted_list(filter_names(), 20));
        const std::size_t from = m_tok.pos;
        const FilterSpec* spec = find_filter(m_tok.text);
        if (!spec)
            syntax(from, "unknown filter \"" + m_tok.text + "\"",
                   suggestion_hint(m_tok.text, filter_names(), "filters"));
        Node n = make(NodeKind::filter, from, from);
        n.filter = spec->id;
        n.children.push_back(std::move(input));
        auto data = std::make_shared<FilterData>();
        advance();
        if (spec->id == FilterId::lookup)
            parse_lookup(from, *data);
        else if (spec->id == FilterId::map)
            parse_map(n, *data);
        else if (m_tok.kind == Tok::lparen)
            parse_arguments(n, *spec);
        n.text = std::string(m_s.value.substr(from, m_prev_end - from));
        const std::size_t given = n.children.size() - 1;
        if (spec->id != FilterId::lookup && (given < spec->min_args || given > spec->max_args))
            error(from, arity_message(*spec, given), "example: " + std::string(spec->example));
        else if (!compile_filter_arguments(n, *data, m_env.diags))
            m_failed = true;
        n.data = std::move(data);
        n.info = filter_result_info(n);
        return n;
    }

    void parse_arguments(Node& n, const FilterSpec& spec) {
        advance(); // (
        while (m_tok.kind != Tok::rparen) {
            if (m_tok.kind == Tok::ident && !m_tok.quoted && next_is(Tok::colon))
                syntax(m_tok.pos,
                       "filter \"" + std::string(spec.name) + "\" takes no named arguments",
                       "example: " + std::string(spec.example));
            n.children.push_back(parse_or());
            if (m_tok.kind == Tok::comma)
                advance();
            else if (m_tok.kind != Tok::rparen)
                syntax(m_tok.pos, "expected \",\" or \")\", found " + describe(m_tok, m_s.value),
                       "example: " + std::string(spec.example));
        }
        advance();
    }

    bool next_is(Tok kind) const {
        Lexer copy = m_lex;
        return copy.next().kind == kind;
    }

    void parse_map(Node& n, FilterData& data) {
        const std::string example = "example: " + std::string(filter_spec(FilterId::map).example);
        expect(Tok::lparen, "\"(\" after map", example);
        while (m_tok.kind != Tok::rparen) {
            const std::size_t key_pos = m_tok.pos;
            std::string key;
            bool is_default = false;
            switch (m_tok.kind) {
            case Tok::ident:
            case Tok::string:
                key = m_tok.text;
                is_default = m_tok.kind == Tok::ident && !m_tok.quoted && key == "default";
                break;
            case Tok::integer:
            case Tok::real:
                key = std::string(m_s.value.substr(m_tok.pos, m_tok.len));
                break;
            default:
                syntax(m_tok.pos, "expected a map key, found " + describe(m_tok, m_s.value),
                       "map keys are names, 'strings' or numbers; " + example);
            }
            advance();
            expect(Tok::colon, "\":\" after the map key", example);
            const std::size_t child = n.children.size();
            n.children.push_back(parse_or());
            if (is_default) {
                if (data.map_default)
                    error(key_pos, "map has two defaults", "keep one default: ...");
                data.map_default = child;
            } else if (!data.map_index.emplace(key, child).second) {
                error(key_pos, "map key \"" + key + "\" appears twice", "give each key one value");
            }
            if (m_tok.kind == Tok::comma)
                advance();
            else if (m_tok.kind != Tok::rparen)
                syntax(m_tok.pos, "expected \",\" or \")\", found " + describe(m_tok, m_s.value),
                       example);
        }
        advance();
    }

    void parse_lookup(std::size_t from, FilterData& data) {
        const std::string example =
            "example: " + std::string(filter_spec(FilterId::lookup).example);
        expect(Tok::lparen, "\"(\" after lookup", example);
        if (!m_env.lookups)
            syntax(from, std::string(m_env.no_lookup_reason));
        if (m_in_lookup)
            syntax(from, "lookup() cannot be used inside the arguments of another lookup()",
                   "join the sources one at a time");
        if (m_tok.kind != Tok::ident)
            syntax(m_tok.pos,
                   "expected a source name as the first argument of lookup, found " +
                       describe(m_tok, m_s.value),
                   example);
        LookupSpec spec;
        std::vector<std::string_view> names;
        bool found = false;
        for (std::size_t i = 0; m_env.sources && i < m_env.sources->size(); ++i) {
            names.push_back((*m_env.sources)[i].name);
            if ((*m_env.sources)[i].name == m_tok.text) {
                spec.source = i;
                found = true;
            }
        }
        if (!found)
            syntax(m_tok.pos, "unknown source \"" + m_tok.text + "\" in lookup",
                   suggestion_hint(m_tok.text, names, "sources"));
        advance();
        expect(Tok::comma, "\",\"", example);
        FieldTable* outer = m_fields;
        m_fields = &spec.fields;
        m_in_lookup = true;
        spec.key = parse_or();
        expect(Tok::comma, "\",\"", example);
        spec.value = parse_or();
        m_in_lookup = false;
        m_fields = outer;
        if (m_tok.kind == Tok::comma)
            syntax(m_tok.pos, "lookup takes 3 arguments (source, key, value)", example);
        expect(Tok::rparen, "\")\"", example);
        spec.where = loc(from);
        spec.text = std::string(m_s.value.substr(from, m_prev_end - from));
        data.lookup = m_env.lookups->size();
        m_env.lookups->push_back(std::move(spec));
    }

    CompileEnv& m_env;
    Scalar m_s;
    FieldTable* m_fields;
    Lexer m_lex{{}, 0};
    Token m_tok;
    std::size_t m_prev_end = 0;
    bool m_failed = false;
    bool m_in_lookup = false;
};

} // namespace

Node literal_node(model::Value value, model::Location where) {
    Node n;
    n.kind = NodeKind::literal;
    n.where = std::move(where);
    n.info.kinds = KindSet::of(value.kind());
    n.info.values.emplace();
    n.text = value.to_json();
    if (!value.is_null())
        n.info.values->push_back({value, n.where});
    n.value = std::move(value);
    return n;
}

std::optional<Node> compile_template(CompileEnv& env, const Scalar& scalar) {
    return Parser(env, scalar).parse_template();
}

std::optional<Node> compile_expression(CompileEnv& env, const Scalar& scalar) {
    return Parser(env, scalar).parse_expression();
}

} // namespace ardoq::mapping::expr
