using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gongkai.Functions.LocalHost;
using Gongkai.Storage;

namespace Gongkai.Functions.Tests;

/// <summary>The Azurite `gongkai serve` and `gongkai reparse` start for UseDevelopmentStorage=true keeps its data across restarts.</summary>
public sealed class LocalAzuriteTests
{
    [Fact]
    public async Task Data_written_before_a_restart_is_there_after_it()
    {
        var location = Path.Combine(Path.GetTempPath(), $"gongkai-azurite-{Guid.NewGuid():N}");
        int[] ports = [FreePort(), FreePort(), FreePort()];
        var account = StorageAccount.FromConnectionString(string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageConnectionString.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;"));
        var log = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            await using (await AzuriteLauncher.StartAsync(log, location, ports, CancellationToken.None))
            {
                var raw = account.GetBlobContainer(StorageNames.RawReportsContainer);
                await raw.CreateIfNotExistsAsync();
                using var page = new MemoryStream("<html>年报</html>"u8.ToArray());
                await raw.UploadAsync("p/2024/a.html", page);
                var reports = account.GetTable(StorageNames.ReportsTable);
                await reports.CreateIfNotExistsAsync();
                await reports.AddEntityAsync(new TableEntity("2024-0123456789abcdef", "2024-0123456789abcdef") { ["Agency"] = "东江市青石区人民政府" });
            }

            await using (await AzuriteLauncher.StartAsync(log, location, ports, CancellationToken.None))
            {
                await using var download = await account.GetBlobContainer(StorageNames.RawReportsContainer).DownloadAsync("p/2024/a.html");
                using var reader = new StreamReader(download.Content);
                Assert.Equal("<html>年报</html>", await reader.ReadToEndAsync());
                var row = await account.GetTable(StorageNames.ReportsTable).GetEntityAsync("2024-0123456789abcdef", "2024-0123456789abcdef");
                Assert.Equal("东江市青石区人民政府", row?.GetString("Agency"));
            }
            Assert.Contains($"data in {location}", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
