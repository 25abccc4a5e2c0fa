using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// Application Insights' ingestion endpoint (<c>POST /v2.1/track</c>, newline-delimited JSON envelopes, gzip) on
/// 127.0.0.1, keeping what the Azure Monitor exporter sends: the rows the workbook and alerts will query.
/// </summary>
internal sealed class LoopbackIngestion : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _envelopes = new();

    private LoopbackIngestion(WebApplication app) => _app = app;

    public string ConnectionString { get; private set; } = "";

    public IReadOnlyList<JsonElement> Envelopes => _envelopes.ToList();

    public static async Task<LoopbackIngestion> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var ingestion = new LoopbackIngestion(app);
        app.MapPost("/v2.1/track", ingestion.TrackAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        // Live metrics would go to its own endpoint: point it here too, so nothing leaves the machine.
        ingestion.ConnectionString = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={address}/;LiveEndpoint={address}/";
        return ingestion;
    }

    /// <summary>The <c>baseData</c> of every envelope of <paramref name="baseType"/> (MetricData, RequestData, …), with its tags.</summary>
    public IReadOnlyList<(JsonElement Data, JsonElement Tags)> Of(string baseType) =>
        Envelopes.Where(e => e.GetProperty("data").GetProperty("baseType").GetString() == baseType)
            .Select(e => (e.GetProperty("data").GetProperty("baseData"), e.TryGetProperty("tags", out var tags) ? tags : default))
            .ToList();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> TrackAsync(HttpRequest request)
    {
        Stream body = request.Body;
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(request.Body, CompressionMode.Decompress);
        }
        using var reader = new StreamReader(body);
        var received = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                using var document = JsonDocument.Parse(line);
                _envelopes.Enqueue(document.RootElement.Clone());
                received++;
            }
        }
        return Results.Json(new { itemsReceived = received, itemsAccepted = received, errors = Array.Empty<object>() });
    }
}
