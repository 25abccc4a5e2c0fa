using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>The settings the app reads, as the code and the function definitions name them (env var form: A__B).</summary>
internal static partial class AppSettings
{
    /// <summary>The settings the parts agreed on (CONTRACTS: "names are final"); the scan below adds what code reads.</summary>
    public static readonly IReadOnlyList<string> Agreed =
    [
        "AzureWebJobsStorage",
        "HarvestSchedule",
        "Gongkai__Harvest__ContactUrl",
        "Gongkai__Harvest__PortalsFile",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>Set by the Functions host or the platform, never by us.</summary>
    public static readonly IReadOnlySet<string> HostProvided = new HashSet<string>(StringComparer.Ordinal)
    {
        "FUNCTIONS_WORKER_RUNTIME",
    };

    /// <summary>Ours, but meaningful only outside Azure (in local.settings.json, never among the Function App's settings).</summary>
    public static readonly IReadOnlySet<string> LocalOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "Gongkai__LocalHost__AzuriteLocation", // where a locally started Azurite keeps its data; Azure has no Azurite
    };

    /// <summary>
    /// Read by the code but not app settings of ours: the platform's, optional overrides with a default, and host.json
    /// sections the local host reads the way the Functions host does (matched as prefixes).
    /// </summary>
    public static readonly IReadOnlyList<string> NotOurs =
    [
        "ASPNETCORE_",            // ASP.NET Core's environment
        "DOTNET_",
        "AzureFunctionsJobHost",  // the host's own override of host.json values (AzureFunctionsJobHost__…)
        "Logging",                // the standard logging section; host.json's logging in Azure
        "extensions",             // host.json's extensions section, read by the local trigger driver
    ];

    /// <summary>Every setting read anywhere: agreed, referenced by functions.metadata, or read by code in src/.</summary>
    public static IReadOnlySet<string> ReadByTheApp()
    {
        var settings = new SortedSet<string>(Agreed, StringComparer.Ordinal);
        settings.UnionWith(ReferencedByFunctionDefinitions());
        settings.UnionWith(ReadByCode());
        settings.ExceptWith(HostProvided);
        settings.RemoveWhere(s => NotOurs.Any(prefix => s.StartsWith(prefix, StringComparison.Ordinal)));
        return settings;
    }

    /// <summary><c>%Setting%</c> expressions and <c>connection</c> names in the built app's functions.metadata.</summary>
    public static IEnumerable<string> ReferencedByFunctionDefinitions()
    {
        foreach (var function in FunctionMetadata.Load().Values)
        {
            foreach (var binding in FunctionMetadata.Bindings(function))
            {
                foreach (var property in binding.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    var value = property.Value.GetString()!;
                    if (property.Name == "connection")
                    {
                        yield return value;
                    }
                    foreach (Match match in PercentExpression().Matches(value))
                    {
                        yield return match.Groups["name"].Value;
                    }
                }
            }
        }
    }

    /// <summary>Configuration keys and options sections read through the usual APIs in src/**/*.cs.</summary>
    public static IEnumerable<string> ReadByCode()
    {
        var source = Repository.PathOf("src");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (Match match in ConfigurationRead().Matches(File.ReadAllText(file)))
            {
                yield return match.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal);
            }
        }
    }

    /// <summary>True when <paramref name="setting"/> is set exactly, or as an identity-based family (<c>setting__*</c>).</summary>
    public static bool IsDeclared(string setting, IReadOnlyCollection<string> declared) =>
        declared.Contains(setting) || declared.Any(d => d.StartsWith(setting + "__", StringComparison.Ordinal));

    public static IReadOnlyDictionary<string, string?> LocalSettingsSample()
    {
        using var document = JsonDocument.Parse(Repository.Read("local.settings.sample.json"));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
    }

    [GeneratedRegex(@"%(?<name>[A-Za-z_][\w]*)%")]
    private static partial Regex PercentExpression();

    [GeneratedRegex("""
        (?:GetSection|GetValue<[^>]+>|GetRequiredSection|GetEnvironmentVariable)\(\s*"(?<key>[^"]+)"
        |(?:[Cc]onfiguration|[Cc]onfig)\[\s*"(?<key>[^"]+)"\s*\]
        |const\s+string\s+\w*(?:SectionName|Setting|SettingName)\s*=\s*"(?<key>[^"]+)"
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ConfigurationRead();
}
