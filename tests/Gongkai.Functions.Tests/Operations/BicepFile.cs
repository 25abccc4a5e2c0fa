using System.Text.RegularExpressions;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// Reads the declarations of a Bicep file that the tests cross-check: parameters (and whether they have a default),
/// outputs, module references with the parameters passed to them, string arrays assigned to variables, and the
/// files loaded with loadTextContent/loadJsonContent. No Bicep compiler is available where these tests run, so this
/// stands in for the checks it would make across files; it understands only the constructs Gongkai's Bicep uses.
/// </summary>
internal sealed partial class BicepFile
{
    private BicepFile(string relativePath, string text)
    {
        RelativePath = relativePath;
        Text = text;
        CodeOnly = StripCommentsAndStrings(text);
    }

    public string RelativePath { get; }

    public string Text { get; }

    /// <summary>The text with comments removed and string contents blanked, for structure checks.</summary>
    public string CodeOnly { get; }

    public static BicepFile Load(string relativePath) => new(relativePath, Repository.Read(relativePath));

    public IReadOnlyDictionary<string, bool> Parameters =>
        ParamPattern().Matches(Text).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success);

    public IReadOnlySet<string> Outputs =>
        OutputPattern().Matches(Text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<string> LoadedFiles =>
        LoadPattern().Matches(Text).Select(m => m.Groups["path"].Value).ToList();

    public IReadOnlyList<ModuleReference> Modules
    {
        get
        {
            var modules = new List<ModuleReference>();
            foreach (Match match in ModulePattern().Matches(Text))
            {
                var body = BlockAfter(match.Index + match.Length - 1);
                var paramsAt = ParamsBlockPattern().Match(body);
                var passed = paramsAt.Success
                    ? TopLevelKeys(BlockIn(body, paramsAt.Index + paramsAt.Length - 1))
                    : [];
                modules.Add(new ModuleReference(match.Groups["symbol"].Value, match.Groups["path"].Value, passed));
            }
            return modules;
        }
    }

    /// <summary>The string literals of <c>var name = [ 'a' 'b' ]</c>.</summary>
    public IReadOnlyList<string> StringArray(string variable)
    {
        var match = Regex.Match(Text, $@"^var {Regex.Escape(variable)} = \[(?<items>[^\]]*)\]", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"{RelativePath} declares no array variable '{variable}'.");
        }
        return Regex.Matches(match.Groups["items"].Value, "'(?<item>[^']*)'").Select(m => m.Groups["item"].Value).ToList();
    }

    /// <summary>The keys of the object assigned to <c>properties:</c> inside the named nested resource.</summary>
    public IReadOnlySet<string> ObjectKeysOfResource(string symbol)
    {
        var match = Regex.Match(Text, $@"resource {Regex.Escape(symbol)} '[^']*' = \{{");
        if (!match.Success)
        {
            throw new InvalidOperationException($"{RelativePath} declares no resource '{symbol}'.");
        }
        var body = BlockAfter(match.Index + match.Length - 1);
        var properties = Regex.Match(body, @"\bproperties: \{");
        return TopLevelKeys(BlockIn(body, properties.Index + properties.Length - 1)).ToHashSet(StringComparer.Ordinal);
    }

    private string BlockAfter(int openBrace) => BlockIn(Text, openBrace);

    private static string BlockIn(string text, int openBrace)
    {
        var depth = 0;
        for (var i = openBrace; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return text[(openBrace + 1)..i];
            }
        }
        throw new InvalidOperationException("Unbalanced braces.");
    }

    private static List<string> TopLevelKeys(string objectBody)
    {
        var keys = new List<string>();
        var depth = 0;
        foreach (var line in objectBody.Split('\n'))
        {
            if (depth == 0)
            {
                var key = KeyPattern().Match(line);
                if (key.Success)
                {
                    keys.Add(key.Groups["key"].Value);
                }
            }
            var code = StripCommentsAndStrings(line);
            depth += code.Count(c => c is '{' or '[') - code.Count(c => c is '}' or ']');
        }
        return keys;
    }

    private static string StripCommentsAndStrings(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\' && i + 1 < text.Length)
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                    result.Append(c);
                }
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
                result.Append('\n');
                continue;
            }
            if (c == '\'')
            {
                inString = true;
            }
            result.Append(c);
        }
        return result.ToString();
    }

    [GeneratedRegex(@"^param (?<name>\w+) [\w.]+(?<default> =)?", RegexOptions.Multiline)]
    private static partial Regex ParamPattern();

    [GeneratedRegex(@"^output (?<name>\w+) ", RegexOptions.Multiline)]
    private static partial Regex OutputPattern();

    [GeneratedRegex(@"load(?:Text|Json)Content\('(?<path>[^']+)'")]
    private static partial Regex LoadPattern();

    [GeneratedRegex(@"^module (?<symbol>\w+) '(?<path>[^']+)' = (?:if \([^)]*\) )?\{", RegexOptions.Multiline)]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"\n\s*params: \{")]
    private static partial Regex ParamsBlockPattern();

    [GeneratedRegex(@"^\s*'?(?<key>[\w$-]+)'?\s*:")]
    private static partial Regex KeyPattern();
}

internal sealed record ModuleReference(string Symbol, string Path, IReadOnlyList<string> PassedParameters);
