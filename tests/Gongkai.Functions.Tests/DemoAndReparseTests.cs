using System.Globalization;
using Gongkai.Functions.Commands;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Records;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

/// <summary>The main job (`./run.sh --once` = `gongkai demo --once`) and `gongkai reparse`, run in process.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DemoAndReparseTests
{
    [Fact]
    public async Task Demo_once_harvests_parses_every_sample_report_and_exits_zero()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var demo = new DemoRun(output, Path.Combine(RepositoryRoot.Find(), "samples", "portals.demo.json"), 0,
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });

        var exit = await demo.RunAsync(once: true, CancellationToken.None);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("reports parsed        14 of 14 report pages", text, StringComparison.Ordinal);
        Assert.Contains("failures recorded     0", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split('\n').Count(l => l.TrimStart().StartsWith("curl '", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Demo_once_fails_when_a_sample_report_never_reaches_the_api()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        // The demo portal without its second column: every page it finds still parses, but five sample reports are never found.
        var demoPortals = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "samples", "portals.demo.json"));
        var oneColumn = Path.Combine(Path.GetTempPath(), $"gongkai-demo-one-column-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(oneColumn, demoPortals.Replace(",\n        \"http://127.0.0.1:8780/zwgk/bmxxgknb/list.html?page=1\"", "", StringComparison.Ordinal));
        try
        {
            Assert.DoesNotContain("bmxxgknb", await File.ReadAllTextAsync(oneColumn), StringComparison.Ordinal);
            var output = new StringWriter(CultureInfo.InvariantCulture);
            var demo = new DemoRun(output, oneColumn, 0, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });

            var exit = await demo.RunAsync(once: true, CancellationToken.None);

            var text = output.ToString();
            Assert.True(exit == 1, text);
            Assert.Contains("NOT IN THE API: fin-2023 东江市青石区财政局 2023 (/art/2024/1/22/art_2031_5120.html)", text, StringComparison.Ordinal);
            Assert.DoesNotContain("NOT IN THE API: gov-", text, StringComparison.Ordinal);
            Assert.Equal(5, text.Split('\n').Count(l => l.Contains("NOT IN THE API: ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(oneColumn);
        }
    }

    [Fact]
    public async Task Reparse_rewrites_every_blob_resumably_with_progress()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var account = StorageClients.For(azurite.ConnectionString);
        for (var i = 0; i < 3; i++)
        {
            await account.UploadAsync(StorageNames.RawReportsContainer, $"reparse-portal/2021/{i}.html", System.Text.Encoding.UTF8.GetBytes(
                $"<html><body><h1>东江市青石区第{i}局2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度共收到政府信息公开申请{10 + i}件。</p></body></html>"),
                "text/html; charset=utf-8", new Dictionary<string, string> { ["portalid"] = "reparse-portal", ["sourceurl"] = $"http://127.0.0.1/{i}.html" });
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        await using var services = ReparseCommand.Services(configuration);
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var run = new ReparseRun(services.GetRequiredService<RecordStorage>(), services.GetRequiredService<ParseReportFunction>(), output);

        Assert.Equal(0, await run.RunAsync(since: null, portal: "reparse-portal", restart: false, CancellationToken.None));
        var lines = output.ToString();
        Assert.Contains("[    3/3] reparse-portal/2021/2.html -> ", lines, StringComparison.Ordinal);
        Assert.Equal(3, (await account.RowsAsync(StorageNames.ReportBlobsTable)).Count);

        // The checkpoint says the pass is complete: a second run with the same options starts afresh; --restart too.
        var again = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, await new ReparseRun(services.GetRequiredService<RecordStorage>(), services.GetRequiredService<ParseReportFunction>(), again)
            .RunAsync(null, "reparse-portal", restart: false, CancellationToken.None));
        Assert.Contains("Reparsing 3 blobs", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reparse_resumes_after_the_last_checkpointed_blob()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var account = StorageClients.For(azurite.ConnectionString);
        for (var i = 0; i < 30; i++)
        {
            await account.UploadAsync(StorageNames.RawReportsContainer, $"resume/2020/{i:D2}.html",
                System.Text.Encoding.UTF8.GetBytes($"<html><body><h1>第{i}局2020年政府信息公开工作年度报告</h1></body></html>"), "text/html; charset=utf-8");
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        await using var services = ReparseCommand.Services(configuration);
        var storage = services.GetRequiredService<RecordStorage>();
        var parse = services.GetRequiredService<ParseReportFunction>();

        // Interrupted after the first checkpoint (every 25 blobs), once blob 27 is done: the interruption saves it too.
        using var cancel = new CancellationTokenSource();
        var interrupted = new CancellingWriter(cancel, "[   27/30]");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReparseRun(storage, parse, interrupted).RunAsync(null, "resume", false, cancel.Token));

        var resumed = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, await new ReparseRun(storage, parse, resumed).RunAsync(null, "resume", false, CancellationToken.None));
        Assert.Contains("Resuming after resume/2020/26.html: 3 of 30 blobs left (27 done before).", resumed.ToString(), StringComparison.Ordinal);
        Assert.Contains("Reparse finished: 30 blobs, 0 failed.", resumed.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Cancels the run when a given progress line is written, as Ctrl+C would.</summary>
    private sealed class CancellingWriter(CancellationTokenSource cancel, string trigger) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override Task WriteLineAsync(string? value)
        {
            if (value is not null && value.StartsWith(trigger, StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
            return base.WriteLineAsync(value);
        }
    }
}
