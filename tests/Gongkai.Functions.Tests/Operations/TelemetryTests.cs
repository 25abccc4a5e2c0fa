using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Gongkai.Functions.Telemetry;
using Gongkai.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gongkai.Functions.Tests.Operations;

public sealed class TelemetryTests
{
    [Fact]
    public void Parse_metrics_carry_portal_outcome_format_and_problem_code()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var recorded = new RecordedMeasurements(factory);
        var telemetry = new ParseTelemetry(factory);
        var report = new ParsedReport
        {
            Format = ReportFormats.Format2021,
            Metrics = new Dictionary<string, ReportMetric>
            {
                ["requests.received"] = new("requests.received", 12, new MetricProvenance { Kind = "table" }),
                ["requests.granted"] = new("requests.granted", 7, new MetricProvenance { Kind = "sentence" }),
            },
            Problems = [new("check.table3.balance", "一+二 ≠ 三+四"), new("figures.recovered", "recovered from text")],
        };

        telemetry.Parsed("gov-a/2023/abc.html", report, TimeSpan.FromMilliseconds(40));
        telemetry.Failed("gov-b/unknown/def.html", TimeSpan.FromMilliseconds(5));
        telemetry.Skipped("gov-a/2023/ghi.pdf");

        var reports = recorded.Of(ParseTelemetry.ReportsInstrument);
        Assert.Equal(3, reports.Count);
        Assert.Contains(reports, m => m.Tags == "gongkai.format=2021;gongkai.outcome=parsed;gongkai.portal=gov-a" && m.Value == 1);
        Assert.Contains(reports, m => m.Tags == "gongkai.outcome=failed;gongkai.portal=gov-b");
        Assert.Contains(reports, m => m.Tags == "gongkai.outcome=skipped;gongkai.portal=gov-a");
        var figures = Assert.Single(recorded.Of(ParseTelemetry.FiguresInstrument));
        Assert.Equal(("gongkai.portal=gov-a", 2.0), (figures.Tags, figures.Value));
        Assert.Equal(
            ["gongkai.problem_code=check.table3.balance", "gongkai.problem_code=figures.recovered"],
            recorded.Of(ParseTelemetry.ProblemsInstrument).Select(m => m.Tags).Order());
        var durations = recorded.Of(ParseTelemetry.DurationInstrument);
        Assert.Contains(durations, m => m.Tags == "gongkai.outcome=parsed;gongkai.portal=gov-a" && m.Value == 40);
        Assert.Contains(durations, m => m.Tags == "gongkai.outcome=failed;gongkai.portal=gov-b" && m.Value == 5);
    }

    [Theory]
    [InlineData("gov-a/2023/abc.html", "gov-a")]
    [InlineData("abc.html", "unknown")]
    [InlineData("/abc.html", "unknown")]
    [InlineData("", "unknown")]
    public void The_portal_is_the_raw_blob_name_s_first_segment(string blob, string portal) =>
        Assert.Equal(portal, ParseTelemetry.PortalOf(blob));

    [Fact]
    public async Task The_Gongkai_meter_reaches_Application_Insights_as_custom_metrics_with_its_tags_as_dimensions()
    {
        await using var ingestion = await LoopbackIngestion.StartAsync();
        var host = await TelemetryTo(ingestion);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var meter = factory.Create("Gongkai");
        var runs = meter.CreateCounter<long>("gongkai.harvest.runs");
        var duration = meter.CreateHistogram<double>("gongkai.harvest.run.duration", "s");
        runs.Add(1, new("gongkai.portal", "gov-a"), new("gongkai.outcome", "completed"));
        runs.Add(1, new("gongkai.outcome", "completed"), new("gongkai.portal", "gov-a"));
        runs.Add(1, new("gongkai.portal", "gov-b"), new("gongkai.outcome", "skipped"));
        duration.Record(30, new KeyValuePair<string, object?>("gongkai.portal", "gov-a"));
        duration.Record(90, new KeyValuePair<string, object?>("gongkai.portal", "gov-a"));
        factory.Create("Other").CreateCounter<long>("other.count").Add(1);
        await StopAsync(host);

        var metrics = ingestion.Of("MetricData")
            .SelectMany(m => m.Data.GetProperty("metrics").EnumerateArray().Select(point => (Point: point, Properties: Properties(m.Data))))
            .ToList();
        var completed = Assert.Single(metrics, m => Name(m.Point) == "gongkai.harvest.runs" && m.Properties["gongkai.outcome"] == "completed");
        Assert.Equal(2, completed.Point.GetProperty("value").GetDouble());
        Assert.Equal("gov-a", completed.Properties["gongkai.portal"]);
        var skipped = Assert.Single(metrics, m => Name(m.Point) == "gongkai.harvest.runs" && m.Properties["gongkai.outcome"] == "skipped");
        Assert.Equal(("gov-b", 1.0), (skipped.Properties["gongkai.portal"], skipped.Point.GetProperty("value").GetDouble()));
        var runDuration = Assert.Single(metrics, m => Name(m.Point) == "gongkai.harvest.run.duration").Point;
        Assert.Equal((2, 120.0, 90.0), (runDuration.GetProperty("count").GetInt32(), runDuration.GetProperty("value").GetDouble(), runDuration.GetProperty("max").GetDouble()));
        Assert.DoesNotContain(metrics, m => Name(m.Point) == "other.count");
    }

    [Fact]
    public async Task A_harvest_run_its_fetches_and_the_logs_inside_share_one_operation()
    {
        await using var ingestion = await LoopbackIngestion.StartAsync();
        var host = await TelemetryTo(ingestion);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gongkai.Tests");
        using (var source = new ActivitySource("Gongkai"))
        {
            using var run = source.StartActivity("gongkai.harvest.run")!;
            run.SetTag("gongkai.portal", "gov-a");
            using (logger.BeginScope(new Dictionary<string, object> { ["PortalId"] = "gov-a" }))
            {
                logger.LogWarning("Fetch of {Url} failed with {Status}", "https://gov-a.example/r/1.html", 503);
            }
            // The tags PageFetcher sets: an HTTP client span in OpenTelemetry's conventions, plus Gongkai's own.
            using var fetch = source.StartActivity("gongkai.harvest.fetch", ActivityKind.Client)!;
            fetch.SetTag("gongkai.portal", "gov-a");
            fetch.SetTag("http.request.method", "GET");
            fetch.SetTag("url.full", "https://gov-a.example/r/1.html");
            fetch.SetTag("server.address", "gov-a.example");
            fetch.SetTag("http.response.status_code", 503);
            fetch.SetTag("gongkai.fetch.outcome", "Failed");
            fetch.SetStatus(ActivityStatusCode.Error, "HttpStatus");
            fetch.Stop();
            run.Stop();
            await StopAsync(host);

            var dependencies = ingestion.Of("RemoteDependencyData");
            Assert.True(dependencies.Count == 2, "received: " + string.Join("\n", ingestion.Envelopes.Select(e => e.GetRawText())));
            var runDependency = Assert.Single(dependencies, d => d.Data.GetProperty("name").GetString() == "gongkai.harvest.run");
            var fetchDependency = Assert.Single(dependencies, d => d.Data.GetProperty("type").GetString() == "Http");
            Assert.Equal(run.TraceId.ToHexString(), runDependency.Tags.GetProperty("ai.operation.id").GetString());
            Assert.Equal(run.TraceId.ToHexString(), fetchDependency.Tags.GetProperty("ai.operation.id").GetString());
            Assert.Equal(run.SpanId.ToHexString(), fetchDependency.Tags.GetProperty("ai.operation.parentId").GetString());
            Assert.Equal(
                ("GET /r/1.html", false, "503", "https://gov-a.example/r/1.html", "gov-a.example"),
                (fetchDependency.Data.GetProperty("name").GetString(), fetchDependency.Data.GetProperty("success").GetBoolean(), fetchDependency.Data.GetProperty("resultCode").GetString(),
                 fetchDependency.Data.GetProperty("data").GetString(), fetchDependency.Data.GetProperty("target").GetString()));
            Assert.Equal(("gov-a", "Failed"), (Properties(fetchDependency.Data)["gongkai.portal"], Properties(fetchDependency.Data)["gongkai.fetch.outcome"]));
            Assert.Equal("gov-a", Properties(runDependency.Data)["gongkai.portal"]);

            var message = Assert.Single(ingestion.Of("MessageData"), m => m.Data.GetProperty("message").GetString()!.Contains("503", StringComparison.Ordinal));
            Assert.Equal(run.TraceId.ToHexString(), message.Tags.GetProperty("ai.operation.id").GetString());
            var properties = Properties(message.Data);
            Assert.Equal(("gov-a", "https://gov-a.example/r/1.html", "503"), (properties["PortalId"], properties["Url"], properties["Status"]));
        }
    }

    [Fact]
    public async Task Local_runs_print_the_meter_like_dotnet_counters()
    {
        var output = new StringWriter();
        var services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new MetricsConsole(TextWriter.Synchronized(output)))
            .AddSingleton(Options.Create(new TelemetryOptions { ConsoleMetricsInterval = TimeSpan.FromMilliseconds(100) }))
            .AddSingleton<ConsoleMetricsReporter>();
        using var provider = services.BuildServiceProvider();
        var reporter = provider.GetRequiredService<ConsoleMetricsReporter>();
        await reporter.StartAsync(CancellationToken.None);
        try
        {
            var telemetry = new ParseTelemetry(provider.GetRequiredService<IMeterFactory>());
            telemetry.Failed("gov-b/2022/x.html", TimeSpan.FromMilliseconds(8));
            telemetry.Failed("gov-b/2022/y.html", TimeSpan.FromMilliseconds(4));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!Regex.IsMatch(output.ToString(), CountersLine) || !Regex.IsMatch(output.ToString(), HistogramLine))
            {
                if (DateTime.UtcNow > deadline)
                {
                    break;
                }
                await Task.Delay(50);
            }
        }
        finally
        {
            await reporter.StopAsync(CancellationToken.None);
        }

        var text = output.ToString();
        Assert.Contains("[Gongkai metrics]", text, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(text, CountersLine), text);
        Assert.Matches(HistogramLine, text);
    }

    // Totals since start, then the change over the interval (both measurements may fall in one interval or two).
    private const string CountersLine = @"gongkai\.parse\.reports \[outcome=failed, portal=gov-b\]\s+2 \(\+[12]\)";
    private const string HistogramLine = @"gongkai\.parse\.duration \(ms\) \[outcome=failed, portal=gov-b\]\s+count 2 \(\+[12]\)  mean 6\.0  max 8\.0";

    [Theory]
    [InlineData("ClientId=1f2e3d4c-0000-1111-2222-333344445555;Authorization=AAD", true, "1f2e3d4c-0000-1111-2222-333344445555")]
    [InlineData("Authorization=AAD", true, null)]
    [InlineData(" authorization = aad ; ", true, null)]
    [InlineData("", false, null)]
    [InlineData(null, false, null)]
    public void The_authentication_string_names_the_identity(string? value, bool entra, string? clientId) =>
        Assert.Equal(new AuthenticationString(entra, clientId), AuthenticationString.Parse(value));

    [Theory]
    [InlineData("ClientId=abc")]
    [InlineData("Authorization=Key")]
    [InlineData("ClientId")]
    public void A_malformed_authentication_string_is_a_clear_error(string value)
    {
        var error = Assert.Throws<FormatException>(() => AuthenticationString.Parse(value));
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_Insights_is_wired_only_when_a_connection_string_is_set()
    {
        var without = new ServiceCollection().AddLogging()
            .AddGongkaiTelemetry(new ConfigurationBuilder().Build());
        Assert.DoesNotContain(without, d => d.ServiceType == typeof(TracerProvider) || d.ServiceType == typeof(MeterProvider));
        Assert.Contains(without, d => d.ServiceType == typeof(ParseTelemetry));
        Assert.DoesNotContain(without, d => d.ImplementationType == typeof(ConsoleMetricsReporter));

        var settings = new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
            [TelemetryServiceCollectionExtensions.AuthenticationStringSetting] = "ClientId=1f2e3d4c-0000-1111-2222-333344445555;Authorization=AAD",
            ["Gongkai:Telemetry:ConsoleMetricsInterval"] = "00:00:30",
        };
        using var with = new ServiceCollection().AddLogging()
            .AddGongkaiTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        Assert.NotNull(with.GetService<TracerProvider>());
        Assert.NotNull(with.GetService<MeterProvider>());
        var exporter = with.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
        Assert.Contains(with.GetServices<IHostedService>(), s => s is ConsoleMetricsReporter);
        Assert.True(AppContext.TryGetSwitch(TelemetryServiceCollectionExtensions.AzureActivitySourceSwitch, out var on) && on);
    }

    /// <summary>
    /// Gongkai's telemetry wired to <paramref name="ingestion"/> in a started host: the exporter adds its trace and log
    /// processors when the host starts, as under the Functions worker.
    /// </summary>
    private static async Task<IHost> TelemetryTo(LoopbackIngestion ingestion)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = ingestion.ConnectionString });
        builder.Services.AddGongkaiTelemetry(builder.Configuration);
        builder.Services.Configure<AzureMonitorExporterOptions>(options =>
        {
            // Nothing kept on disk for a retry and no live metrics: the test's telemetry goes to the loopback endpoint only.
            options.DisableOfflineStorage = true;
            options.EnableLiveMetrics = false;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops and disposes the host, which flushes every provider to the ingestion endpoint.</summary>
    private static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static string? Name(JsonElement point) => point.GetProperty("name").GetString();

    private static Dictionary<string, string> Properties(JsonElement data) =>
        data.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
            : [];

    private sealed record Measurement(string Instrument, string Tags, double Value);

    /// <summary>An in-memory MeterListener over one meter factory's "Gongkai" meter.</summary>
    private sealed class RecordedMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();

        public RecordedMeasurements(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Gongkai" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
            _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
            _listener.Start();
        }

        public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var text = string.Join(';', tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
            _measurements.Enqueue(new Measurement(instrument.Name, text, value));
        }
    }
}
