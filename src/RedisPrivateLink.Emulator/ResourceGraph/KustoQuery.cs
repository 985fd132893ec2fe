using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.ResourceGraph;

/// <summary>
/// The subset of the Kusto Query Language the emulator's Resource Graph answers: a table (<c>Resources</c>, any casing,
/// or none, which means Resources) and the operators <c>where</c>, <c>project</c>, <c>extend</c>, <c>order by</c> /
/// <c>sort by</c>, <c>limit</c> / <c>take</c>, <c>top N by</c>, <c>count</c> and <c>summarize count() [by ...]</c>;
/// expressions with <c>and</c>, <c>or</c>, <c>==</c>, <c>=~</c>, <c>!=</c>, <c>!~</c>, <c>in</c>, <c>in~</c>,
/// <c>!in</c>, <c>!in~</c>, <c>contains</c>, dotted and indexed property paths, string, number and boolean literals,
/// and the functions <c>tostring</c>, <c>tolower</c>, <c>toupper</c>, <c>isnotempty</c>, <c>isempty</c>,
/// <c>isnull</c>, <c>isnotnull</c>. Anything else is refused with <see cref="KustoQueryException"/>, which the
/// handler answers as Resource Graph answers an invalid query.
/// </summary>
internal sealed class KustoQuery
{
    private static readonly string[] Tables = ["Resources"];

    private readonly List<Func<IEnumerable<JsonObject>, IEnumerable<JsonObject>>> _stages;

    private KustoQuery(List<Func<IEnumerable<JsonObject>, IEnumerable<JsonObject>>> stages) => _stages = stages;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="KustoQueryException"/> for anything outside the subset.</summary>
    public static KustoQuery Parse(string text) => new Parser(Tokenizer.Read(text)).Query();

    /// <summary>The rows the query makes of <paramref name="rows"/>, lazily where the operators allow.</summary>
    public IEnumerable<JsonObject> Run(IEnumerable<JsonObject> rows)
    {
        foreach (var stage in _stages)
        {
            rows = stage(rows);
        }

        return rows;
    }

    private enum TokenKind
    {
        Name,
        String,
        Number,
        Symbol,
        End,
    }

    private sealed record Token(TokenKind Kind, string Text, int Position);

    private static class Tokenizer
    {
        private static readonly string[] Symbols = ["==", "=~", "!=", "!~", "<=", ">=", "|", ",", "(", ")", ".", "[", "]", "=", "<", ">", "!"];

        public static List<Token> Read(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else if (c is '\'' or '"')
                {
                    var start = i++;
                    var value = new StringBuilder();
                    while (i < text.Length && text[i] != c)
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                        }

                        value.Append(text[i++]);
                    }

                    if (i >= text.Length)
                    {
                        throw new KustoQueryException("UnterminatedString", text[start..], start);
                    }

                    i++;
                    tokens.Add(new Token(TokenKind.String, value.ToString(), start));
                }
                else if (char.IsDigit(c))
                {
                    var start = i;
                    while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    // in~ and !in~ read as one word, as Kusto writes them.
                    if (i < text.Length && text[i] == '~' && text[start..i] == "in")
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Name, text[start..i], start));
                }
                else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
                {
                    tokens.Add(new Token(TokenKind.Symbol, symbol, i));
                    i += symbol.Length;
                }
                else
                {
                    // Left for the parser, so the first thing outside the subset is what the error names.
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i++));
                }
            }

            tokens.Add(new Token(TokenKind.End, "", text.Length));
            return tokens;
        }
    }

    /// <summary>An expression over one row.</summary>
    private delegate JsonNode? Expression(JsonObject row);

    private sealed class Parser(List<Token> tokens)
    {
        private int _next;

        private Token Current => tokens[_next];

        public KustoQuery Query()
        {
            var stages = new List<Func<IEnumerable<JsonObject>, IEnumerable<JsonObject>>>();
            if (Current.Kind == TokenKind.Name && !IsOperatorName(Current.Text))
            {
                var table = Take();
                if (!Tables.Any(t => t.Equals(table.Text, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new KustoQueryException("UnsupportedTable", table.Text, table.Position);
                }

                if (Current.Kind != TokenKind.End)
                {
                    Expect("|");
                }
            }

            while (Current.Kind != TokenKind.End)
            {
                stages.Add(Operator());
                if (Current.Kind != TokenKind.End)
                {
                    Expect("|");
                }
            }

            return new KustoQuery(stages);
        }

        private static bool IsOperatorName(string name) =>
            name is "where" or "project" or "extend" or "order" or "sort" or "limit" or "take" or "top" or "count" or "summarize";

        private Func<IEnumerable<JsonObject>, IEnumerable<JsonObject>> Operator()
        {
            var name = Take();
            switch (name.Text)
            {
                case "where":
                    var predicate = Expr();
                    return rows => rows.Where(row => IsTrue(predicate(row)));
                case "project":
                    var projected = Items(requireNames: false);
                    return rows => rows.Select(row => Shape(row, projected, keep: false));
                case "extend":
                    var extended = Items(requireNames: true);
                    return rows => rows.Select(row => Shape(row, extended, keep: true));
                case "order" or "sort":
                    ExpectName("by");
                    var keys = SortKeys();
                    return rows => Sort(rows, keys);
                case "limit" or "take":
                    var count = Count();
                    return rows => rows.Take(count);
                case "top":
                    var top = Count();
                    ExpectName("by");
                    var topKeys = SortKeys();
                    return rows => Sort(rows, topKeys).Take(top);
                case "count":
                    return rows => [new JsonObject { ["Count"] = rows.LongCount() }];
                case "summarize":
                    return Summarize();
                default:
                    throw new KustoQueryException("UnsupportedOperator", name.Text, name.Position);
            }
        }

        private Func<IEnumerable<JsonObject>, IEnumerable<JsonObject>> Summarize()
        {
            var aggregate = Take();
            if (aggregate.Text != "count")
            {
                throw new KustoQueryException("UnsupportedAggregation", aggregate.Text, aggregate.Position);
            }

            Expect("(");
            Expect(")");
            var groups = new List<(string Name, Expression Value)>();
            if (Current.Kind == TokenKind.Name && Current.Text == "by")
            {
                Take();
                groups = Items(requireNames: false);
            }

            return rows => rows
                .GroupBy(row => string.Join("\u001f", groups.Select(g => g.Value(row)?.ToJsonString() ?? "")))
                .Select(group =>
                {
                    var first = group.First();
                    var result = new JsonObject();
                    foreach (var (name, value) in groups)
                    {
                        result[name] = value(first)?.DeepClone();
                    }

                    result["count_"] = group.LongCount();
                    return result;
                });
        }

        private int Count()
        {
            var token = Take();
            return token.Kind == TokenKind.Number && int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : throw new KustoQueryException("ExpectedNumber", token.Text, token.Position);
        }

        private List<(Expression Key, bool Descending)> SortKeys()
        {
            var keys = new List<(Expression, bool)>();
            do
            {
                var key = Expr();
                // Kusto sorts descending unless told otherwise.
                var descending = true;
                if (Current.Kind == TokenKind.Name && Current.Text is "asc" or "desc")
                {
                    descending = Take().Text == "desc";
                }

                keys.Add((key, descending));
            }
            while (TakeIf(","));

            return keys;
        }

        private static IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> rows, List<(Expression Key, bool Descending)> keys)
        {
            IOrderedEnumerable<JsonObject>? ordered = null;
            foreach (var (key, descending) in keys)
            {
                var comparer = Comparer<JsonObject>.Create((a, b) => CompareValues(key(a), key(b)) * (descending ? -1 : 1));
                ordered = ordered is null ? rows.Order(comparer) : ordered.ThenBy(row => row, comparer);
            }

            return ordered ?? rows;
        }

        private List<(string Name, Expression Value)> Items(bool requireNames)
        {
            var items = new List<(string, Expression)>();
            do
            {
                var start = Current;
                if (Current.Kind == TokenKind.Name && tokens[_next + 1].Text == "=")
                {
                    var name = Take().Text;
                    Take();
                    items.Add((name, Expr()));
                    continue;
                }

                if (requireNames)
                {
                    throw new KustoQueryException("ExpectedAssignment", start.Text, start.Position);
                }

                var (expression, columnName) = NamedExpr();
                items.Add((columnName, expression));
            }
            while (TakeIf(","));

            return items;
        }

        /// <summary>An expression with the column name Kusto gives it: a path's segments joined by '_', a function's argument's.</summary>
        private (Expression Value, string Name) NamedExpr()
        {
            var start = _next;
            var value = Expr();
            var names = tokens.Skip(start).Take(_next - start)
                .Where(t => t.Kind is TokenKind.Name or TokenKind.String && !IsFunction(t.Text, tokens, t))
                .Select(t => t.Text);
            return (value, string.Join("_", names));
        }

        private static bool IsFunction(string text, List<Token> all, Token token)
        {
            var index = all.IndexOf(token);
            return index + 1 < all.Count && all[index + 1].Text == "(" && token.Kind == TokenKind.Name;
        }

        private static JsonObject Shape(JsonObject row, List<(string Name, Expression Value)> items, bool keep)
        {
            var result = keep ? (JsonObject)row.DeepClone() : new JsonObject();
            foreach (var (name, value) in items)
            {
                result[name] = value(row)?.DeepClone();
            }

            return result;
        }

        private Expression Expr()
        {
            var left = And();
            while (Current.Kind == TokenKind.Name && Current.Text == "or")
            {
                Take();
                var (l, r) = (left, And());
                left = row => IsTrue(l(row)) || IsTrue(r(row));
            }

            return left;
        }

        private Expression And()
        {
            var left = Comparison();
            while (Current.Kind == TokenKind.Name && Current.Text == "and")
            {
                Take();
                var (l, r) = (left, Comparison());
                left = row => IsTrue(l(row)) && IsTrue(r(row));
            }

            return left;
        }

        private Expression Comparison()
        {
            var left = Primary();
            if (Current.Kind == TokenKind.Symbol && Current.Text is "==" or "=~" or "!=" or "!~" or "<" or ">" or "<=" or ">=")
            {
                var op = Take().Text;
                var right = Primary();
                return op switch
                {
                    "==" => row => Equal(left(row), right(row), StringComparison.Ordinal),
                    "=~" => row => Equal(left(row), right(row), StringComparison.OrdinalIgnoreCase),
                    "!=" => row => !IsTrue(Equal(left(row), right(row), StringComparison.Ordinal)),
                    "!~" => row => !IsTrue(Equal(left(row), right(row), StringComparison.OrdinalIgnoreCase)),
                    "<" => row => CompareValues(left(row), right(row)) < 0,
                    ">" => row => CompareValues(left(row), right(row)) > 0,
                    "<=" => row => CompareValues(left(row), right(row)) <= 0,
                    _ => row => CompareValues(left(row), right(row)) >= 0,
                };
            }

            var negated = Current.Kind == TokenKind.Symbol && Current.Text == "!" && tokens[_next + 1].Text is "in" or "in~";
            if (negated)
            {
                Take();
            }

            if (Current.Kind == TokenKind.Name && Current.Text is "in" or "in~")
            {
                var comparison = Take().Text == "in~" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                Expect("(");
                var values = new List<Expression>();
                do
                {
                    values.Add(Primary());
                }
                while (TakeIf(","));

                Expect(")");
                return row =>
                {
                    var value = left(row);
                    var found = values.Any(v => IsTrue(Equal(value, v(row), comparison)));
                    return found != negated;
                };
            }

            if (negated)
            {
                throw new KustoQueryException("UnexpectedToken", "!", Current.Position);
            }

            if (Current.Kind == TokenKind.Name && Current.Text == "contains")
            {
                Take();
                var right = Primary();
                return row => Text(left(row)).Contains(Text(right(row)), StringComparison.OrdinalIgnoreCase);
            }

            return left;
        }

        private Expression Primary()
        {
            var token = Take();
            switch (token.Kind)
            {
                case TokenKind.String:
                    return _ => JsonValue.Create(token.Text);
                case TokenKind.Number:
                    var number = double.Parse(token.Text, CultureInfo.InvariantCulture);
                    return _ => JsonValue.Create(number);
                case TokenKind.Symbol when token.Text == "(":
                    var inner = Expr();
                    Expect(")");
                    return inner;
                case TokenKind.Name when token.Text is "true" or "false":
                    var flag = token.Text == "true";
                    return _ => JsonValue.Create(flag);
                case TokenKind.Name when Current.Text == "(":
                    return Function(token);
                case TokenKind.Name:
                    return Path(token);
                default:
                    throw new KustoQueryException("UnexpectedToken", token.Text, token.Position);
            }
        }

        private Expression Function(Token name)
        {
            Expect("(");
            var argument = Expr();
            Expect(")");
            return name.Text switch
            {
                "tostring" => row => argument(row) is { } value ? JsonValue.Create(Text(value)) : JsonValue.Create(""),
                "tolower" => row => JsonValue.Create(Text(argument(row)).ToLowerInvariant()),
                "toupper" => row => JsonValue.Create(Text(argument(row)).ToUpperInvariant()),
                "isnotempty" => row => JsonValue.Create(Text(argument(row)).Length > 0),
                "isempty" => row => JsonValue.Create(Text(argument(row)).Length == 0),
                "isnull" => row => JsonValue.Create(argument(row) is null),
                "isnotnull" => row => JsonValue.Create(argument(row) is not null),
                _ => throw new KustoQueryException("UnsupportedFunction", name.Text, name.Position),
            };
        }

        private Expression Path(Token first)
        {
            var steps = new List<object> { first.Text };
            while (true)
            {
                if (TakeIf("."))
                {
                    var member = Take();
                    if (member.Kind != TokenKind.Name)
                    {
                        throw new KustoQueryException("UnexpectedToken", member.Text, member.Position);
                    }

                    steps.Add(member.Text);
                }
                else if (TakeIf("["))
                {
                    var index = Take();
                    steps.Add(index.Kind == TokenKind.Number ? int.Parse(index.Text, CultureInfo.InvariantCulture) : index.Text);
                    Expect("]");
                }
                else
                {
                    break;
                }
            }

            return row =>
            {
                JsonNode? node = row;
                foreach (var step in steps)
                {
                    node = (node, step) switch
                    {
                        (JsonObject o, string key) => o[key],
                        (JsonArray a, int i) when i >= 0 && i < a.Count => a[i],
                        _ => null,
                    };
                }

                return node;
            };
        }

        private Token Take() => tokens[_next++];

        private bool TakeIf(string symbol)
        {
            if (Current.Kind == TokenKind.Symbol && Current.Text == symbol)
            {
                _next++;
                return true;
            }

            return false;
        }

        private void Expect(string symbol)
        {
            if (!TakeIf(symbol))
            {
                throw new KustoQueryException("UnexpectedToken", Current.Kind == TokenKind.End ? "<end of query>" : Current.Text, Current.Position);
            }
        }

        private void ExpectName(string name)
        {
            if (Current.Kind != TokenKind.Name || Current.Text != name)
            {
                throw new KustoQueryException("UnexpectedToken", Current.Text, Current.Position);
            }

            _next++;
        }
    }

    private static bool IsTrue(JsonNode? value) => value is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;

    /// <summary>Kusto's tostring: a string as is, anything else as JSON; empty for null.</summary>
    private static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static JsonNode Equal(JsonNode? left, JsonNode? right, StringComparison comparison) =>
        JsonValue.Create(left is not null && right is not null && (TryNumber(left, out var l) && TryNumber(right, out var r) ? l == r : string.Equals(Text(left), Text(right), comparison)));

    private static int CompareValues(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        return TryNumber(left, out var l) && TryNumber(right, out var r) ? l.CompareTo(r) : string.CompareOrdinal(Text(left), Text(right));
    }

    private static bool TryNumber(JsonNode node, out double number)
    {
        number = 0;
        return node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue(out number);
    }
}

/// <summary>A query outside the emulator's Kusto subset, or not Kusto at all: Resource Graph's InvalidQuery.</summary>
internal sealed class KustoQueryException(string code, string token, int position)
    : Exception($"{code} at position {position}: '{token}'")
{
    public string Code { get; } = code;

    public string Token { get; } = token;

    public int Position { get; } = position;
}
