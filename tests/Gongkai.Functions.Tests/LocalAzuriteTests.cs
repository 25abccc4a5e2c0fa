using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Gongkai.Functions.LocalHost;
using Gongkai.Functions.Records;
using Gongkai.Harvest.Stores;
using Gongkai.Testing;

namespace Gongkai.Functions.Tests;

/// <summary>The Azurite `gongkai serve` and `gongkai reparse` start for UseDevelopmentStorage=true keeps its data across restarts.</summary>
public sealed class LocalAzuriteTests
{
    [Fact]
    public async Task Data_written_before_a_restart_is_there_after_it()
    {
        var location = Path.Combine(Path.GetTempPath(), $"gongkai-azurite-{Guid.NewGuid():N}");
        int[] ports = [FreePort(), FreePort(), FreePort()];
        var account = StorageClients.For(string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteServer.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;"));
        var log = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            await using (await AzuriteLauncher.StartAsync(log, location, ports, CancellationToken.None))
            {
                var raw = account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer);
                await raw.CreateIfNotExistsAsync();
                await raw.GetBlobClient("p/2024/a.html").UploadAsync(BinaryData.FromString("<html>年报</html>"));
                var reports = account.Tables.GetTableClient(StorageNames.ReportsTable);
                await reports.CreateIfNotExistsAsync();
                await reports.AddEntityAsync(new TableEntity("2024-0123456789abcdef", "2024-0123456789abcdef") { ["Agency"] = "东江市青石区人民政府" });
            }

            await using (await AzuriteLauncher.StartAsync(log, location, ports, CancellationToken.None))
            {
                var download = await account.Blobs.GetBlobContainerClient(StorageNames.RawReportsContainer).GetBlobClient("p/2024/a.html").DownloadContentAsync();
                Assert.Equal("<html>年报</html>", download.Value.Content.ToString());
                var row = await account.Tables.GetTableClient(StorageNames.ReportsTable).FindAsync("2024-0123456789abcdef", "2024-0123456789abcdef", null, CancellationToken.None);
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
