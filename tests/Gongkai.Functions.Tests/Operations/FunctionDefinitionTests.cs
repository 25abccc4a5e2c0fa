using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// host.json and every function.json against the required fields of the Functions host's documented schemas
/// (host.json v2 with a custom handler; function.json bindings), and the function definitions against infra.
/// </summary>
public sealed partial class FunctionDefinitionTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private static readonly string[] HttpMethods = ["get", "post", "put", "delete", "patch", "head", "options", "trace"];

    public static TheoryData<string> Functions() => new(FunctionDefinitions.Files().Select(FunctionDefinitions.FunctionName));

    [Fact]
    public void Host_json_declares_version_2_an_extension_bundle_and_the_custom_handler()
    {
        using var host = JsonDocument.Parse(Repository.Read("host.json"));
        var root = host.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());

        var bundle = root.GetProperty("extensionBundle");
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        Assert.Matches(@"^\[\d+\.\*, \d+\.\d+\.\d+\)$", bundle.GetProperty("version").GetString());

        var handler = root.GetProperty("customHandler");
        var description = handler.GetProperty("description");
        // The host starts this file from the app root: it must be the executable dotnet publish produces.
        Assert.Equal("gongkai", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("gongkai", typeof(Program).Assembly.GetName().Name);
        Assert.Contains("serve", description.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public void There_are_the_four_functions_of_the_architecture() =>
        Assert.Equal(["HarvestPortal", "ParseReport", "QueryApi", "ScheduleHarvest"], FunctionDefinitions.Files().Select(FunctionDefinitions.FunctionName));

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_binding_has_type_direction_and_name_and_there_is_one_trigger(string function)
    {
        using var json = Load(function);
        var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();
        Assert.NotEmpty(bindings);
        foreach (var binding in bindings)
        {
            Assert.False(string.IsNullOrWhiteSpace(binding.GetProperty("type").GetString()), $"{function}: a binding without type");
            Assert.Contains(binding.GetProperty("direction").GetString(), new[] { "in", "out", "inout" });
            Assert.Matches(@"^[A-Za-z_$][\w$]*$", binding.GetProperty("name").GetString());
        }
        Assert.Equal(bindings.Count, bindings.Select(b => b.GetProperty("name").GetString()).Distinct().Count());
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        Assert.Equal("in", trigger.GetProperty("direction").GetString());
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_trigger_has_its_own_required_fields(string function)
    {
        using var json = Load(function);
        var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();
        var trigger = bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        switch (trigger.GetProperty("type").GetString())
        {
            case "timerTrigger":
                var schedule = trigger.GetProperty("schedule").GetString()!;
                Assert.True(PercentSetting().IsMatch(schedule) || schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6,
                    $"{function}: schedule '{schedule}' is neither %Setting% nor a six-field NCRONTAB expression");
                break;
            case "queueTrigger":
                Assert.Contains(trigger.GetProperty("queueName").GetString(), Queues());
                Assert.False(string.IsNullOrEmpty(trigger.GetProperty("connection").GetString()));
                break;
            case "blobTrigger":
                var path = trigger.GetProperty("path").GetString()!;
                Assert.Contains(path.Split('/')[0], Containers());
                Assert.Contains('{', path);
                Assert.False(string.IsNullOrEmpty(trigger.GetProperty("connection").GetString()));
                Assert.Contains(trigger.GetProperty("source").GetString(), new[] { "EventGrid", "LogsAndContainerScan" });
                break;
            case "httpTrigger":
                Assert.Contains(trigger.GetProperty("authLevel").GetString(), new[] { "anonymous", "function", "admin" });
                Assert.All(trigger.GetProperty("methods").EnumerateArray(), m => Assert.Contains(m.GetString(), HttpMethods));
                Assert.True(trigger.TryGetProperty("route", out _), $"{function}: httpTrigger without route");
                // Forwarded as is (enableForwardingHttpRequest) only when the HTTP trigger and output are all there is.
                var output = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "http");
                Assert.Equal(("out", "res"), (output.GetProperty("direction").GetString(), output.GetProperty("name").GetString()));
                Assert.Equal(2, bindings.Count);
                break;
            default:
                Assert.Fail($"{function}: unexpected trigger {trigger.GetProperty("type").GetString()}");
                break;
        }
    }

    private static JsonDocument Load(string function)
    {
        var path = Repository.PathOf($"{FunctionDefinitions.Folder}/{function}/function.json");
        Assert.True(File.Exists(path), $"{function} has no function.json");
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    /// <summary>Triggers may only watch queues and containers that infra creates.</summary>
    private IReadOnlyList<string> Queues() => CompiledTemplate.StringArrayVariable(template.Root, "queueNames");

    private IReadOnlyList<string> Containers() => CompiledTemplate.StringArrayVariable(template.Root, "blobContainerNames");

    [GeneratedRegex(@"^%\w+%$")]
    private static partial Regex PercentSetting();
}
