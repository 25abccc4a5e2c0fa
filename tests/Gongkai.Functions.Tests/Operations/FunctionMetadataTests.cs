using System.Text.Json;
using Gongkai.Functions.Api;
using Gongkai.Functions.Hosting;
using Gongkai.Harvest.Stores;
using Microsoft.Extensions.Configuration;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// The SDK-generated functions.metadata of the built worker: exactly the app's functions, their triggers, queue,
/// container and connection names, the Event Grid blob source and the HTTP routes; kept in step with host.json,
/// local.settings.sample.json, the Bicep, and the local host's reading of the same attributes.
/// </summary>
public sealed partial class FunctionMetadataTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    /// <summary>Route, methods and authorization level of every HTTP function.</summary>
    private static readonly Dictionary<string, (string Route, string[] Methods, string AuthLevel)> Http = new()
    {
        [FunctionNames.ListReports] = ("reports", ["get", "head"], "Function"),
        [FunctionNames.GetReport] = ("reports/{id}", ["get", "head"], "Function"),
        [FunctionNames.ListAgencies] = ("agencies", ["get", "head"], "Function"),
        [FunctionNames.ListMetrics] = ("metrics", ["get", "head"], "Function"),
        [FunctionNames.RankMetric] = ("metrics/{key}", ["get", "head"], "Function"),
        [FunctionNames.AgencyMetric] = ("agencies/{agency}/metrics/{key}", ["get", "head"], "Function"),
        [FunctionNames.Health] = ("health", ["get", "head"], "Anonymous"),
        [FunctionNames.OpenApiDocument] = ("openapi.json", ["get", "head"], "Anonymous"),
        [FunctionNames.ApiFallback] = ("{*path}", ["get", "head", "post", "put", "patch", "delete", "options"], "Function"),
        [FunctionNames.WebPage] = ("web/{file?}", ["get", "head"], "Anonymous"),
    };

    [Fact]
    public void The_built_app_declares_exactly_the_functions_of_the_architecture_for_the_isolated_worker()
    {
        var functions = FunctionMetadata.Load();
        Assert.Equal(
            new[] { "HarvestPortal", "ParseReport", "ScheduleHarvest" }.Concat(Http.Keys).Order(StringComparer.Ordinal),
            functions.Keys.Order(StringComparer.Ordinal));
        Assert.All(functions.Values, f =>
        {
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
            Assert.Equal("gongkai.dll", f.GetProperty("scriptFile").GetString());
        });
    }

    [Fact]
    public void The_timer_queue_and_blob_triggers_name_the_schedule_setting_queue_container_connection_and_event_grid()
    {
        var functions = FunctionMetadata.Load();
        var timer = FunctionMetadata.Trigger(functions[FunctionNames.ScheduleHarvest]);
        Assert.Equal(("timerTrigger", "%HarvestSchedule%"), (timer.GetProperty("type").GetString(), timer.GetProperty("schedule").GetString()));

        var queue = FunctionMetadata.Trigger(functions[FunctionNames.HarvestPortal]);
        Assert.Equal(("queueTrigger", StorageNames.HarvestRequestsQueue, "AzureWebJobsStorage"),
            (queue.GetProperty("type").GetString(), queue.GetProperty("queueName").GetString(), queue.GetProperty("connection").GetString()));

        var blob = FunctionMetadata.Trigger(functions[FunctionNames.ParseReport]);
        Assert.Equal(("blobTrigger", StorageNames.RawReportsContainer + "/{name}", "AzureWebJobsStorage", "EventGrid"),
            (blob.GetProperty("type").GetString(), blob.GetProperty("path").GetString(), blob.GetProperty("connection").GetString(), blob.GetProperty("source").GetString()));

        // No output bindings: the functions write through the storage clients themselves.
        foreach (var name in new[] { FunctionNames.ScheduleHarvest, FunctionNames.HarvestPortal, FunctionNames.ParseReport })
        {
            Assert.Single(FunctionMetadata.Bindings(functions[name]));
        }
    }

    [Fact]
    public void Every_http_function_has_its_route_methods_authorization_and_an_http_answer()
    {
        var functions = FunctionMetadata.Load();
        foreach (var (name, (route, methods, authLevel)) in Http)
        {
            var trigger = FunctionMetadata.Trigger(functions[name]);
            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(route, trigger.GetProperty("route").GetString());
            Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.True(authLevel == trigger.GetProperty("authLevel").GetString(), $"{name}: authLevel {trigger.GetProperty("authLevel")}");
            var answer = Assert.Single(FunctionMetadata.Bindings(functions[name]), b => b.GetProperty("type").GetString() == "http");
            Assert.Equal(("$return", "Out"), (answer.GetProperty("name").GetString(), answer.GetProperty("direction").GetString()));
        }
    }

    [Fact]
    public void The_local_host_reads_the_same_functions_triggers_and_routes_from_the_attributes()
    {
        var functions = FunctionMetadata.Load();
        Assert.Equal(functions.Keys.Order(StringComparer.Ordinal), FunctionCatalog.All.Select(f => f.Name));
        var routes = new HttpRoutes(new ConfigurationBuilder().Build());
        Assert.Equal(HostJsonRoutePrefix(), routes.Prefix);
        foreach (var route in routes.Routes)
        {
            var trigger = FunctionMetadata.Trigger(functions[route.Function.Name]);
            Assert.Equal("/" + routes.Prefix + "/" + trigger.GetProperty("route").GetString(), route.Template);
            Assert.Equal(trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()), route.Methods);
        }
    }

    [Fact]
    public void Host_json_is_version_2_for_the_worker_with_no_custom_handler_or_bundle_and_ships_beside_it()
    {
        using var host = JsonDocument.Parse(Repository.Read(HostJsonPath));
        var root = host.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.False(root.TryGetProperty("customHandler", out _), "host.json still declares a custom handler");
        Assert.False(root.TryGetProperty("extensionBundle", out _), "the isolated worker brings its extensions; a bundle must not be declared");
        Assert.True(root.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32() > 0);
        Assert.Equal(Repository.Read(HostJsonPath), File.ReadAllText(Path.Combine(FunctionMetadata.Folder, "host.json")));

        using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionMetadata.Folder, "worker.config.json")));
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal(("dotnet-isolated", "gongkai.dll"), (description.GetProperty("language").GetString(), description.GetProperty("defaultWorkerPath").GetString()));
    }

    [Fact]
    public void Settings_queues_and_containers_the_triggers_name_exist_locally_and_in_the_bicep()
    {
        var sample = AppSettings.LocalSettingsSample();
        Assert.Equal("dotnet-isolated", sample["FUNCTIONS_WORKER_RUNTIME"]);
        foreach (var setting in AppSettings.ReferencedByFunctionDefinitions())
        {
            Assert.True(sample.ContainsKey(setting), $"local.settings.sample.json lacks {setting}");
            Assert.True(AppSettings.IsDeclared(setting, [.. template.FunctionAppSettings().Keys]),
                $"infra/app/function-app.bicep (appSettings) lacks {setting}");
        }
        var functions = FunctionMetadata.Load();
        var queues = CompiledTemplate.StringArrayVariable(template.Root, "queueNames");
        Assert.Contains(FunctionMetadata.Trigger(functions[FunctionNames.HarvestPortal]).GetProperty("queueName").GetString(), queues);
        Assert.Contains(StorageNames.HarvestRequestsPoisonQueue, queues);
        Assert.Contains(FunctionMetadata.Trigger(functions[FunctionNames.ParseReport]).GetProperty("path").GetString()!.Split('/')[0], CompiledTemplate.StringArrayVariable(template.Root, "blobContainerNames"));
    }

    [Fact]
    public void The_event_subscription_feeds_the_blob_trigger_that_exists()
    {
        // The subscription's own parameters (defaults) and webhook are checked in InfrastructureTests on the compiled template.
        var defaults = template.Module("blob-trigger-subscription").GetProperty("parameters");
        var functionName = defaults.GetProperty("functionName").GetProperty("defaultValue").GetString()!;
        var container = defaults.GetProperty("containerName").GetProperty("defaultValue").GetString()!;
        Assert.Equal(StorageNames.RawReportsContainer, container);

        var trigger = FunctionMetadata.Trigger(FunctionMetadata.Load()[functionName]);
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.StartsWith(container + "/", trigger.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    private const string HostJsonPath = "src/Gongkai.Functions/host.json";

    private static string HostJsonRoutePrefix()
    {
        using var host = JsonDocument.Parse(Repository.Read(HostJsonPath));
        return host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }
}
