using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Telemetry;
using Gongkai.Harvest.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// The saved queries (infra/queries, run verbatim by the workbook and the alert rules) ask for what the app really
/// emits: metric names that are instruments of the "Gongkai" meter, dimensions that are tags the code sets, and
/// request names that are functions. A renamed instrument or tag fails here instead of leaving an empty panel or an
/// alert that never fires.
/// </summary>
public sealed partial class TelemetryQueryTests
{
    public static TheoryData<string> Queries() => new(QueryFiles());

    private static IEnumerable<string> QueryFiles() =>
        Directory.EnumerateFiles(Repository.PathOf("infra/queries"), "*.kql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Queries))]
    public void Metric_names_are_instruments_of_the_Gongkai_meter(string query)
    {
        var instruments = GongkaiInstruments();
        var text = WithoutComments(Repository.Read(query));
        var asked = ComparedNames(text).Where(n => n.StartsWith("gongkai.", StringComparison.Ordinal)).ToList();
        Assert.True(asked.Count > 0 || !text.Contains("customMetrics", StringComparison.Ordinal), $"{query} reads customMetrics without naming a Gongkai metric");
        foreach (var name in asked)
        {
            Assert.True(instruments.Contains(name), $"{query} asks for metric '{name}', which no instrument of the Gongkai meter records (it has {string.Join(", ", instruments.Order())})");
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Dimensions_are_tags_the_code_sets(string query)
    {
        var named = NamedInSource();
        foreach (Match match in Dimension().Matches(WithoutComments(Repository.Read(query))))
        {
            var tag = match.Groups["tag"].Value;
            Assert.True(named.Contains(tag), $"{query} reads customDimensions[\"{tag}\"], a tag no code in src/ sets");
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Request_names_are_functions(string query)
    {
        var functions = typeof(FunctionNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var text = WithoutComments(Repository.Read(query));
        foreach (var name in ComparedNames(text).Where(n => !n.StartsWith("gongkai.", StringComparison.Ordinal)))
        {
            Assert.True(functions.Contains(name), $"{query} asks for '{name}', which is neither a Gongkai metric nor a function (FunctionNames)");
        }
    }

    /// <summary>Every Gongkai metric name the saved queries compare <c>name</c> with.</summary>
    internal static IReadOnlySet<string> QueriedMetricNames() =>
        QueryFiles().SelectMany(query => ComparedNames(WithoutComments(Repository.Read(query))))
            .Where(n => n.StartsWith("gongkai.", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The instruments the app creates on meter "Gongkai", seen by a listener as each component creates them.</summary>
    private static HashSet<string> GongkaiInstruments()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var instruments = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == ParseTelemetry.MeterName)
                {
                    instruments.Add(instrument.Name);
                }
            },
        };
        listener.Start();
        using var harvest = new HarvestTelemetry(factory);
        using var parse = new ParseTelemetry(factory);
        _ = new FunctionCounters(factory);
        return instruments;
    }

    /// <summary>Every <c>"gongkai.…"</c> and <c>"http.…"</c> string literal in src/: the tag keys code can set.</summary>
    private static HashSet<string> NamedInSource()
    {
        var source = Repository.PathOf("src");
        return Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TagLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups["tag"].Value))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> ComparedNames(string query)
    {
        foreach (Match match in NameComparison().Matches(query))
        {
            if (match.Groups["one"].Success)
            {
                yield return match.Groups["one"].Value;
            }
            foreach (Match item in QuotedString().Matches(match.Groups["list"].Value))
            {
                yield return item.Groups["value"].Value;
            }
        }
    }

    private static string WithoutComments(string query) => LineComment().Replace(query, "");

    [GeneratedRegex(@"^\s*//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\bname\s*(?:==\s*""(?<one>[^""]+)""|in\s*\((?<list>[^)]*)\))")]
    private static partial Regex NameComparison();

    [GeneratedRegex(@"""(?<value>[^""]*)""")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"customDimensions\[""(?<tag>[^""]+)""\]")]
    private static partial Regex Dimension();

    [GeneratedRegex(@"""(?<tag>(?:gongkai|http)\.[a-z_.]+)""")]
    private static partial Regex TagLiteral();
}
