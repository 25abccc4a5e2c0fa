using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Gongkai.Functions.Tests.Infrastructure;
using Gongkai.Testing;
using Microsoft.Extensions.Azure;

namespace Gongkai.Functions.Tests.Storage;

/// <summary>
/// Storage that does not answer: the SDKs give up after their retries with an AggregateException of the attempts, which
/// the API reports as 503, not as a crash.
/// </summary>
public sealed class UnreachableStorageTests
{
    [Fact]
    public async Task Health_and_queries_answer_503_when_storage_cannot_be_reached()
    {
        var port = ClosedPort();
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.DevelopmentAccountName};AccountKey={AzuriteServer.DevelopmentAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/{AzuriteServer.DevelopmentAccountName};QueueEndpoint=http://127.0.0.1:{port}/{AzuriteServer.DevelopmentAccountName};" +
            $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteServer.DevelopmentAccountName};";
        await using var host = await RunningHost.StartAsync(connectionString, configureServices: services =>
            services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
            {
                options.Retry.MaxRetries = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(10);
            })));

        using var health = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using (var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.Equal("storage is unreachable", body.RootElement.GetProperty("storage").GetProperty("error").GetString());
        }

        using var report = await host.Client.GetAsync(new Uri("/api/reports/2023-0123456789abcdef", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        Assert.Equal("application/problem+json", report.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A loopback port nothing listens on: taken from the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
