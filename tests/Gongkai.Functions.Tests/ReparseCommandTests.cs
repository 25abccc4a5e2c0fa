using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Gongkai.Functions.Commands;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Records;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests;

/// <summary><c>gongkai reparse</c>'s options and interruptions, against a fresh emulator per test.</summary>
public sealed class ReparseCommandTests : IAsyncLifetime
{
    private AzuriteServer azurite = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        services = ReparseCommand.Services(configuration);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private StorageClients Account => StorageClients.For(azurite.ConnectionString);

    [Fact]
    public async Task A_portal_without_blobs_is_rejected_with_exit_code_2_and_no_pass_is_run()
    {
        await UploadAsync("known-portal", 2);
        var (output, error) = (Writer(), Writer());

        var exit = await Run(output, error).RunAsync(null, "nope", restart: false, CancellationToken.None);

        Assert.Equal(ReparseRun.UsageError, exit);
        Assert.Equal(2, exit);
        Assert.Contains("error: --portal 'nope': raw-reports has no blobs of that portal", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.Empty(await RowsAsync(StorageNames.ReparseCheckpointsTable));
        Assert.Empty(await RowsAsync(StorageNames.ReportBlobsTable));
    }

    [Fact]
    public async Task Since_takes_the_blobs_stored_on_or_after_the_date_only()
    {
        var names = await UploadAsync("since-portal", 3);
        var stored = (await Account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer).GetBlobClient(names[0]).GetPropertiesAsync()).Value;
        var storedOn = stored.CreatedOn.UtcDateTime.Date;

        // The day after they were stored: none. A known portal with nothing new is not an error.
        var after = Writer();
        Assert.Equal(0, await Run(after).RunAsync(new DateTimeOffset(storedOn.AddDays(1), TimeSpan.Zero), "since-portal", false, CancellationToken.None));
        Assert.Contains("Reparsing 0 blobs", after.ToString(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(StorageNames.ReportBlobsTable));

        // The day they were stored (and, without --portal, across portals): all of them.
        var on = Writer();
        Assert.Equal(0, await Run(on).RunAsync(new DateTimeOffset(storedOn, TimeSpan.Zero), null, false, CancellationToken.None));
        Assert.Contains("Reparsing 3 blobs", on.ToString(), StringComparison.Ordinal);
        Assert.Contains("Reparse finished: 3 blobs, 0 failed.", on.ToString(), StringComparison.Ordinal);
        Assert.Equal(names, (await RowsAsync(StorageNames.ReportBlobsTable)).Select(r => r.GetString("Blob")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Interrupted_before_any_checkpoint_it_saves_one_so_only_the_unfinished_blobs_are_redone()
    {
        await UploadAsync("cancel-portal", 10);
        using var cancel = new CancellationTokenSource();
        // Ctrl+C while blob 4 is being parsed: cancelled as soon as blob 3's progress line is out.
        var interrupted = new CancellingWriter(cancel, "[    3/10]");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(interrupted).RunAsync(null, "cancel-portal", false, cancel.Token));
        Assert.Contains("Interrupted: checkpoint saved after cancel-portal/2021/02.html (3 done)", interrupted.ToString(), StringComparison.Ordinal);

        var resumed = Writer();
        Assert.Equal(0, await Run(resumed).RunAsync(null, "cancel-portal", false, CancellationToken.None));
        Assert.Contains("Resuming after cancel-portal/2021/02.html: 7 of 10 blobs left (3 done before).", resumed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cancel-portal/2021/02.html ->", resumed.ToString(), StringComparison.Ordinal);
        Assert.Contains("Reparse finished: 10 blobs, 0 failed.", resumed.ToString(), StringComparison.Ordinal);
    }

    private ReparseRun Run(TextWriter output, TextWriter? error = null) =>
        new(services.GetRequiredService<RecordStorage>(), services.GetRequiredService<ParseReportFunction>(), output, error);

    private async Task<List<string>> UploadAsync(string portal, int count)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"{portal}/2021/{i:D2}.html";
            await Account.UploadAsync(StorageNames.RawReportsContainer, name, Encoding.UTF8.GetBytes(
                $"<html><body><h1>东江市青石区第{i}局2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度共收到政府信息公开申请{20 + i}件。</p></body></html>"),
                "text/html; charset=utf-8", new Dictionary<string, string> { ["portalid"] = portal, ["sourceurl"] = $"http://127.0.0.1/{name}" });
            names.Add(name);
        }
        return names;
    }

    private Task<List<TableEntity>> RowsAsync(string table) => Account.RowsAsync(table);

    private static StringWriter Writer() => new(CultureInfo.InvariantCulture);

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
