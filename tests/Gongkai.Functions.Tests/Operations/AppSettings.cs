using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// The settings the app reads, found from the code (env var form: A__B): options types bound to a configuration
/// section (a <c>SectionName</c> constant), the <c>%Setting%</c> expressions and connections of the built app's
/// functions.metadata, and keys read through the usual configuration APIs.
/// </summary>
internal static partial class AppSettings
{
    /// <summary>Read by the Functions host on the app's behalf; the code never names them.</summary>
    public static readonly IReadOnlyList<string> ReadByTheHost =
    [
        "AzureWebJobsStorage",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>Set by the Functions host or the platform, never by us.</summary>
    public static readonly IReadOnlySet<string> HostProvided = new HashSet<string>(StringComparer.Ordinal)
    {
        "FUNCTIONS_WORKER_RUNTIME",
    };

    /// <summary>Sections that mean something only outside Azure (local.settings.json, never the Function App).</summary>
    public static readonly IReadOnlySet<string> LocalOnlySections = new HashSet<string>(StringComparer.Ordinal)
    {
        "Gongkai__LocalHost", // the local trigger drivers and the Azurite it starts; Azure has neither
    };

    /// <summary>
    /// Read by the code but not app settings of ours: the platform's, and host.json sections the local host reads the
    /// way the Functions host does (matched as prefixes).
    /// </summary>
    public static readonly IReadOnlyList<string> NotOurs =
    [
        "ASPNETCORE_",            // ASP.NET Core's environment
        "DOTNET_",
        "AzureFunctionsJobHost",  // the host's own override of host.json values (AzureFunctionsJobHost__…)
        "Logging",                // the standard logging section; host.json's logging in Azure
        "extensions",             // host.json's extensions section, read by the local trigger driver
    ];

    /// <summary>Options types bound from a configuration section, by section in env var form (<c>Gongkai__Harvest</c>).</summary>
    public static IReadOnlyDictionary<string, Type> OptionsSections()
    {
        var assemblies = typeof(Program).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("Gongkai.", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Append(typeof(Program).Assembly);
        var sections = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var section = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .SingleOrDefault(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name is "SectionName" or "ConfigurationPath");
            if (section is not null)
            {
                sections.Add(EnvironmentForm((string)section.GetRawConstantValue()!), type);
            }
        }
        return sections;
    }

    /// <summary>The properties a section's options type binds, as settings (<c>Gongkai__Harvest__ContactUrl</c>).</summary>
    public static IReadOnlyList<string> Bindable(string section, Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => $"{section}__{p.Name}")
            .ToList();

    /// <summary>The settings of a section that validation requires and that have no default.</summary>
    public static IReadOnlyList<string> RequiredWithoutDefault(string section, Type options)
    {
        var defaults = Activator.CreateInstance(options)!;
        return options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null && p.GetValue(defaults) is null)
            .Select(p => $"{section}__{p.Name}")
            .ToList();
    }

    /// <summary>Every setting or section read: by the host for us, by a trigger, or by code in src/.</summary>
    public static IReadOnlySet<string> ReadByTheApp()
    {
        var settings = new SortedSet<string>(ReadByTheHost, StringComparer.Ordinal);
        settings.UnionWith(OptionsSections().Keys);
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
                    foreach (Match match in SettingExpression().Matches(value))
                    {
                        yield return match.Groups["name"].Value;
                    }
                }
            }
        }
    }

    /// <summary>Settings named in src/: configuration keys read through the usual APIs, and <c>%Setting%</c> expressions.</summary>
    public static IEnumerable<string> ReadByCode()
    {
        var source = Repository.PathOf("src");
        foreach (var file in Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)
                || (Path.GetExtension(file) != ".cs" && Path.GetFileName(file) != "function.json"))
            {
                continue;
            }
            var text = File.ReadAllText(file);
            foreach (Match match in ConfigurationRead().Matches(text))
            {
                yield return EnvironmentForm(match.Groups["key"].Value);
            }
            foreach (Match match in PercentExpression().Matches(text))
            {
                yield return match.Groups["name"].Value;
            }
        }
    }

    /// <summary>True when <paramref name="setting"/> is set exactly, or as a family (<c>setting__*</c>).</summary>
    public static bool IsDeclared(string setting, IReadOnlyCollection<string> declared) =>
        declared.Contains(setting) || declared.Any(d => d.StartsWith(setting + "__", StringComparison.Ordinal));

    public static bool IsLocalOnly(string setting) =>
        LocalOnlySections.Any(section => setting == section || setting.StartsWith(section + "__", StringComparison.Ordinal));

    public static IReadOnlyDictionary<string, string?> LocalSettingsSample()
    {
        using var document = JsonDocument.Parse(Repository.Read("local.settings.sample.json"));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
    }

    private static string EnvironmentForm(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    [GeneratedRegex(@"""%(?<name>[A-Za-z_]\w*)%""")]
    private static partial Regex PercentExpression();

    [GeneratedRegex(@"%(?<name>[A-Za-z_]\w*)%")]
    private static partial Regex SettingExpression();

    [GeneratedRegex("""
        (?:GetSection|GetValue<[^>]+>|GetRequiredSection|GetEnvironmentVariable)\(\s*"(?<key>[^"]+)"
        |(?:[Cc]onfiguration|[Cc]onfig)\[\s*"(?<key>[^"]+)"\s*\]
        |const\s+string\s+\w*(?:SectionName|Setting|SettingName)\s*=\s*"(?<key>[^"]+)"
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ConfigurationRead();
}
