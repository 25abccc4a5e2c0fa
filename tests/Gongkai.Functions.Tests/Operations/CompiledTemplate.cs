using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// infra/main.bicep compiled to an ARM template by the Bicep CLI the repository pins (eng/bicep.sh, which fails on
/// any diagnostic, linter warnings included), once per test class. Tests read the JSON Azure would receive, so what
/// they check is what gets deployed, modules and loaded files included.
/// </summary>
public sealed partial class CompiledTemplate : IAsyncLifetime
{
    public const string MainBicep = "infra/main.bicep";

    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(5);

    private JsonDocument? _document;

    public JsonElement Root => (_document ?? throw new InvalidOperationException("The template is not compiled yet.")).RootElement;

    public async Task InitializeAsync() => _document = JsonDocument.Parse(await CompileAsync(MainBicep));

    public Task DisposeAsync()
    {
        _document?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/> (Bicep's module <c>name</c>).</summary>
    public JsonElement Module(string deploymentName) =>
        Resources(Root).SingleOrDefault(r => Type(r) == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == deploymentName) is { ValueKind: JsonValueKind.Object } deployment
            ? deployment.GetProperty("properties").GetProperty("template")
            : throw new InvalidOperationException($"{MainBicep} deploys no module named '{deploymentName}'.");

    /// <summary>Every resource of <paramref name="type"/>, in the main template and every module, with its template.</summary>
    public IReadOnlyList<(JsonElement Resource, JsonElement Template)> ResourcesOfType(string type) =>
        AllResources(Root).Where(r => Type(r.Resource) == type).ToList();

    /// <summary>The one resource of <paramref name="type"/> in the module deployed as <paramref name="deploymentName"/>.</summary>
    public JsonElement Resource(string deploymentName, string type) =>
        Assert.Single(Resources(Module(deploymentName)), r => Type(r) == type);

    /// <summary>The Function App's app settings, by name, as the template sets them (values are template expressions).</summary>
    public IReadOnlyDictionary<string, string> FunctionAppSettings()
    {
        var config = Resource("function-app", "Microsoft.Web/sites/config");
        Assert.Equal("[format('{0}/{1}', parameters('name'), 'appsettings')]", config.GetProperty("name").GetString());
        return config.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    /// <summary>A string array variable of a template, its elements that refer to other variables resolved.</summary>
    public static IReadOnlyList<string> StringArrayVariable(JsonElement template, string name) =>
        template.GetProperty("variables").GetProperty(name).EnumerateArray().Select(e => Evaluate(template, e.GetString()!)).ToList();

    /// <summary>
    /// Evaluates the few template expressions that name constants: a literal, <c>[variables('x')]</c> with member access
    /// (<c>.a.b</c>), and <c>[variables('x')[copyIndex()]]</c> (every element). Anything else is not a constant.
    /// </summary>
    public static IReadOnlyList<string> Constants(JsonElement template, string expression)
    {
        if (!expression.StartsWith('['))
        {
            return [expression];
        }
        var match = VariableReference().Match(expression[1..^1]);
        if (!match.Success)
        {
            throw new InvalidOperationException($"'{expression}' is not a constant this test can evaluate.");
        }
        var value = template.GetProperty("variables").GetProperty(match.Groups["name"].Value);
        foreach (Capture member in match.Groups["member"].Captures)
        {
            value = value.GetProperty(member.Value);
        }
        var values = match.Groups["each"].Success ? value.EnumerateArray().ToList() : [value];
        return values.SelectMany(v => Constants(template, v.GetString()!)).ToList();
    }

    public static string Type(JsonElement resource) => resource.GetProperty("type").GetString()!;

    public static IEnumerable<JsonElement> Resources(JsonElement template) =>
        template.GetProperty("resources") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray()
            : template.GetProperty("resources").EnumerateObject().Select(p => p.Value);

    private static string Evaluate(JsonElement template, string expression) => Assert.Single(Constants(template, expression));

    private static IEnumerable<(JsonElement Resource, JsonElement Template)> AllResources(JsonElement template)
    {
        foreach (var resource in Resources(template))
        {
            yield return (resource, template);
            if (Type(resource) == "Microsoft.Resources/deployments")
            {
                foreach (var nested in AllResources(resource.GetProperty("properties").GetProperty("template")))
                {
                    yield return nested;
                }
            }
        }
    }

    private static async Task<string> CompileAsync(string bicepFile)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Repository.PathOf("eng/bicep.sh"), "build", bicepFile, "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(CompileTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"eng/bicep.sh build {bicepFile} did not finish within {CompileTimeout}.");
        }
        var json = await output;
        Assert.True(process.ExitCode == 0, $"eng/bicep.sh build {bicepFile} failed ({process.ExitCode}):\n{await errors}");
        return json;
    }

    [GeneratedRegex(@"^variables\('(?<name>[^']+)'\)(?:\.(?<member>\w+))*(?<each>\[copyIndex\(\)\])?$")]
    private static partial Regex VariableReference();
}
