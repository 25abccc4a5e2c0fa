using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gongkai.Harvest.Discovery;

/// <summary>
/// Reads the data literals pages carry in their scripts (<c>var list = [{title:'…', url:"…"}]</c>) and the JSON their
/// endpoints answer. JavaScript object literals are looser than JSON — single quotes, bare keys, trailing commas,
/// comments — so this reads that superset; anything else (a function call, a variable) makes the literal unreadable.
/// </summary>
public static class ScriptLiteral
{
    private const int MaxDepth = 64;

    /// <summary>Every array literal of objects in <paramref name="text"/>, outermost first, each read once.</summary>
    public static IReadOnlyList<JsonArray> ArraysOfObjects(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<JsonArray>();
        var i = 0;
        while ((i = text.IndexOf('[', i)) >= 0)
        {
            var next = SkipSpace(text, i + 1);
            if (next < text.Length && text[next] == '{')
            {
                var reader = new Reader(text, i);
                if (reader.TryValue(0, out var value) && value is JsonArray array)
                {
                    result.Add(array);
                    i = reader.Position;
                    continue;
                }
            }

            i++;
        }

        return result;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private sealed class Reader(string text, int position)
    {
        public int Position { get; private set; } = position;

        public bool TryValue(int depth, out JsonNode? value)
        {
            value = null;
            if (depth > MaxDepth || !SkipTrivia())
            {
                return false;
            }

            var c = text[Position];
            switch (c)
            {
                case '{':
                    return TryObject(depth, out value);
                case '[':
                    return TryArray(depth, out value);
                case '"' or '\'':
                    if (TryString(out var s))
                    {
                        value = JsonValue.Create(s);
                        return true;
                    }

                    return false;
            }

            if (c == '-' || char.IsAsciiDigit(c))
            {
                var start = Position;
                Position++;
                while (Position < text.Length && (char.IsAsciiDigit(text[Position]) || text[Position] is '.' or 'e' or 'E' or '+' or '-'))
                {
                    Position++;
                }

                if (double.TryParse(text.AsSpan(start, Position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    value = long.TryParse(text.AsSpan(start, Position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                        ? JsonValue.Create(integer)
                        : JsonValue.Create(number);
                    return true;
                }

                return false;
            }

            var word = Identifier();
            switch (word)
            {
                case "true":
                    value = JsonValue.Create(true);
                    return true;
                case "false":
                    value = JsonValue.Create(false);
                    return true;
                case "null" or "undefined":
                    return true;
                default:
                    return false;
            }
        }

        private bool TryObject(int depth, out JsonNode? value)
        {
            var obj = new JsonObject();
            value = TrySequence('}', () => TryMember(depth, obj)) ? obj : null;
            return value is not null;
        }

        private bool TryMember(int depth, JsonObject obj)
        {
            string? key;
            if (text[Position] is '"' or '\'')
            {
                if (!TryString(out key))
                {
                    return false;
                }
            }
            else
            {
                key = Identifier();
                if (key.Length == 0)
                {
                    return false;
                }
            }

            if (!SkipTrivia() || text[Position] != ':')
            {
                return false;
            }

            Position++;
            if (!TryValue(depth + 1, out var member))
            {
                return false;
            }

            obj[key] = member;
            return true;
        }

        private bool TryArray(int depth, out JsonNode? value)
        {
            var array = new JsonArray();
            value = TrySequence(']', () =>
            {
                if (!TryValue(depth + 1, out var item))
                {
                    return false;
                }

                array.Add(item);
                return true;
            }) ? array : null;
            return value is not null;
        }

        // Comma-separated items up to the closing bracket (a trailing comma allowed); Position is at the opening one.
        private bool TrySequence(char close, Func<bool> readItem)
        {
            Position++;
            while (SkipTrivia())
            {
                if (text[Position] == close)
                {
                    Position++;
                    return true;
                }

                if (!readItem() || !SkipTrivia())
                {
                    return false;
                }

                if (text[Position] == ',')
                {
                    Position++;
                }
                else if (text[Position] != close)
                {
                    return false;
                }
            }

            return false;
        }

        private bool TryString(out string value)
        {
            var quote = text[Position++];
            var builder = new StringBuilder();
            while (Position < text.Length)
            {
                var c = text[Position++];
                if (c == quote)
                {
                    value = builder.ToString();
                    return true;
                }

                if (c is '\n' or '\r')
                {
                    break;
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (Position >= text.Length)
                {
                    break;
                }

                var e = text[Position++];
                switch (e)
                {
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u' when Position + 4 <= text.Length
                        && int.TryParse(text.AsSpan(Position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        builder.Append((char)code);
                        Position += 4;
                        break;
                    default: builder.Append(e); break;
                }
            }

            value = string.Empty;
            return false;
        }

        private string Identifier()
        {
            var start = Position;
            while (Position < text.Length && (char.IsLetterOrDigit(text[Position]) || text[Position] is '_' or '$'))
            {
                Position++;
            }

            return text[start..Position];
        }

        // Skips white space and comments; false at the end of the text.
        private bool SkipTrivia()
        {
            while (Position < text.Length)
            {
                var c = text[Position];
                if (char.IsWhiteSpace(c))
                {
                    Position++;
                }
                else if (c == '/' && Position + 1 < text.Length && text[Position + 1] == '/')
                {
                    var end = text.IndexOf('\n', Position);
                    Position = end < 0 ? text.Length : end + 1;
                }
                else if (c == '/' && Position + 1 < text.Length && text[Position + 1] == '*')
                {
                    var end = text.IndexOf("*/", Position + 2, StringComparison.Ordinal);
                    Position = end < 0 ? text.Length : end + 2;
                }
                else
                {
                    return true;
                }
            }

            return false;
        }
    }
}
